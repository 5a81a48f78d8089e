from __future__ import annotations

import pytest

from common.settings import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Retries in milliseconds and leases in about a second, so failures play out fast."""
    return settings.model_copy(
        update={
            "events_retry_delays_ms": [50, 150],
            "events_max_retries": 2,
            "outbox_lease_seconds": 1.5,
            "outbox_poll_seconds": 0.2,
        }
    )
