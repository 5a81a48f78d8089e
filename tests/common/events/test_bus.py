from __future__ import annotations

import asyncio
import random

import pytest

from common.events import Event, InvalidEvent, RetryPolicy, topic_matches
from common.events.memory import InMemoryEventBus
from common.testing.events import task_completed
from common.testing.waiting import wait_until

FAST = RetryPolicy(delays_ms=(10, 20), max_retries=2)


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


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        (Event.of("goals.nothing.happened", user_id="u1", data={}), "unknown event type"),
        (task_completed().model_copy(update={"version": 7}), "unsupported version 7"),
        (Event.of("goals.task.completed", user_id="u1", data={"goal_id": "g"}), "task_id"),
    ],
)
def test_payload_rejects_what_no_consumer_can_apply(event: Event, reason: str) -> None:
    with pytest.raises(InvalidEvent, match=reason):
        event.payload()


def test_payload_is_typed() -> None:
    payload = task_completed(task="t9").payload()
    assert payload.model_dump() == {
        "goal_id": "g1",
        "task_id": "t9",
        "owner_id": "u1",
        # Standalone tasks (issue #19): none here, a goal's task.
        "project_id": None,
        "occurrence": None,
    }


async def test_in_memory_bus_routes_by_pattern_and_survives_a_failing_handler() -> None:
    bus = InMemoryEventBus(retry=FAST)
    seen: list[str] = []
    calls: list[str] = []

    async def record(event: Event) -> None:
        seen.append(event.type)

    async def explode(event: Event) -> None:
        calls.append(event.id)
        raise RuntimeError("boom")

    bus.subscribe("analytics.progress", ["goals.#"], record)
    bus.subscribe("broken.all", ["#"], explode)
    await bus.start_consuming()
    try:
        completed = task_completed()
        deleted = Event.of("users.user.deleted", user_id="u1", data={"user_id": "u1"})
        await bus.publish(completed)
        await bus.publish(deleted)
        await bus.drain()
        assert seen == ["goals.task.completed"]
        letters = bus.dead_letters("broken.all")
        assert sorted(e.id for e, _ in letters) == sorted([completed.id, deleted.id])
        assert {reason for _, reason in letters} == {"RuntimeError: boom"}
        # First delivery plus two retries each.
        assert len(calls) == 6
    finally:
        await bus.close()


async def test_in_memory_bus_ignores_redeliveries() -> None:
    bus = InMemoryEventBus(retry=FAST)
    applied: list[str] = []

    async def count(event: Event) -> None:
        applied.append(event.id)

    bus.subscribe("analytics.count", ["goals.#"], count)
    await bus.start_consuming()
    try:
        event = task_completed()
        for _ in range(3):
            await bus.publish(event)
        await bus.drain()
        assert applied == [event.id]
    finally:
        await bus.close()


async def test_in_memory_bus_retries_until_the_handler_succeeds() -> None:
    bus = InMemoryEventBus(retry=FAST)
    attempts: list[str] = []

    async def flaky(event: Event) -> None:
        attempts.append(event.id)
        if len(attempts) < 3:
            raise ConnectionError("try again")

    bus.subscribe("notifications.flaky", ["goals.#"], flaky)
    await bus.start_consuming()
    try:
        await bus.publish(task_completed())
        await bus.drain()
        assert len(attempts) == 3
        assert bus.dead_letters("notifications.flaky") == []
    finally:
        await bus.close()


async def test_in_memory_bus_dead_letters_invalid_events_at_once_and_replays() -> None:
    bus = InMemoryEventBus(retry=FAST)
    applied: list[str] = []

    async def record(event: Event) -> None:
        applied.append(event.id)

    bus.subscribe("analytics.strict", ["goals.#"], record)
    await bus.start_consuming()
    try:
        future = task_completed().model_copy(update={"version": 2})
        good = task_completed(task="t2")
        await bus.publish(future)
        await bus.publish(good)
        await bus.drain()
        assert applied == [good.id]
        [(letter, reason)] = bus.dead_letters("analytics.strict")
        assert letter.id == future.id
        assert "unsupported version 2" in reason
        assert bus.replay_dead_letters("analytics.strict") == 1
        await bus.drain()
        assert len(bus.dead_letters("analytics.strict")) == 1
    finally:
        await bus.close()


async def test_in_memory_bus_applies_users_concurrently_each_in_order() -> None:
    bus = InMemoryEventBus(retry=FAST)
    order: dict[str, list[str]] = {}
    running = 0
    most = 0

    async def slow(event: Event) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(random.uniform(0, 0.003))  # uneven work per event
        order.setdefault(event.user_id or "", []).append(event.data["task_id"])
        running -= 1

    bus.subscribe("analytics.ordered", ["goals.#"], slow)
    await bus.start_consuming()
    try:
        for i in range(120):
            await bus.publish(task_completed(user=f"u{i % 4}", task=f"t{i:03}"))
        await bus.drain()
    finally:
        await bus.close()
    assert most > 1
    for tasks in order.values():
        assert tasks == sorted(tasks)
    assert sum(map(len, order.values())) == 120


class _Fatal(BaseException):
    """Gets past the consumer's `except Exception`, as a bug in the bus itself would."""


async def test_in_memory_bus_is_unhealthy_once_its_workers_died() -> None:
    bus = InMemoryEventBus(retry=FAST, workers=2)

    async def fatal(event: Event) -> None:
        raise _Fatal

    bus.subscribe("broken.all", ["#"], fatal)
    await bus.start_consuming()
    try:
        assert await bus.healthy()
        await bus.publish(task_completed())

        async def down() -> bool:
            return not await bus.healthy()

        await wait_until(down)
    finally:
        await bus.close()
