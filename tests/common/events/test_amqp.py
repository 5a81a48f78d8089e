"""The RabbitMQ bus against the real broker, with processed ids in the real database."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable

import aio_pika
import pytest
from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import DeadLetter, Event, topology, transactional
from common.events.dlq import DeadLetters
from common.events.topology import QueueType
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import task_completed
from common.testing.waiting import wait_until

pytestmark = pytest.mark.rabbitmq


@pytest.fixture(params=list(QueueType), ids=str)
def settings(settings: Settings, request: pytest.FixtureRequest) -> Settings:
    """Every case on both queue types: quorum as in production, classic as in development."""
    return settings.model_copy(update={"events_queue_type": request.param})


async def test_consumer_queues_are_declared_with_the_configured_type(
    infra: Infrastructure, settings: Settings
) -> None:
    async def ignore(event: Event) -> None:
        pass

    infra.bus.subscribe("analytics.typed", ["goals.#"], ignore)
    await infra.bus.start_consuming()
    exchange = settings.events_exchange
    names = [
        topology.work_queue(exchange, "analytics.typed"),
        topology.dead_letter_queue(exchange, "analytics.typed"),
        *(
            topology.retry_queue(exchange, "analytics.typed", delay)
            for delay in settings.events_retry_delays_ms
        ),
    ]
    # The broker refuses a declaration whose type differs from the queue's.
    other = QueueType.CLASSIC if settings.queue_type is QueueType.QUORUM else QueueType.QUORUM
    assert settings.amqp_url
    connection = await aio_pika.connect(settings.amqp_url)
    async with connection:
        for name in names:
            channel = await connection.channel()
            with pytest.raises(aio_pika.exceptions.ChannelPreconditionFailed):
                await channel.declare_queue(
                    name, durable=True, arguments=topology.queue_arguments(other, 60_000)
                )


async def test_delivers_persistent_events_to_each_consumer_queue(infra: Infrastructure) -> None:
    received: dict[str, asyncio.Future[Event]] = {
        "analytics.progress": asyncio.get_running_loop().create_future(),
        "notifications.inbox": asyncio.get_running_loop().create_future(),
    }

    def handler(name: str) -> Callable[[Event], Awaitable[None]]:
        async def handle(event: Event) -> None:
            received[name].set_result(event)

        return handle

    infra.bus.subscribe("analytics.progress", ["goals.task.*"], handler("analytics.progress"))
    infra.bus.subscribe("notifications.inbox", ["goals.#"], handler("notifications.inbox"))
    await infra.bus.start_consuming()
    sent = task_completed()
    await infra.bus.publish(sent)
    async with asyncio.timeout(10):
        got = await asyncio.gather(*received.values())
    assert [e.id for e in got] == [sent.id, sent.id]
    assert got[0].payload() == sent.payload()
    assert await infra.bus.healthy()


async def test_processed_ids_land_in_the_consumers_subgraph_database(
    infra: Infrastructure, settings: Settings
) -> None:
    applied: list[str] = []

    async def count(event: Event) -> None:
        applied.append(event.id)

    infra.bus.subscribe("analytics.count", ["goals.#"], count)
    await infra.bus.start_consuming()
    event = task_completed()
    for _ in range(3):
        await infra.bus.publish(event)
    processed = infra.mongo[settings.database_name("analytics")]["processed_events"]
    await wait_until(lambda: _count(processed, {"event_id": event.id}, 1))
    marker = task_completed(task="after")
    await infra.bus.publish(marker)
    await wait_until(lambda: _truthy(marker.id in applied))
    # The duplicates were queued before the marker: they were all seen by now.
    assert applied == [event.id, marker.id]


async def test_transactional_handler_commits_with_the_processed_id(
    infra: Infrastructure, settings: Settings
) -> None:
    db = infra.mongo[settings.database_name("analytics")]

    async def project(event: Event, session: AsyncClientSession) -> None:
        await db["counters"].update_one(
            {"_id": event.user_id}, {"$inc": {"n": 1}}, upsert=True, session=session
        )

    infra.bus.subscribe("analytics.counter", ["goals.#"], transactional(project))
    await infra.bus.start_consuming()
    events = [task_completed(task=f"t{i}") for i in range(20)]
    for event in events + events[:5]:
        await infra.bus.publish(event)
    processed = db["processed_events"]
    await wait_until(lambda: _count(processed, {"consumer": "analytics.counter"}, 20))
    marker = task_completed(task="marker", user="u2")
    await infra.bus.publish(marker)
    await wait_until(lambda: _count(processed, {"event_id": marker.id}, 1))
    assert await db["counters"].find_one({"_id": "u1"}) == {"_id": "u1", "n": 20}


async def test_failures_are_retried_with_delay_then_dead_lettered_with_the_reason(
    infra: Infrastructure, settings: Settings
) -> None:
    attempts: list[str] = []
    flaky_done = asyncio.get_running_loop().create_future()

    async def handle(event: Event) -> None:
        attempts.append(event.payload().model_dump()["task_id"])
        if event.payload().model_dump()["task_id"] == "poison":
            raise ValueError("cannot apply poison")
        if attempts.count("flaky") < 2:
            raise ConnectionError("database hiccup")
        flaky_done.set_result(event.id)

    infra.bus.subscribe("notifications.retry", ["goals.#"], handle)
    await infra.bus.start_consuming()
    poison = task_completed(task="poison")
    await infra.bus.publish(poison)
    await infra.bus.publish(task_completed(task="flaky"))
    async with asyncio.timeout(10):
        await flaky_done
    assert settings.amqp_url
    async with DeadLetters(settings.amqp_url, settings.events_exchange) as dlq:
        await wait_until(lambda: _dlq_size(dlq, "notifications.retry", 1))
        [letter] = await dlq.peek("notifications.retry", limit=10)
    assert letter.event_id == poison.id
    assert letter.reason == "ValueError: cannot apply poison"
    assert letter.attempts == 2
    assert letter.headers[topology.CONSUMER] == "notifications.retry"
    # First delivery plus the two retries configured.
    assert attempts.count("poison") == 3


async def test_malformed_or_unknown_versions_dead_letter_without_retries(
    infra: Infrastructure, settings: Settings
) -> None:
    calls: list[str] = []

    async def handle(event: Event) -> None:
        calls.append(event.id)
        if event.user_id == "hopeless":
            raise DeadLetter("user is gone")

    infra.bus.subscribe("analytics.strict", ["goals.#"], handle)
    await infra.bus.start_consuming()
    assert settings.amqp_url
    connection = await aio_pika.connect(settings.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange(settings.events_exchange)
        await exchange.publish(aio_pika.Message(b"{not json"), routing_key="goals.task.completed")
    await infra.bus.publish(task_completed().model_copy(update={"version": 3}))
    await infra.bus.publish(Event.of("goals.task.completed", user_id="u1", data={"x": 1}))
    await infra.bus.publish(task_completed(user="hopeless"))
    async with DeadLetters(settings.amqp_url, settings.events_exchange) as dlq:
        await wait_until(lambda: _dlq_size(dlq, "analytics.strict", 4))
        letters = await dlq.peek("analytics.strict", limit=10)
    reasons = sorted(letter.reason.split(":")[0] for letter in letters)
    assert reasons == [
        "dead-lettered by handler",
        "malformed 'goals.task.completed' v1 data",
        "malformed envelope",
        "unsupported version 3 of 'goals.task.completed'",
    ]
    assert {letter.attempts for letter in letters} == {0}
    assert len(calls) == 1


async def _count(collection: object, query: dict[str, object], expected: int) -> bool:
    n: int = await collection.count_documents(query)  # type: ignore[attr-defined]
    return n == expected


async def _truthy(value: bool) -> bool:
    return value


async def _dlq_size(dlq: DeadLetters, consumer: str, expected: int) -> bool:
    queue = await dlq.queue(consumer)
    return queue is not None and queue.messages == expected


async def test_users_apply_concurrently_each_in_order(infra: Infrastructure) -> None:
    order: dict[str, list[str]] = {}
    running = 0
    most = 0
    done = asyncio.Event()

    async def slow(event: Event) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(random.uniform(0, 0.003))  # uneven work per event
        order.setdefault(event.user_id or "", []).append(event.data["task_id"])
        running -= 1
        if sum(map(len, order.values())) == 120:
            done.set()

    infra.bus.subscribe("analytics.ordered", ["goals.#"], slow)
    await infra.bus.start_consuming()
    for i in range(120):
        await infra.bus.publish(task_completed(user=f"u{i % 4}", task=f"t{i:03}"))
    async with asyncio.timeout(20):
        await done.wait()
    assert most > 1
    for tasks in order.values():
        assert tasks == sorted(tasks)
