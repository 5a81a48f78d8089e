"""Checks run on every plan the planner makes; empty in production, filled by the tests.

The test suite registers one that validates each fetch against its subgraph's schema
(tests/plan_checks.py), so an invalid subgraph operation fails whichever test planned it,
whether or not that test looks at the fetches.
"""

from __future__ import annotations

from collections.abc import Callable

from router.planner.nodes import QueryPlan
from router.supergraph.model import Supergraph

PlanCheck = Callable[[Supergraph, QueryPlan], None]

_CHECKS: list[PlanCheck] = []


def add_plan_check(check: PlanCheck) -> Callable[[], None]:
    """Run `check` on every plan from now on; returns the function that removes it."""
    _CHECKS.append(check)
    return lambda: _CHECKS.remove(check)


def run_plan_checks(supergraph: Supergraph, plan: QueryPlan) -> None:
    for check in _CHECKS:
        check(supergraph, plan)
