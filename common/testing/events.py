"""Event factories for tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any

import aio_pika
from pymongo.asynchronous.database import AsyncDatabase

from common.events import Event
from common.events.catalog import TaskCompleted
from common.events.processed import COLLECTION as PROCESSED
from common.settings import SubgraphSettings
from common.testing.waiting import DEFAULT_WITHIN, wait_until


def task_completed(*, user: str = "u1", task: str = "t1", goal: str = "g1") -> Event:
    """A valid catalog event; `task` makes each one recognisable."""
    return Event.of(
        "goals.task.completed",
        user_id=user,
        data=TaskCompleted(goal_id=goal, task_id=task, owner_id=user),
    )


@asynccontextmanager
async def tap(
    settings: SubgraphSettings, patterns: Sequence[str], handler: Callable[[Event], Awaitable[None]]
) -> AsyncIterator[None]:
    """Every event published on the test's exchange, straight off the broker, in publish order.

    Unlike a bus consumer it validates nothing and records nothing, so a test can
    publish a marker event of its own as a barrier and watch everything else.
    """
    assert settings.amqp_url, "tap needs the real broker"
    connection = await aio_pika.connect(settings.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(
            settings.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        for pattern in patterns:
            await queue.bind(exchange, routing_key=pattern)
        async with queue.iterator(no_ack=True) as messages:
            # One reader keeps the broker's order; consume callbacks would run concurrently.
            async def pump() -> None:
                async for message in messages:
                    await handler(Event.model_validate_json(message.body))

            reader = asyncio.create_task(pump())
            try:
                yield
            finally:
                reader.cancel()
                await asyncio.gather(reader, return_exceptions=True)


async def wait_processed(
    database: AsyncDatabase[dict[str, Any]],
    consumer: str,
    event: Event,
    *,
    within: float = DEFAULT_WITHIN,
) -> None:
    """Wait until `consumer` has recorded `event` as processed in its `database`.

    Before asserting that an event changed *nothing*, wait for this: otherwise
    the assertion passes whether or not the consumer ever saw the event. A
    redelivered id was recorded the first time; to know the repeat was handled,
    wait for a later event of the same user on the same consumer (a user's
    events are applied in delivery order).
    """
    key = f"{consumer}:{event.id}"

    async def recorded() -> bool:
        return await database[PROCESSED].find_one({"_id": key}, {"_id": 1}) is not None

    await wait_until(recorded, within=within)
