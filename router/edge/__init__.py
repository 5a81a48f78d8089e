"""Edge concerns in front of planning: identity, throttling, persisted queries, cost,
metrics and traces."""

from router.edge.errors import EdgeRejection
from router.edge.gate import Edge

__all__ = ["Edge", "EdgeRejection"]
