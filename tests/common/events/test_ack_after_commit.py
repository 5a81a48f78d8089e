"""A delivery is acknowledged only once its transaction committed: a crash before loses nothing."""

from __future__ import annotations

import asyncio

import pytest
from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import Event, transactional
from common.events.amqp import AmqpEventBus
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import task_completed, wait_processed

pytestmark = pytest.mark.rabbitmq

CONSUMER = "analytics.acked"


def _bus(settings: Settings) -> AmqpEventBus:
    assert settings.amqp_url
    return AmqpEventBus(
        settings.amqp_url,
        exchange=settings.events_exchange,
        queue_expires_ms=settings.events_queue_expires_ms,
    )


async def test_a_consumer_that_dies_before_its_commit_gets_the_event_redelivered(
    infra: Infrastructure, settings: Settings
) -> None:
    db = infra.mongo[settings.database_name("analytics")]
    entered = asyncio.Event()
    attempts: list[str] = []

    async def stuck(event: Event, session: AsyncClientSession) -> None:
        # The first process's handler: its write is done, the commit never comes.
        attempts.append("first")
        await db["counters"].update_one(
            {"_id": "u1"}, {"$inc": {"n": 1}}, upsert=True, session=session
        )
        entered.set()
        await asyncio.Event().wait()

    async def count(event: Event, session: AsyncClientSession) -> None:
        attempts.append("second")
        await db["counters"].update_one(
            {"_id": "u1"}, {"$inc": {"n": 1}}, upsert=True, session=session
        )

    first, second = _bus(settings), _bus(settings)
    await first.connect()
    first.subscribe(CONSUMER, ["goals.#"], transactional(stuck), database=db)
    await first.start_consuming()
    event = task_completed()
    await first.publish(event)
    await asyncio.wait_for(entered.wait(), 10)
    # The first process dies: its connection goes, unacknowledged deliveries return.
    await asyncio.wait_for(first.close(), 10)

    await second.connect()
    second.subscribe(CONSUMER, ["goals.#"], transactional(count), database=db)
    await second.start_consuming()
    try:
        await wait_processed(db, CONSUMER, event, within=30)
    finally:
        await second.close()
    assert attempts == ["first", "second"]
    assert await db["counters"].find_one({"_id": "u1"}) == {"_id": "u1", "n": 1}
