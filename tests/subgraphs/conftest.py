"""Fixtures every subgraph's tests share."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from common.events.amqp import AmqpEventBus
from common.settings import Settings


@pytest.fixture
async def bus(settings: Settings) -> AsyncIterator[AmqpEventBus]:
    """A second connection to the test's exchange, as another subgraph would publish."""
    assert settings.amqp_url
    connection = AmqpEventBus(
        settings.amqp_url, exchange=settings.events_exchange, queue_expires_ms=60_000
    )
    await connection.connect()
    yield connection
    await connection.close()
