from __future__ import annotations

import pytest

from tests.compat.node import install_clients, node_executable

# The subscription fixtures: `messages` + `people` subgraphs and the router on loopback.
from tests.router.subscriptions.conftest import stack, stack_factory

__all__ = ["node", "stack", "stack_factory"]


@pytest.fixture(scope="session")
def node() -> str:
    """The `node` executable, with the clients of package-lock.json installed."""
    executable = node_executable()
    install_clients()
    return executable
