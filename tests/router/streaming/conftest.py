from __future__ import annotations

# The subscription fixtures: `messages` + `people` subgraphs and the router on loopback.
from tests.router.subscriptions.conftest import stack, stack_factory

__all__ = ["stack", "stack_factory"]
