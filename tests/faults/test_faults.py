"""Crashes and outages against the real broker and database: nothing lost, nothing applied twice."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from pymongo.asynchronous.database import AsyncDatabase

from common.app import relay_settings
from common.events import Event, OutboxPublisher, OutboxRelay
from common.events.dlq import DeadLetters
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import task_completed
from common.testing.waiting import wait_until

from .process import Worker
from .servers import PrivateRabbit
from .worker import CONSUMER, SUBGRAPH

pytestmark = pytest.mark.rabbitmq

Database = AsyncDatabase[dict[str, Any]]


@pytest.fixture
def faults_db(infra: Infrastructure, settings: Settings) -> Database:
    return infra.mongo[settings.database_name(SUBGRAPH)]


async def processed(db: Database) -> int:
    # Only this consumer records into the faults database; counting by metadata
    # keeps the polls from loading the database server they are measuring.
    return await db["processed_events"].estimated_document_count()


async def counted(db: Database) -> int:
    total = [{"$group": {"_id": None, "n": {"$sum": "$n"}}}]
    rows = await (await db["counters"].aggregate(total)).to_list()
    return int(rows[0]["n"]) if rows else 0


async def exactly_once(db: Database, total: int) -> None:
    assert await counted(db) == total
    ids = await db["processed_events"].distinct("event_id", {"consumer": CONSUMER})
    assert len(ids) == total == await db["processed_events"].count_documents({})


async def publish_all(infra: Infrastructure, events: list[Event], *, window: int = 500) -> None:
    for start in range(0, len(events), window):
        await asyncio.gather(*(infra.bus.publish(e) for e in events[start : start + window]))


async def test_consumer_killed_mid_stream_applies_every_event_once(
    infra: Infrastructure, settings: Settings, faults_db: Database
) -> None:
    total = 10_000
    events = [task_completed(user=f"u{i % 50}", task=f"t{i}") for i in range(total)]
    async with Worker("consume", settings) as first:
        await first.expect("ready")
        publishing = asyncio.create_task(publish_all(infra, events))
        await wait_until(lambda: _at_least(processed(faults_db), 1_500), within=60, every=0.1)
        await first.kill()
    done_at_kill = await processed(faults_db)
    assert done_at_kill < total
    await publishing
    async with Worker("consume", settings) as second:
        await second.expect("ready")

        await wait_until(lambda: _at_least(counted(faults_db), total), within=120, every=0.25)
    await exactly_once(faults_db, total)


async def test_publisher_killed_between_write_and_publish_still_delivers(
    infra: Infrastructure, settings: Settings, faults_db: Database
) -> None:
    arrived: asyncio.Future[Event] = asyncio.get_running_loop().create_future()

    async def receive(event: Event) -> None:
        arrived.set_result(event)

    infra.bus.subscribe("faults.inbox", ["goals.task.completed"], receive)
    await infra.bus.start_consuming()
    async with Worker("stall", settings) as crashing:
        event_id = await crashing.expect("written")
        assert await crashing.expect("publishing") == event_id
        await crashing.kill()
    assert await faults_db["orders"].count_documents({"_id": "order-1"}) == 1
    [row] = await faults_db["outbox"].find().to_list()
    assert (row["event_id"], row["status"]) == (event_id, "pending")
    assert not arrived.done()

    async with Worker("relay", settings) as restarted:
        await restarted.expect("ready")
        # The dead process still holds the shard's lease until it lapses.
        async with asyncio.timeout(settings.outbox_lease_seconds + 15):
            got = await arrived
        await wait_until(lambda: _sent(faults_db, event_id))
    assert got.id == event_id
    assert got.data["task_id"] == "order-1"


async def test_broker_restart_mid_stream_loses_nothing(
    infra: Infrastructure, settings: Settings, faults_db: Database, private_rabbit: PrivateRabbit
) -> None:
    total = 1_500
    publisher = OutboxPublisher(faults_db, shards=settings.outbox_shards)
    await publisher.ensure_indexes()
    relay = OutboxRelay(
        faults_db, infra.bus, wake=publisher.woken, settings=relay_settings(settings)
    )
    events = [task_completed(user=f"u{i % 20}", task=f"t{i}") for i in range(total)]

    async def produce() -> None:
        # A steady stream (~6 s) rather than a burst, so the outage lands mid-stream.
        for event in events:
            await publisher.publish(event)
            await asyncio.sleep(0.004)

    async with Worker("consume", settings) as consumer, _running(relay.run()):
        await consumer.expect("ready")
        async with _running(produce()) as producing:
            await wait_until(lambda: _at_least(processed(faults_db), 300), within=60)
            assert not producing.done()
            async with broker_down(private_rabbit):
                # Events keep being written while the broker is down.
                await wait_until(lambda: _pending_outbox(faults_db), within=30)
            await producing
        await wait_until(lambda: _at_least(counted(faults_db), total), within=120, every=0.25)
    await exactly_once(faults_db, total)


async def test_broker_outage_longer_than_the_relays_backoff_delivers_every_event_once(
    infra: Infrastructure,
    settings: Settings,
    faults_db: Database,
    private_rabbit: PrivateRabbit,
    caplog: pytest.LogCaptureFixture,
) -> None:
    total, before = 600, 200
    publisher = OutboxPublisher(faults_db, shards=settings.outbox_shards)
    await publisher.ensure_indexes()
    relay = OutboxRelay(
        faults_db, infra.bus, wake=publisher.woken, settings=relay_settings(settings)
    )
    events = [task_completed(user=f"u{i % 20}", task=f"t{i}") for i in range(total)]
    # Enough failed passes that the relay has long reached its longest back-off.
    budget_spent = 8

    def failed_passes() -> int:
        # By the format string: some aio-pika records cannot even be formatted.
        return sum(str(r.msg).startswith("outbox relay pass failed") for r in caplog.records)

    async def relay_gave_up_waiting() -> bool:
        return failed_passes() >= budget_spent

    async with Worker("consume", settings) as consumer, _running(relay.run()):
        await consumer.expect("ready")
        for event in events[:before]:
            await publisher.publish(event)
        await wait_until(lambda: _at_least(processed(faults_db), before // 2), within=60)
        with caplog.at_level(logging.WARNING, logger="common.events.relay"):
            async with broker_down(private_rabbit):
                down_at = time.monotonic()
                for event in events[before:]:
                    await publisher.publish(event)
                await wait_until(relay_gave_up_waiting, within=120, every=0.2)
                outage = time.monotonic() - down_at
            back_at = time.monotonic()
        await wait_until(lambda: _at_least(counted(faults_db), total), within=120, every=0.25)
        recovered = time.monotonic() - back_at
    print(  # the issue asks for these numbers
        f"\nbroker outage: {outage:.1f}s, {failed_passes()} failed relay passes; "
        f"all {total} events applied {recovered:.1f}s after the broker answered again"
    )
    await exactly_once(faults_db, total)


async def test_a_replica_stopped_under_load_is_taken_over_and_nothing_applies_twice(
    settings: Settings, faults_db: Database
) -> None:
    assert settings.amqp_url
    # Short heartbeats: the broker notices the silent replica and requeues what it holds.
    replicas = settings.model_copy(update={"amqp_url": f"{settings.amqp_url}?heartbeat=2"})
    total, extra = 1_500, 50
    publisher = OutboxPublisher(faults_db, shards=settings.outbox_shards)
    await publisher.ensure_indexes()
    events = [task_completed(user=f"u{i % 20}", task=f"t{i}") for i in range(total + extra)]

    async def produce(batch: list[Event]) -> None:
        # A steady stream, so the stop lands mid-stream; the replicas' relays poll the outbox.
        for event in batch:
            await publisher.publish(event)
            await asyncio.sleep(0.004)

    async with Worker("replica", replicas) as a, Worker("replica", replicas) as b:
        await a.expect("ready")
        await b.expect("ready")
        async with _running(produce(events[:total])) as producing:
            await wait_until(lambda: _at_least(processed(faults_db), 300), within=60)
            a.pause()
            paused_at = time.monotonic()
            at_pause = await processed(faults_db)
            # The other replica takes over the stopped one's outbox shards and the queue.
            await wait_until(lambda: _at_least(processed(faults_db), at_pause + 300), within=60)
            taken_over = time.monotonic() - paused_at
            await producing
        a.resume()
        await wait_until(lambda: _at_least(counted(faults_db), total), within=120, every=0.25)
        settled = time.monotonic() - paused_at
        # Once it is back, the stopped replica's stale work must not apply anything twice.
        await produce(events[total:])
        await wait_until(
            lambda: _at_least(counted(faults_db), total + extra), within=60, every=0.25
        )
    print(  # the issue asks for these numbers
        f"\nreplica SIGSTOP: 300 more events applied by the other replica {taken_over:.1f}s "
        f"after the stop; all {total} applied {settled:.1f}s after it"
    )
    await exactly_once(faults_db, total + extra)


async def test_poison_event_is_dead_lettered_and_the_ones_behind_it_flow(
    infra: Infrastructure, settings: Settings, faults_db: Database
) -> None:
    poison = task_completed(user="u1", task="poison-1")
    behind = [task_completed(user="u1", task=f"t{i}") for i in range(200)]
    async with Worker("consume", settings) as consumer:
        await consumer.expect("ready")
        await publish_all(infra, [poison, *behind])
        await wait_until(lambda: _at_least(counted(faults_db), 200), within=60)
        assert settings.amqp_url
        async with DeadLetters(settings.amqp_url, settings.events_exchange) as dlq:

            async def dead_lettered() -> bool:
                queue = await dlq.queue(CONSUMER)
                return queue is not None and queue.messages == 1

            await wait_until(dead_lettered, within=30)
            [letter] = await dlq.peek(CONSUMER, limit=5)
    assert letter.event_id == poison.id
    assert letter.reason == "ValueError: cannot count poison-1"
    assert letter.attempts == settings.events_max_retries
    await exactly_once(faults_db, 200)


@asynccontextmanager
async def broker_down(rabbit: PrivateRabbit) -> AsyncIterator[None]:
    """Stop the test's private RabbitMQ node for the block; always start it again."""
    try:
        await rabbit.stop()
        yield
    finally:
        await rabbit.start()


@asynccontextmanager
async def _running(work: Any) -> AsyncIterator[asyncio.Task[None]]:
    task: asyncio.Task[None] = asyncio.create_task(work)
    try:
        yield task
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def _at_least(value: Any, n: int) -> bool:
    got: int = await value
    return got >= n


async def _sent(db: Database, event_id: str) -> bool:
    return await db["outbox"].count_documents({"event_id": event_id, "status": "sent"}) == 1


async def _pending_outbox(db: Database) -> bool:
    return await db["outbox"].count_documents({"status": "pending"}) > 0
