"""Handler hooks: after-commit side effects and deferring an event without using up retries."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import Event, RetryLater, after_commit, transactional
from common.events.memory import InMemoryEventBus
from common.infra import Infrastructure, open_infrastructure
from common.settings import Settings
from common.testing.events import task_completed


@pytest.fixture
async def local_infra(in_process_settings: Settings) -> Any:
    async with open_infrastructure(in_process_settings) as opened:
        yield opened
        await opened.mongo.drop_database(in_process_settings.database_name("analytics"))


async def test_after_commit_runs_once_the_writes_are_visible_and_not_for_aborted_attempts(
    local_infra: Infrastructure, in_process_settings: Settings
) -> None:
    db = local_infra.mongo[in_process_settings.database_name("analytics")]
    seen_after_commit: list[Any] = []
    attempts = 0

    async def project(event: Event, session: AsyncClientSession) -> None:
        nonlocal attempts
        attempts += 1
        await db["rows"].insert_one({"_id": event.id, "attempt": attempts}, session=session)

        async def announce() -> None:
            # Outside the transaction: only a committed row is visible here.
            seen_after_commit.append(await db["rows"].find_one({"_id": event.id}))

        await after_commit(announce)
        if attempts == 1:
            raise RuntimeError("first attempt fails after registering its callback")

    bus = local_infra.bus
    assert isinstance(bus, InMemoryEventBus)
    bus.subscribe("analytics.hooks", ["goals.#"], transactional(project))
    await bus.start_consuming()
    event = task_completed()
    await bus.publish(event)
    async with asyncio.timeout(10):
        await bus.drain()
    assert seen_after_commit == [{"_id": event.id, "attempt": 2}]


async def test_after_commit_outside_a_transaction_runs_at_once() -> None:
    ran: list[str] = []

    async def callback() -> None:
        ran.append("now")

    await after_commit(callback)
    assert ran == ["now"]


async def test_retry_later_waits_without_using_up_retries(
    local_infra: Infrastructure, in_process_settings: Settings
) -> None:
    deferrals = in_process_settings.events_max_retries + 2
    calls = 0

    async def handle(event: Event, session: AsyncClientSession) -> None:
        nonlocal calls
        calls += 1
        if calls <= deferrals:
            raise RetryLater("maintenance")

    bus = local_infra.bus
    assert isinstance(bus, InMemoryEventBus)
    bus.subscribe("analytics.deferred", ["goals.#"], transactional(handle))
    await bus.start_consuming()
    await bus.publish(task_completed())
    async with asyncio.timeout(10):
        await bus.drain()
    assert calls == deferrals + 1
    assert bus.dead_letters("analytics.deferred") == []
