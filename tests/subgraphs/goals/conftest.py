from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from pymongo.asynchronous.client_session import AsyncClientSession

from common.app import relay_settings
from common.db import Database, init_database
from common.events import Event, InvalidEvent, OutboxPublisher, OutboxRelay
from common.events.amqp import AmqpEventBus
from common.events.outbox import COLLECTION as OUTBOX
from common.infra import Infrastructure
from common.testing.events import tap
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from common.testing.waiting import wait_until
from subgraphs.goals.app import subgraph
from subgraphs.goals.events import GoalsConsumers
from subgraphs.goals.models import MODELS
from subgraphs.goals.service.container import GoalsServices, build_services


@dataclass
class Recorder:
    """Collects events from the test's exchange; tests wait on conditions, never sleep."""

    events: list[Event] = field(default_factory=list)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def handle(self, event: Event) -> None:
        async with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def of(self, event_type: str) -> list[Event]:
        return [e for e in self.events if e.type == event_type]

    async def wait_for(
        self, predicate: Callable[[list[Event]], bool], within: float = 10.0
    ) -> list[Event]:
        async with asyncio.timeout(within), self._changed:
            await self._changed.wait_for(lambda: predicate(self.events))
        return self.events

    async def wait_count(self, event_type: str, count: int, within: float = 10.0) -> list[Event]:
        await self.wait_for(lambda _: len(self.of(event_type)) >= count, within)
        return self.of(event_type)


@pytest.fixture
async def recorder(bus: AmqpEventBus) -> Recorder:
    rec = Recorder()
    bus.subscribe("test.recorder", ["goals.#"], rec.handle)
    await bus.start_consuming()
    return rec


class Api:
    def __init__(self, url: str, keys: TestKeys) -> None:
        self.url = url
        self._keys = keys
        self.http = httpx.AsyncClient(timeout=30)

    async def call(
        self, query: str, variables: dict[str, Any] | None = None, *, user: str | None = None
    ) -> dict[str, Any]:
        headers = self._keys.bearer(user) if user else {}
        response = await self.http.post(
            f"{self.url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
        )
        body: dict[str, Any] = response.json()
        return body

    async def ok(
        self, query: str, variables: dict[str, Any] | None = None, *, user: str | None = None
    ) -> dict[str, Any]:
        body = await self.call(query, variables, user=user)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, *, user: str | None = None
    ) -> dict[str, Any]:
        body = await self.call(query, variables, user=user)
        assert body.get("errors"), body
        error: dict[str, Any] = body["errors"][0]
        return error


@pytest.fixture
async def api(
    serve_subgraph: ServeSubgraph, test_keys: TestKeys, recorder: Recorder
) -> AsyncIterator[Api]:
    # `recorder` first: its queue is bound before the subgraph publishes anything.
    async with serve_subgraph(subgraph) as url:
        client = Api(url, test_keys)
        yield client
        await client.http.aclose()


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2025, 3, 1, 12, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


class CrashingPublisher(OutboxPublisher):
    """The real outbox, except that publishing `crash_on` for the `nth` time fails.

    Stands for a process dying in the middle of a unit of work: the exception
    aborts the transaction exactly as a dead process's transaction is never committed.
    """

    def __init__(self, database: Database, *, crash_on: str, nth: int = 1) -> None:
        super().__init__(database)
        self._crash_on = crash_on
        self._left = nth

    async def publish(self, event: Event, *, session: AsyncClientSession | None = None) -> None:
        if event.type == self._crash_on:
            self._left -= 1
            if self._left == 0:
                raise InvalidEvent(f"crashed publishing {event.type}")
        await super().publish(event, session=session)


@pytest.fixture
async def service_recorder(infra: Infrastructure) -> AsyncIterator[Recorder]:
    rec = Recorder()
    async with tap(infra.settings, ["goals.#"], rec.handle):
        yield rec


@pytest.fixture
async def goals_database(infra: Infrastructure) -> Database:
    return await init_database(infra.mongo, infra.settings, "goals", MODELS)


@pytest.fixture
async def outbox(infra: Infrastructure, goals_database: Database) -> AsyncIterator[OutboxPublisher]:
    """The goals outbox with its relay running, as `SubgraphHost.start` sets them up."""
    publisher = OutboxPublisher(goals_database, shards=infra.settings.outbox_shards)
    await publisher.ensure_indexes()
    relay = OutboxRelay(
        goals_database,
        infra.bus,
        wake=publisher.woken,
        settings=relay_settings(infra.settings),
        ready=infra.bus.started,
    )
    task = asyncio.create_task(relay.run())
    yield publisher
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


@pytest.fixture
async def goals_services(
    infra: Infrastructure,
    clock: FakeClock,
    service_recorder: Recorder,
    goals_database: Database,
    outbox: OutboxPublisher,
) -> GoalsServices:
    """Services and consumers on the real database and broker with a controllable clock."""
    services = build_services(outbox, clock=clock)
    GoalsConsumers(services).register(infra.bus, goals_database)
    await infra.bus.start_consuming()
    return services


async def settle(infra: Infrastructure, database: Database, recorder: Recorder) -> list[Event]:
    """Everything committed before now has reached the recorder.

    The relay marks outbox rows sent once the broker confirmed them; a marker
    published after that arrives behind them (one queue keeps order).
    """

    async def drained() -> bool:
        return await database[OUTBOX].count_documents({"status": "pending"}) == 0

    await wait_until(drained)
    marker = Event.of("goals.test.sentinel", user_id=None, data={})
    await infra.bus.publish(marker)
    await recorder.wait_for(lambda events: any(e.id == marker.id for e in events))
    return [e for e in recorder.events if e.type != "goals.test.sentinel"]
