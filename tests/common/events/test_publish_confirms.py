"""The relay against the real broker: a row is sent only once RabbitMQ confirmed its event."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import aio_pika
import pytest
from aio_pika.abc import AbstractChannel
from prometheus_client import REGISTRY
from pymongo.asynchronous.database import AsyncDatabase

from common.events import OutboxPublisher, OutboxRelay, RelaySettings
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import task_completed
from common.testing.waiting import wait_until

pytestmark = pytest.mark.rabbitmq

Database = AsyncDatabase[dict[str, Any]]
FAST = RelaySettings(shards=2, lease_seconds=1.5, poll_seconds=0.1, publish_timeout_seconds=5)


@pytest.fixture
async def channel(settings: Settings) -> AsyncIterator[AbstractChannel]:
    assert settings.amqp_url
    connection = await aio_pika.connect(settings.amqp_url)
    async with connection:
        yield await connection.channel()


@pytest.fixture
async def database(infra: Infrastructure, settings: Settings) -> Database:
    return infra.mongo[settings.database_name("goals")]


async def _statuses(database: Database) -> list[str]:
    return [row["status"] async for row in database["outbox"].find()]


async def test_a_nacked_event_stays_pending_until_the_broker_takes_it(
    infra: Infrastructure, settings: Settings, database: Database, channel: AbstractChannel
) -> None:
    # A full queue that rejects publishes makes the broker nack every event routed to it.
    name = f"{settings.events_exchange}.full"
    full = await channel.declare_queue(
        name, arguments={"x-max-length": 0, "x-overflow": "reject-publish", "x-expires": 60_000}
    )
    await full.bind(settings.events_exchange, routing_key="#")
    publisher = OutboxPublisher(database, shards=FAST.shards)
    await publisher.ensure_indexes()
    await publisher.publish(task_completed(user="u1", task="t1"))
    relay = OutboxRelay(database, infra.bus, wake=publisher.woken, settings=FAST)

    with pytest.raises(aio_pika.exceptions.DeliveryError):
        await relay.relay_once()
    assert await _statuses(database) == ["pending"]

    await full.delete(if_unused=False, if_empty=False)
    taking = await channel.declare_queue(name, arguments={"x-expires": 60_000})
    await taking.bind(settings.events_exchange, routing_key="#")
    await relay.relay_once()
    assert await _statuses(database) == ["sent"]
    await wait_until(lambda: _has_messages(channel, name, 1))


async def test_an_unroutable_event_is_logged_and_counted(
    infra: Infrastructure, caplog: pytest.LogCaptureFixture
) -> None:
    # The test's own exchange has no queues bound, so nothing can route.
    event = task_completed(user="u1", task="nobody-listens")
    before = _unroutable(event.type)
    with caplog.at_level(logging.WARNING, logger="common.events.amqp"):
        await infra.bus.publish(event)
    assert _unroutable(event.type) == before + 1
    [record] = [r for r in caplog.records if "unroutable" in r.getMessage()]
    assert record.__dict__["event_id"] == event.id


async def _has_messages(channel: AbstractChannel, name: str, count: int) -> bool:
    queue = await channel.declare_queue(name, passive=True)
    return queue.declaration_result.message_count == count


def _unroutable(event_type: str) -> float:
    sample = REGISTRY.get_sample_value("lifegraph_events_unroutable_total", {"type": event_type})
    return sample or 0.0
