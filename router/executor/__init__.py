"""Plan execution against subgraphs."""

from router.executor.errors import SUBGRAPH_ERROR, SUBGRAPH_UNAVAILABLE, SubgraphRequestError
from router.executor.executor import ExecutionState, PlanExecutor
from router.executor.fetcher import SubgraphClient
from router.executor.response import ResponseShaper

__all__ = [
    "SUBGRAPH_ERROR",
    "SUBGRAPH_UNAVAILABLE",
    "ExecutionState",
    "PlanExecutor",
    "ResponseShaper",
    "SubgraphClient",
    "SubgraphRequestError",
]
