from __future__ import annotations

import pytest

from common.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Short retries and leases so every fault plays out in seconds."""
    return settings.model_copy(
        update={
            "events_retry_delays_ms": [50, 1000],
            "events_max_retries": 2,
            "outbox_lease_seconds": 2.0,
            "outbox_poll_seconds": 0.2,
            "events_queue_expires_ms": 300_000,
        }
    )
