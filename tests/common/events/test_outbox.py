"""The outbox and its relay against the real database, relaying into the in-process bus."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pymongo import AsyncMongoClient, monitoring
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from common.db import durability_options
from common.events import (
    Event,
    InvalidEvent,
    OutboxPublisher,
    OutboxRelay,
    OutboxTransaction,
    RelaySettings,
    after_commit,
)
from common.events.memory import InMemoryEventBus
from common.events.relay import LEASES
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import task_completed
from common.testing.waiting import wait_until

Database = AsyncDatabase[dict[str, Any]]
FAST = RelaySettings(shards=4, lease_seconds=1.5, poll_seconds=0.1, batch_size=25)


@pytest.fixture
def database(infra: Infrastructure, settings: Settings) -> Database:
    return infra.mongo[settings.database_name("goals")]


@pytest.fixture
async def publisher(database: Database) -> OutboxPublisher:
    outbox = OutboxPublisher(database, shards=FAST.shards)
    await outbox.ensure_indexes()
    return outbox


class Recorder:
    """The far side of the relay: what reached the bus, in order."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.fail_next = 0
        self.stalled = False

    async def publish(self, event: Event) -> None:
        if self.stalled:
            await asyncio.Event().wait()  # a publish that never completes: the process hangs
        if self.fail_next:
            self.fail_next -= 1
            raise ConnectionError("broker unreachable")
        self.events.append(event)

    def tasks(self, user: str) -> list[str]:
        return [e.data["task_id"] for e in self.events if e.user_id == user]


@asynccontextmanager
async def running(relay: OutboxRelay) -> AsyncIterator[None]:
    task = asyncio.create_task(relay.run())
    try:
        yield
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def pending(database: Database) -> int:
    return await database["outbox"].count_documents({"status": "pending"})


async def test_publish_stores_a_pending_row(publisher: OutboxPublisher, database: Database) -> None:
    event = task_completed()
    await publisher.publish(event)
    await publisher.publish(event)  # the same event again is already on its way
    [row] = await database["outbox"].find().to_list()
    assert row["event_id"] == event.id
    assert row["status"] == "pending"
    assert Event.model_validate(row["event"]) == event
    assert publisher.woken.is_set()


async def test_publish_rejects_events_outside_the_catalog(
    publisher: OutboxPublisher, database: Database
) -> None:
    with pytest.raises(InvalidEvent, match="task_id"):
        await publisher.publish(Event.of("goals.task.completed", user_id="u1", data={}))
    assert await database["outbox"].count_documents({}) == 0


async def test_transaction_commits_the_write_and_its_events_together(
    publisher: OutboxPublisher, database: Database
) -> None:
    async with publisher.transaction() as tx:
        await database["goals"].insert_one({"_id": "g1", "title": "Run"}, session=tx.session)
        await tx.publish(task_completed(task="committed"))

    async def fail_halfway() -> None:
        async with publisher.transaction() as tx:
            await database["goals"].insert_one({"_id": "g2"}, session=tx.session)
            await tx.publish(task_completed(task="rolled-back"))
            raise RuntimeError("validation failed")

    with pytest.raises(RuntimeError, match="validation failed"):
        await fail_halfway()
    assert await database["goals"].distinct("_id") == ["g1"]
    rows = await database["outbox"].find().to_list()
    assert [r["event"]["data"]["task_id"] for r in rows] == ["committed"]


async def test_relay_publishes_each_users_events_in_order_and_marks_them_sent(
    publisher: OutboxPublisher, database: Database
) -> None:
    for i in range(60):
        await publisher.publish(task_completed(user=f"u{i % 3}", task=f"t{i:02}"))
    recorder = Recorder()
    async with running(OutboxRelay(database, recorder, wake=publisher.woken, settings=FAST)):
        await wait_until(lambda: _is(pending(database), 0))
        for user in ("u0", "u1", "u2"):
            assert recorder.tasks(user) == sorted(recorder.tasks(user))
        assert len(recorder.events) == 60
        # Wakes up for new rows rather than waiting for its poll.
        await publisher.publish(task_completed(user="u9", task="late"))
        await wait_until(lambda: _is(pending(database), 0), within=FAST.poll_seconds * 20)
    assert recorder.tasks("u9") == ["late"]


async def test_two_replicas_share_the_outbox_without_publishing_twice(
    publisher: OutboxPublisher, database: Database
) -> None:
    recorder = Recorder()
    relays = [
        OutboxRelay(database, recorder, wake=publisher.woken, settings=FAST, owner=name)
        for name in ("a", "b")
    ]
    async with running(relays[0]), running(relays[1]):
        for i in range(100):
            await publisher.publish(task_completed(user=f"u{i % 7}", task=f"t{i:03}"))
        await wait_until(lambda: _is(pending(database), 0))
    ids = [e.id for e in recorder.events]
    assert len(ids) == len(set(ids)) == 100
    for user in {e.user_id or "" for e in recorder.events}:
        assert recorder.tasks(user) == sorted(recorder.tasks(user))
    held = [set(r.leases.owned()) for r in relays]
    assert not held[0] & held[1]


async def test_a_failed_publish_keeps_the_row_and_the_users_later_events_wait(
    publisher: OutboxPublisher, database: Database
) -> None:
    for i in range(5):
        await publisher.publish(task_completed(user="u1", task=f"t{i}"))
    recorder = Recorder()
    recorder.fail_next = 3
    async with running(OutboxRelay(database, recorder, wake=publisher.woken, settings=FAST)):
        await wait_until(lambda: _is(pending(database), 0))
    assert recorder.tasks("u1") == ["t0", "t1", "t2", "t3", "t4"]


async def test_a_hung_replicas_rows_are_taken_over_when_its_lease_lapses(
    publisher: OutboxPublisher, database: Database
) -> None:
    hung, healthy = Recorder(), Recorder()
    hung.stalled = True
    await publisher.publish(task_completed(task="stuck"))
    first = OutboxRelay(database, hung, wake=publisher.woken, settings=FAST, owner="hung")
    second = OutboxRelay(database, healthy, wake=publisher.woken, settings=FAST, owner="healthy")
    async with running(first):
        await wait_until(lambda: _is_true(len(first.leases.owned()) == FAST.shards))
        async with running(second):
            await wait_until(lambda: _is(pending(database), 0), within=FAST.lease_seconds * 4)
    assert healthy.tasks("u1") == ["stuck"]
    assert hung.events == []


async def _is(value: Any, expected: int) -> bool:
    result: int = await value
    return result == expected


async def _is_true(value: bool) -> bool:
    return value


async def test_in_process_bus_behind_the_relay(
    publisher: OutboxPublisher, database: Database
) -> None:
    bus = InMemoryEventBus()
    got: list[str] = []

    async def record(event: Event) -> None:
        got.append(event.id)

    bus.subscribe("analytics.progress", ["goals.#"], record)
    await bus.start_consuming()
    event = task_completed()
    try:
        relay = OutboxRelay(database, bus, wake=publisher.woken, settings=FAST, ready=bus.started)
        async with running(relay):
            await publisher.publish(event)
            await wait_until(lambda: _is(pending(database), 0))
            await bus.drain()
    finally:
        await bus.close()
    assert got == [event.id]


def _bus_with(database: Database, handlers: dict[str, Any]) -> InMemoryEventBus:
    bus = InMemoryEventBus(database_for=lambda _: database)
    for consumer, handler in handlers.items():
        bus.subscribe(consumer, ["goals.#"], handler)
    return bus


async def test_in_process_bus_rows_stay_pending_until_applied_and_survive_a_crash(
    publisher: OutboxPublisher, database: Database
) -> None:
    held = asyncio.Event()  # never set: the second consumer is mid-event when the process dies
    quick: list[str] = []
    slow: list[str] = []

    async def record_quick(event: Event) -> None:
        quick.append(event.id)

    async def record_slow(event: Event) -> None:
        await held.wait()
        slow.append(event.id)

    event = task_completed()
    first = _bus_with(database, {"analytics.quick": record_quick, "analytics.slow": record_slow})
    await first.start_consuming()
    relay = OutboxRelay(database, first, wake=publisher.woken, settings=FAST, ready=first.started)
    async with running(relay):
        await publisher.publish(event)
        await wait_until(lambda: _is_true(quick == [event.id]))
        # Handed to the bus and applied by one consumer of two: not done.
        assert await pending(database) == 1
    await first.close()  # the crash: queued and running work is gone

    async def never_again(event: Event) -> None:
        quick.append(event.id)

    async def record_now(event: Event) -> None:
        slow.append(event.id)

    second = _bus_with(database, {"analytics.quick": never_again, "analytics.slow": record_now})
    await second.start_consuming()
    relay = OutboxRelay(database, second, wake=publisher.woken, settings=FAST, ready=second.started)
    try:
        async with running(relay):
            await wait_until(lambda: _is(pending(database), 0))
    finally:
        await second.close()
    # Delivered again after the restart; the consumer that had applied it skipped it.
    assert quick == [event.id]
    assert slow == [event.id]


async def test_run_in_transaction_reruns_conflicting_work_until_it_commits(
    publisher: OutboxPublisher, database: Database
) -> None:
    await database["counters"].insert_one({"_id": "post", "likes": 0})

    async def like(tx: Any) -> None:
        await database["counters"].update_one(
            {"_id": "post"}, {"$inc": {"likes": 1}}, session=tx.session
        )
        await tx.publish(task_completed(task=f"like-{id(tx)}"))

    # Twenty writers on one hot document: every conflict loser runs again.
    await asyncio.gather(*(publisher.run_in_transaction(like) for _ in range(20)))
    assert (await database["counters"].find_one({"_id": "post"})) == {"_id": "post", "likes": 20}
    assert await database["outbox"].count_documents({}) == 20


async def test_a_duplicate_key_reruns_the_work_only_when_asked(
    publisher: OutboxPublisher, database: Database
) -> None:
    await database["likes"].insert_one({"_id": "u1:p1"})
    attempts: list[int] = []

    async def like(tx: Any) -> str:
        attempts.append(1)
        # The first attempt inserts blindly; a re-run looks first and finds the row.
        if len(attempts) > 1 and await database["likes"].find_one(
            {"_id": "u1:p1"}, session=tx.session
        ):
            return "already liked"
        await database["likes"].insert_one({"_id": "u1:p1"}, session=tx.session)
        return "liked"

    with pytest.raises(DuplicateKeyError):
        await publisher.run_in_transaction(like)
    assert len(attempts) == 1

    attempts.clear()
    assert await publisher.run_in_transaction(like, retry_duplicates=True) == "already liked"
    assert len(attempts) == 2


class InsertCounter(monitoring.CommandListener):
    """Counts the `insert` commands a client sends to the outbox collection."""

    def __init__(self) -> None:
        self.inserts: list[int] = []

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        if event.command_name == "insert" and event.command.get("insert") == "outbox":
            self.inserts.append(len(event.command.get("documents", [])))

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        pass

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        pass


async def test_a_transactions_events_go_in_one_insert_in_order_and_only_on_commit(
    settings: Settings,
) -> None:
    counter = InsertCounter()
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        settings.mongodb_url, event_listeners=[counter], **durability_options(settings)
    )
    try:
        database = client[settings.database_name("goals")]
        publisher = OutboxPublisher(database, shards=FAST.shards)
        await publisher.ensure_indexes()

        async def three(tx: Any) -> None:
            for task in ("a", "b", "c"):
                await tx.publish(task_completed(task=task))

        await publisher.run_in_transaction(three)
        assert counter.inserts == [3]
        rows = await database["outbox"].find().sort("_id", 1).to_list()
        assert [r["event"]["data"]["task_id"] for r in rows] == ["a", "b", "c"]

        async def then_fail(tx: Any) -> None:
            await tx.publish(task_completed(task="never"))
            raise RuntimeError("validation failed")

        with pytest.raises(RuntimeError):
            await publisher.run_in_transaction(then_fail)
        assert counter.inserts == [3]  # nothing was sent for the failed work

        # A contract violation fails at publish, where the caller's code is.
        async def invalid(tx: Any) -> None:
            await tx.publish(Event.of("goals.task.completed", user_id="u1", data={}))

        with pytest.raises(InvalidEvent):
            await publisher.run_in_transaction(invalid)

        # An event already in the outbox: the duplicate surfaces as it always did.
        again = rows[0]["event"]

        async def duplicate(tx: Any) -> None:
            await tx.publish(task_completed(task="d"))
            await tx.publish(Event.model_validate(again))

        with pytest.raises(DuplicateKeyError):
            await publisher.run_in_transaction(duplicate)
        assert await database["outbox"].count_documents({}) == 3
    finally:
        await client.close()


async def test_held_leases_are_renewed_and_a_lost_one_is_let_go(database: Database) -> None:
    relay = OutboxRelay(database, Recorder(), wake=asyncio.Event(), settings=FAST, owner="a")
    leases = database[LEASES]
    await relay.leases.refresh()
    assert sorted(relay.leases.owned()) == list(range(FAST.shards))
    # Leases due to lapse in a second: renewing sets them lease_seconds (1.5 s) ahead.
    soon = datetime.now(UTC) + timedelta(seconds=1)
    await leases.update_many({}, {"$set": {"until": soon}})
    before = {row["_id"]: row["until"] async for row in leases.find()}

    # Renewed together: every lease held moves on.
    relay.leases._next_refresh = 0.0
    await relay.leases.refresh()
    after = {row["_id"]: row["until"] async for row in leases.find()}
    assert all(after[shard] > before[shard] for shard in before)

    # Another replica holds shard 1 now (say this one hung past its lease): it is let go,
    # and the rest stay held.
    taken = datetime.now(UTC) + timedelta(minutes=1)
    await leases.update_one({"_id": 1}, {"$set": {"owner": "b", "until": taken}})
    relay.leases._next_refresh = 0.0
    await relay.leases.refresh()
    assert sorted(relay.leases.owned()) == [s for s in range(FAST.shards) if s != 1]
    assert (await leases.find_one({"_id": 1}) or {})["owner"] == "b"


async def test_after_commit_work_runs_once_the_winning_attempt_committed(
    publisher: OutboxPublisher, database: Database
) -> None:
    await database["counters"].insert_one({"_id": "post", "likes": 0})
    announced: list[Any] = []

    async def like(tx: Any) -> None:
        raw = await database["counters"].find_one_and_update(
            {"_id": "post"}, {"$inc": {"likes": 1}}, session=tx.session, return_document=True
        )
        assert raw is not None
        mine = raw["likes"]

        async def announce() -> None:
            # Outside the session: this sees the committed count, at least its own.
            now = await database["counters"].find_one({"_id": "post"}) or {}
            announced.append((mine, now["likes"] >= mine))

        await after_commit(announce)

    # Conflicting writers: losers re-run, and an aborted attempt's announcement never runs.
    await asyncio.gather(*(publisher.run_in_transaction(like) for _ in range(10)))
    assert sorted(announced) == [(n, True) for n in range(1, 11)]


async def test_steps_before_commit_run_once_per_attempt_inside_the_transaction(
    publisher: OutboxPublisher, database: Database
) -> None:
    await database["counters"].insert_one({"_id": "post", "likes": 0})

    class Tally:
        def __init__(self, tx: OutboxTransaction) -> None:
            self.tx, self.delta = tx, 0
            tx.before_commit(self.apply)

        async def apply(self) -> None:
            await database["counters"].update_one(
                {"_id": "post"}, {"$inc": {"likes": self.delta}}, session=self.tx.session
            )
            await self.tx.publish(task_completed(task=f"tally-{self.delta}"))

    async def three_likes(tx: OutboxTransaction) -> None:
        for _ in range(3):
            tx.shared("post", Tally).delta += 1

    await publisher.run_in_transaction(three_likes)
    assert (await database["counters"].find_one({"_id": "post"})) == {"_id": "post", "likes": 3}
    [row] = await database["outbox"].find().to_list()  # a step's event commits with it
    assert row["event"]["data"]["task_id"] == "tally-3"

    async def then_fail(tx: OutboxTransaction) -> None:
        tx.shared("post", Tally).delta += 1

        async def fail() -> None:
            raise RuntimeError("a step failed")

        tx.before_commit(fail)

    with pytest.raises(RuntimeError):
        await publisher.run_in_transaction(then_fail)
    assert (await database["counters"].find_one({"_id": "post"})) == {"_id": "post", "likes": 3}
    assert await database["outbox"].count_documents({}) == 1


async def test_a_transaction_someone_else_commits_refuses_a_step(database: Database) -> None:
    async with database.client.start_session() as session:
        tx = OutboxTransaction(OutboxPublisher(database), session)

        async def step() -> None:
            pass

        with pytest.raises(RuntimeError, match="committed by its owner"):
            tx.before_commit(step)
