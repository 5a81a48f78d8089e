from __future__ import annotations

import asyncio

import pytest

from common.events import Event, topic_matches
from common.events.amqp import AmqpEventBus
from common.events.memory import InMemoryEventBus
from common.settings import Settings


@pytest.mark.parametrize(
    ("pattern", "key", "expected"),
    [
        ("goals.goal.completed", "goals.goal.completed", True),
        ("goals.*.completed", "goals.goal.completed", True),
        ("goals.#", "goals.goal.completed", True),
        ("#", "users.user.deleted", True),
        ("goals.*", "goals.goal.completed", False),
        ("users.user.deleted", "users.user.created", False),
        ("#.deleted", "users.user.deleted", True),
    ],
)
def test_topic_matching(pattern: str, key: str, expected: bool) -> None:
    assert topic_matches(pattern, key) is expected


def test_event_type_must_be_three_words() -> None:
    with pytest.raises(ValueError, match="type"):
        Event(type="goals.completed", source="goals")


async def test_in_memory_bus_routes_by_pattern_and_survives_a_failing_handler() -> None:
    bus = InMemoryEventBus()
    seen: list[str] = []

    async def record(event: Event) -> None:
        seen.append(event.type)

    async def explode(event: Event) -> None:
        raise RuntimeError("boom")

    bus.subscribe("analytics", ["goals.#"], record)
    bus.subscribe("broken", ["#"], explode)
    await bus.start_consuming()
    try:
        await bus.publish(Event.of("goals.goal.completed", user_id="u1", data={"id": "g1"}))
        await bus.publish(Event.of("users.user.deleted", user_id="u1", data={}))
        await bus.drain()
        assert seen == ["goals.goal.completed"]
        assert [e.type for e, _ in bus.dead_letters("broken")] == [
            "goals.goal.completed",
            "users.user.deleted",
        ]
    finally:
        await bus.close()


@pytest.mark.rabbitmq
async def test_amqp_bus_delivers_persistent_events_to_each_consumer_queue(
    settings: Settings,
) -> None:
    assert settings.amqp_url
    bus = AmqpEventBus(
        settings.amqp_url, exchange=settings.events_exchange, queue_expires_ms=60_000
    )
    received: dict[str, asyncio.Future[Event]] = {
        "analytics": asyncio.get_running_loop().create_future(),
        "notifications": asyncio.get_running_loop().create_future(),
    }

    def handler(name: str):  # type: ignore[no-untyped-def]
        async def handle(event: Event) -> None:
            received[name].set_result(event)

        return handle

    bus.subscribe("analytics", ["goals.goal.*"], handler("analytics"))
    bus.subscribe("notifications", ["goals.goal.completed"], handler("notifications"))
    await bus.connect()
    try:
        await bus.start_consuming()
        sent = Event.of("goals.goal.completed", user_id="u1", data={"goalId": "g1"})
        await bus.publish(sent)
        async with asyncio.timeout(10):
            got = await asyncio.gather(*received.values())
        assert [e.id for e in got] == [sent.id, sent.id]
        assert got[0].data == {"goalId": "g1"}
        assert await bus.healthy()
    finally:
        await bus.close()
