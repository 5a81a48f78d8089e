"""Helpers for analytics tests: a publisher on the test's exchange, GraphQL calls, polling."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

import pytest

from common.events import Event
from common.events.catalog import EVENTS, Payload
from common.settings import Settings
from common.testing.graphql import gql as gql_call
from common.testing.waiting import eventually as eventually_call

T = TypeVar("T")


Gql = Callable[..., Awaitable[dict[str, Any]]]
Eventually = Callable[..., Awaitable[Any]]


@pytest.fixture
def gql() -> Gql:
    return gql_call


@pytest.fixture
def eventually() -> Eventually:
    return eventually_call


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
