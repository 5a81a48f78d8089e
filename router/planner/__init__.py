"""Query planning over a supergraph."""

from router.planner.errors import PlanningError
from router.planner.nodes import (
    FetchNode,
    FlattenNode,
    ParallelNode,
    PlanNode,
    QueryPlan,
    RequiredField,
    RequiredFragment,
    RequiredType,
    SequenceNode,
)
from router.planner.planner import QueryPlanner

__all__ = [
    "FetchNode",
    "FlattenNode",
    "ParallelNode",
    "PlanNode",
    "PlanningError",
    "QueryPlan",
    "QueryPlanner",
    "RequiredField",
    "RequiredFragment",
    "RequiredType",
    "SequenceNode",
]
