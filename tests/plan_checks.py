"""Every fetch any test's plan emits must be valid against its subgraph's schema.

The schemas are extracted from the plan's own supergraph (`router.supergraph.extract`),
so this holds for LifeGraph's supergraph and for every fixture one alike. A violation
fails the test that planned it at teardown, even when the router turned the planning into
an error response the test never looked at.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest
from graphql import GraphQLError, GraphQLSchema, parse, validate

from router.planner.checks import add_plan_check
from router.planner.nodes import QueryPlan
from router.supergraph.extract import subgraph_schemas
from router.supergraph.model import Supergraph

INVALID_FETCHES: list[str] = []


@functools.lru_cache(maxsize=32)
def _schemas(sdl: str) -> dict[str, GraphQLSchema]:
    return subgraph_schemas(sdl)


def fetch_errors(schema: GraphQLSchema, operation: str) -> list[str]:
    """Why `operation` is invalid against `schema` (empty when it is valid)."""
    try:
        # graphql-core accepts `{}` by default; the spec, Strawberry and Apollo do not
        document = parse(operation, allow_empty_selection_sets=False)
    except GraphQLError as error:
        return [f"syntax: {error.message}"]
    return [error.message for error in validate(schema, document)]


def validate_plan(supergraph: Supergraph, plan: QueryPlan) -> None:
    if not supergraph.sdl:
        return
    schemas = _schemas(supergraph.sdl)
    for fetch in plan.fetches():
        errors = fetch_errors(schemas[fetch.service], fetch.operation)
        if errors:
            INVALID_FETCHES.append(f"{fetch.service}: {'; '.join(errors)}\n  {fetch.operation}")


@pytest.fixture(scope="session", autouse=True)
def _plans_are_checked() -> Iterator[None]:
    remove = add_plan_check(validate_plan)
    yield
    remove()


@pytest.fixture(autouse=True)
def _emitted_fetches_are_valid() -> Iterator[None]:
    INVALID_FETCHES.clear()
    yield
    found, INVALID_FETCHES[:] = list(INVALID_FETCHES), []
    assert not found, "the planner emitted invalid subgraph operations:\n" + "\n".join(found)
