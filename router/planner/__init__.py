"""Query planning over a supergraph."""

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
from router.planner.planner import PlanningError, QueryPlanner

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
