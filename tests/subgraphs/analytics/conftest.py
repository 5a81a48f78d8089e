"""Helpers for analytics tests: a publisher on the test's exchange, GraphQL calls, polling."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

import httpx
import pytest

from common.events import Event
from common.events.amqp import AmqpEventBus
from common.events.catalog import EVENTS, Payload
from common.settings import Settings

T = TypeVar("T")


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


Gql = Callable[..., Awaitable[dict[str, Any]]]
Eventually = Callable[..., Awaitable[Any]]


async def _gql(
    url: str,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(
            f"{url}/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
    body: dict[str, Any] = response.json()
    return body


async def _eventually(
    probe: Callable[[], Awaitable[T]], done: Callable[[T], bool], *, within: float = 10.0
) -> T:
    """Poll `probe` until `done` accepts its result; fails after `within` seconds."""
    last: T | None = None
    try:
        async with asyncio.timeout(within):
            while True:
                last = await probe()
                if done(last):
                    return last
                await asyncio.sleep(0.05)
    except TimeoutError:
        pytest.fail(f"condition not reached within {within}s; last value: {last!r}")


@pytest.fixture
def gql() -> Gql:
    return _gql


@pytest.fixture
def eventually() -> Eventually:
    return _eventually


MakeEvent = Callable[..., Event]


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
def settings(settings: Settings) -> Settings:
    """Short retry delays: events deferred during a rebuild come back within a second."""
    return settings.model_copy(update={"events_retry_delays_ms": [100, 300]})
