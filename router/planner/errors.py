"""The planner's one failure: no plan exists (or could be built) for an operation."""

from __future__ import annotations

from common.errors import QueryPlanningFailed


class PlanningError(QueryPlanningFailed):
    """No plan exists for the operation over this supergraph."""
