"""Analytics tests' settings (the shared fixtures are in tests/subgraphs/conftest.py)."""

from __future__ import annotations

import pytest

from common.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Short retry delays: events deferred during a rebuild come back within a second."""
    return settings.model_copy(update={"events_retry_delays_ms": [100, 300]})
