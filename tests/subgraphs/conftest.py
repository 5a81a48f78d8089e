"""Fixtures every subgraph's tests share: a second publisher, events, GraphQL calls, polling."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import Any

import pytest

from common.events import Event
from common.events.amqp import AmqpEventBus
from common.events.catalog import EVENTS, Payload
from common.settings import Settings
from common.testing.graphql import gql as gql_call
from common.testing.waiting import eventually as eventually_call

Gql = Callable[..., Awaitable[dict[str, Any]]]
Eventually = Callable[..., Awaitable[Any]]
MakeEvent = Callable[..., Event]


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


def _make_event(
    type: str, *, payload: Payload, time: datetime | None = None, id: str | None = None
) -> Event:
    """An event as its publisher would send it, with the payload validated against the catalog."""
    assert isinstance(payload, EVENTS[type])
    fields: dict[str, Any] = {"time": time} if time is not None else {}
    if id is not None:
        fields["id"] = id
    return Event(
        type=type,
        source=type.split(".", 1)[0],
        data=payload.model_dump(mode="json"),
        **fields,
    )


@pytest.fixture
def make_event() -> MakeEvent:
    return _make_event


@pytest.fixture
def gql() -> Gql:
    return gql_call


@pytest.fixture
def eventually() -> Eventually:
    return eventually_call
