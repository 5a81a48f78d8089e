"""Analytics domain logic through the kit's transactional consumer, against the real database."""

from __future__ import annotations

import asyncio
import random
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pymongo.asynchronous.client_session import AsyncClientSession

from common.app import SubgraphHost
from common.db import Database, init_database
from common.errors import Conflict
from common.events import Event, OutboxPublisher, transactional
from common.events.catalog import (
    FocusFinished,
    GoalChanged,
    HabitCheckedIn,
    PostCommented,
    PostLiked,
    UserUpdated,
)
from common.events.consumer import Applied, Failed, Subscription, make_subscription
from common.infra import Infrastructure
from subgraphs.analytics.app import subgraph
from subgraphs.analytics.events import CONSUMER
from subgraphs.analytics.models import MODELS, Achievement, RebuildLock
from subgraphs.analytics.service.analytics import AnalyticsService, rebuild_projections
from subgraphs.analytics.service.projector import PATTERNS
from tests.subgraphs.conftest import Eventually, MakeEvent

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

UNLOCKED = "analytics.achievement.unlocked"


@pytest.fixture
async def database(infra: Infrastructure) -> Database:
    return await init_database(infra.mongo, infra.settings, "analytics", MODELS)


@pytest.fixture
async def outbox(database: Database) -> OutboxPublisher:
    publisher = OutboxPublisher(database)
    await publisher.ensure_indexes()
    return publisher


@dataclass
class Consumer:
    """The analytics consumer as the bus runs it: the kit's subscription, one event at a time."""

    service: AnalyticsService
    subscription: Subscription

    async def offer(self, event: Event) -> Applied | Failed:
        return await self.subscription.apply(event)

    async def deliver(self, *events: Event) -> None:
        for event in events:
            outcome = await self.offer(event)
            assert not isinstance(outcome, Failed), outcome


def consumer_for(database: Database, publisher: OutboxPublisher) -> Consumer:
    service = AnalyticsService(publisher)
    subscription = make_subscription(
        CONSUMER, PATTERNS, transactional(service.handle), database=database, database_for=None
    )
    return Consumer(service, subscription)


@pytest.fixture
def consumer(database: Database, outbox: OutboxPublisher) -> Consumer:
    return consumer_for(database, outbox)


async def announced(database: Database) -> list[dict[str, Any]]:
    rows = await database["outbox"].find({"type": UNLOCKED}).to_list()
    return [row["event"]["data"] for row in rows]


async def unlocks(user_id: str) -> list[tuple[str, datetime]]:
    rows = await Achievement.find({"user_id": user_id}).to_list()
    return sorted((a.badge, a.unlocked_at) for a in rows)


def goal_event(
    make_event: MakeEvent,
    n: int,
    *,
    owner: str = "u1",
    status: str = "completed",
    at: datetime | None = None,
) -> Event:
    payload = GoalChanged(
        goal_id=f"{owner}-g{n}",
        owner_id=owner,
        title=f"Goal {n}",
        area="career",
        status=status,
        progress=100 if status == "completed" else 40,
    )
    kind = "goals.goal.completed" if status == "completed" else "goals.goal.reopened"
    return make_event(kind, payload=payload, time=at)


async def test_badges_are_awarded_once_and_announced_once(
    consumer: Consumer, database: Database, make_event: MakeEvent
) -> None:
    events = [goal_event(make_event, n) for n in range(10)]
    checkins = [
        make_event(
            "goals.habit.checked_in",
            payload=HabitCheckedIn(
                habit_id="h1",
                owner_id="u1",
                day=date(2025, 1, d),
                current_streak=d,
                longest_streak=d,
            ),
        )
        for d in (7, 8)
    ]
    for event in [*events, *events, checkins[0], checkins[0], checkins[1]]:
        outcome = await consumer.offer(event)  # every event delivered twice
        assert not isinstance(outcome, Failed), outcome

    assert [b for b, _ in await unlocks("u1")] == ["first_goal", "goals_10", "streak_7"]
    assert sorted(a["badge"] for a in await announced(database)) == [
        "first_goal",
        "goals_10",
        "streak_7",
    ]
    assert await database["events"].count_documents({}) == 12
    assert await database["processed_events"].count_documents({"consumer": CONSUMER}) == 12


async def test_helpful_commenter_counts_comments_on_other_peoples_posts(
    consumer: Consumer, make_event: MakeEvent
) -> None:
    for n in range(9):
        payload = PostCommented(post_id="p", author_id="a", comment_id=f"c{n}", commenter_id="u1")
        await consumer.deliver(make_event("community.post.commented", payload=payload))
    own = PostCommented(post_id="p2", author_id="u1", comment_id="own", commenter_id="u1")
    await consumer.deliver(make_event("community.post.commented", payload=own))
    assert await unlocks("u1") == []
    tenth = PostCommented(post_id="p", author_id="a", comment_id="c9", commenter_id="u1")
    await consumer.deliver(make_event("community.post.commented", payload=tenth))
    assert [b for b, _ in await unlocks("u1")] == ["helpful_commenter"]


class FailingOutbox(OutboxPublisher):
    """The real outbox, failing right after its row is written: a crash mid-transaction."""

    async def publish(self, event: Event, *, session: AsyncClientSession | None = None) -> None:
        await super().publish(event, session=session)
        raise ConnectionError("lost the database mid-transaction")


async def test_an_event_and_the_badge_it_earns_commit_together_or_not_at_all(
    consumer: Consumer, database: Database, make_event: MakeEvent
) -> None:
    failing = consumer_for(database, FailingOutbox(database))
    created = goal_event(make_event, 1, status="active")

    outcome = await failing.offer(created)

    assert isinstance(outcome, Failed)
    assert not outcome.permanent
    for collection in ("processed_events", "events", "goals", "facts", "achievements", "outbox"):
        assert await database[collection].count_documents({}) == 0, collection

    assert await consumer.offer(created) is Applied.APPLIED
    assert await consumer.offer(created) is Applied.DUPLICATE
    assert [b for b, _ in await unlocks("u1")] == ["first_goal"]
    assert [a["badge"] for a in await announced(database)] == ["first_goal"]
    assert await database["events"].count_documents({}) == 1


def badge_history(make_event: MakeEvent, owner: str, base: datetime) -> list[Event]:
    """Events that earn every badge, each at a known time."""
    hour = timedelta(hours=1)
    events = [goal_event(make_event, n, owner=owner, at=base + n * hour) for n in range(12)]
    # Reopened and completed again later: still one goal, first completed at base.
    events.append(goal_event(make_event, 0, owner=owner, status="active", at=base + 20 * hour))
    events.append(goal_event(make_event, 0, owner=owner, at=base + 21 * hour))
    events += [
        make_event(
            "community.post.commented",
            payload=PostCommented(
                post_id="p", author_id="other", comment_id=f"{owner}-c{n}", commenter_id=owner
            ),
            time=base + n * hour / 2,
        )
        for n in range(11)
    ]
    events += [
        make_event(
            "goals.focus.finished",
            payload=FocusFinished(session_id=f"{owner}-s{n}", owner_id=owner, minutes=1000),
            time=base + n * hour,
        )
        for n in range(7)
    ]
    events += [
        make_event(
            "goals.habit.checked_in",
            payload=HabitCheckedIn(
                habit_id=f"{owner}-h",
                owner_id=owner,
                day=date(2025, 3, d),
                current_streak=d,
                longest_streak=d,
            ),
            time=base + d * hour,
        )
        for d in range(1, 9)
    ]
    return events


async def test_unlock_times_do_not_depend_on_the_order_events_are_applied_in(
    consumer: Consumer, make_event: MakeEvent, database: Database
) -> None:
    base = datetime(2025, 3, 1, 8, tzinfo=UTC)
    hour = timedelta(hours=1)
    shuffled = badge_history(make_event, "ann", base)
    random.Random(7).shuffle(shuffled)
    await consumer.deliver(*shuffled)
    await consumer.deliver(*reversed(badge_history(make_event, "bob", base)))

    expected = [
        ("first_goal", base),
        ("focus_100h", base + 5 * hour),  # the sixth 1000-minute session reaches 6000
        ("goals_10", base + 9 * hour),
        ("helpful_commenter", base + 9 * hour / 2),
        ("streak_7", base + 7 * hour),
    ]
    assert await unlocks("ann") == expected
    assert await unlocks("bob") == expected

    assert await rebuild_projections(database) == 2 * len(shuffled)
    assert await unlocks("ann") == expected
    assert await unlocks("bob") == expected
    listed = (await consumer.service.achievements(["ann"]))["ann"]
    assert [a.badge for a in listed] == [
        "first_goal",
        "helpful_commenter",
        "focus_100h",
        "streak_7",
        "goals_10",
    ]


async def test_consumers_defer_events_while_a_rebuild_holds_the_lock(
    consumer: Consumer, database: Database, make_event: MakeEvent
) -> None:
    locks = consumer.service.repos.rebuild_locks
    now = datetime.now(UTC)
    assert await locks.acquire("other-rebuild", now=now, stale_after=timedelta(minutes=1))
    event = goal_event(make_event, 1)

    outcome = await consumer.offer(event)

    assert isinstance(outcome, Failed)
    assert outcome.transient, outcome
    assert await database["events"].count_documents({}) == 0
    assert await database["processed_events"].count_documents({}) == 0
    await locks.release("other-rebuild")
    assert await consumer.offer(event) is Applied.APPLIED


async def test_a_second_rebuild_is_refused_and_a_dead_ones_lock_is_taken_over(
    consumer: Consumer, database: Database, make_event: MakeEvent
) -> None:
    await consumer.deliver(goal_event(make_event, 1))
    locks = consumer.service.repos.rebuild_locks
    started = datetime.now(UTC)
    assert await locks.acquire("running", now=started, stale_after=timedelta(minutes=1))
    with pytest.raises(Conflict):
        await consumer.service.rebuild()

    # The holder stopped renewing (it died half-way): the next rebuild finishes its job.
    await RebuildLock.get_pymongo_collection().update_one(
        {"holder": "running"}, {"$set": {"heartbeat_at": started - timedelta(minutes=5)}}
    )
    assert await consumer.service.rebuild() == 1
    assert await locks.current() is None
    assert [b for b, _ in await unlocks("u1")] == ["first_goal"]


async def test_weekly_report_cuts_weeks_at_local_monday_midnight(
    consumer: Consumer, make_event: MakeEvent
) -> None:
    await consumer.deliver(
        make_event(
            "users.user.updated",
            payload=UserUpdated(user_id="u1", display_name="U", timezone="Pacific/Auckland"),
        )
    )
    # Sunday 13:00 UTC is already Monday 02:00 in Auckland (UTC+13 in March).
    monday_in_auckland = datetime(2025, 3, 9, 13, 0, tzinfo=UTC)
    sunday_in_auckland = datetime(2025, 3, 9, 10, 0, tzinfo=UTC)  # Sunday 23:00 local
    for n, at in enumerate((monday_in_auckland, sunday_in_auckland)):
        payload = FocusFinished(session_id=f"s{n}", owner_id="u1", minutes=30 + n)
        await consumer.deliver(make_event("goals.focus.finished", payload=payload, time=at))

    service = consumer.service
    this_week = await service.weekly_report("u1", date(2025, 3, 12))
    assert this_week.week_start == date(2025, 3, 10)
    assert this_week.starts_at == datetime(2025, 3, 9, 11, 0, tzinfo=UTC)
    assert this_week.focus_minutes == 30
    previous = await service.weekly_report("u1", date(2025, 3, 9))
    assert previous.week_start == date(2025, 3, 3)
    assert previous.focus_minutes == 31
    assert previous.timezone == "Pacific/Auckland"


async def _snapshot(service: AnalyticsService, users: list[str], goals: list[str]) -> Any:
    found = await service.goals(goals)
    return {
        "users": {
            u: {
                "stats": asdict(await service.stats(u)),
                "balance": [asdict(b) for b in await service.life_balance(u)],
                "report": asdict(await service.weekly_report(u)),
                "badges": [
                    (a.badge, a.unlocked_at) for a in (await service.achievements([u])).get(u, [])
                ],
            }
            for u in users
        },
        "insights": {g: asdict(await service.goal_insights(v)) for g, v in found.items()},
    }


def live_history(make_event: MakeEvent, now: datetime) -> list[Event]:
    return [
        make_event(
            "users.user.updated",
            payload=UserUpdated(
                user_id="u1", display_name="U", timezone="Europe/Berlin", life_areas={"health": 70}
            ),
        ),
        *[
            make_event(
                "goals.goal.updated",
                payload=GoalChanged(
                    goal_id="g1",
                    owner_id="u1",
                    title="Run",
                    area="health",
                    status="active",
                    progress=p,
                ),
                time=now - timedelta(minutes=10 - p // 10),
            )
            for p in (10, 30, 60)
        ],
        goal_event(make_event, 2),
        make_event(
            "goals.focus.finished",
            payload=FocusFinished(session_id="s1", owner_id="u1", minutes=50, goal_id="g1"),
        ),
        make_event(
            "goals.habit.checked_in",
            payload=HabitCheckedIn(
                habit_id="h1", owner_id="u1", day=now.date(), current_streak=3, longest_streak=9
            ),
        ),
        make_event(
            "community.post.liked", payload=PostLiked(post_id="p1", author_id="u1", liker_id="u2")
        ),
    ]


async def test_rebuild_from_the_event_log_equals_the_live_projection(
    infra: Infrastructure, make_event: MakeEvent, eventually: Eventually
) -> None:
    host = SubgraphHost(subgraph)
    await host.start(infra)
    await infra.bus.start_consuming()
    try:
        service = host.services.analytics
        events = live_history(make_event, datetime.now(UTC))
        for event in events:
            await infra.bus.publish(event)
        await eventually(
            lambda: service.stats("u1"),
            lambda s: (
                s.likes_received == 1
                and s.focus_minutes_this_week == 50
                and s.goals_completed == 1
                # Stats count streaks from the check-ins themselves (one day here);
                # the streak badge reads the streak the event carries (9).
                and s.longest_streak == 1
            ),
        )
        await eventually(
            lambda: service.goals(["g1"]), lambda g: "g1" in g and g["g1"].progress == 60
        )
        processed = host.runtime.database["processed_events"]
        await eventually(
            lambda: processed.count_documents({"consumer": CONSUMER}),
            lambda n: n == len(events),
        )
        live = await _snapshot(service, ["u1", "u2"], ["g1", "u1-g2"])
        assert [b for b, _ in live["users"]["u1"]["badges"]] == ["first_goal", "streak_7"]

        replayed = await rebuild_projections(host.runtime.database)

        assert replayed == len(events)
        assert await _snapshot(service, ["u1", "u2"], ["g1", "u1-g2"]) == live
    finally:
        await host.stop()


async def test_a_rebuild_while_events_stream_in_loses_nothing(
    infra: Infrastructure, make_event: MakeEvent, eventually: Eventually
) -> None:
    host = SubgraphHost(subgraph)
    await host.start(infra)
    await infra.bus.start_consuming()
    try:
        service = host.services.analytics
        database = host.runtime.database
        base = datetime(2025, 3, 1, 8, tzinfo=UTC)
        events = [
            *badge_history(make_event, "ann", base),
            *live_history(make_event, datetime.now(UTC)),
        ]
        half = len(events) // 2
        for event in events[:half]:
            await infra.bus.publish(event)

        async def publish_rest() -> None:
            for event in events[half:]:
                await infra.bus.publish(event)

        publishing = asyncio.create_task(publish_rest())
        await service.rebuild()
        await publishing
        processed = database["processed_events"]
        # One user's events apply one at a time, each its own transaction, and
        # those that met the lock come back from the retry queue: about 4 s on
        # a quiet machine, and over 10 s on a loaded CI one.
        await eventually(
            lambda: processed.count_documents({"consumer": CONSUMER}),
            lambda n: n == len(events),
            within=90,
        )
        live = await _snapshot(service, ["ann", "u1", "u2"], ["g1", "u1-g2"])
        assert len(live["users"]["ann"]["badges"]) == 5

        assert await service.rebuild() == len(events)
        assert await _snapshot(service, ["ann", "u1", "u2"], ["g1", "u1-g2"]) == live
    finally:
        await host.stop()


def _likes(
    make_event: MakeEvent, steps: list[tuple[str, str, str]], base: datetime, author: str
) -> list[Event]:
    """(verb, post, liker) in time order, one second apart, on the author's posts."""
    return [
        make_event(
            f"community.post.{verb}",
            payload=PostLiked(
                post_id=post, author_id=author, liker_id=author if liker == "self" else liker
            ),
            time=base + timedelta(seconds=n),
        )
        for n, (verb, post, liker) in enumerate(steps)
    ]


async def test_likes_received_counts_the_likes_that_stand(
    consumer: Consumer, make_event: MakeEvent
) -> None:
    steps = [
        ("liked", "p1", "u2"),
        ("unliked", "p1", "u2"),
        ("liked", "p1", "u2"),  # like, unlike, like: one like
        ("liked", "p1", "u3"),
        ("unliked", "p1", "u3"),  # like, unlike: none
        ("liked", "p2", "u2"),
        ("liked", "p2", "self"),  # a self-like never counts
        ("unliked", "p2", "u4"),  # an unlike of a like never seen: none
    ]
    base = datetime.now(UTC) - timedelta(minutes=5)
    in_order = [(verb, f"a-{post}", liker) for verb, post, liker in steps]
    await consumer.deliver(*_likes(make_event, in_order, base, "author"))
    assert (await consumer.service.stats("author")).likes_received == 2
    assert (await consumer.service.weekly_report("author")).likes_received == 2

    # The same history applied backwards (retries reorder events) ends the same.
    await consumer.deliver(*reversed(_likes(make_event, steps, base, "other")))
    assert (await consumer.service.stats("other")).likes_received == 2


async def test_a_goal_restored_from_the_trash_counts_again_in_any_order(
    consumer: Consumer, make_event: MakeEvent
) -> None:
    base = datetime.now(UTC) - timedelta(minutes=5)

    def history(owner: str) -> list[Event]:
        def event(kind: str, minutes: int) -> Event:
            payload = GoalChanged(
                goal_id=f"{owner}-g",
                owner_id=owner,
                title="G",
                area="career",
                status="active",
                progress=10,
            )
            return make_event(kind, payload=payload, time=base + timedelta(minutes=minutes))

        return [
            event("goals.goal.created", 0),
            event("goals.goal.deleted", 1),
            event("goals.goal.restored", 2),
        ]

    await consumer.deliver(*history("u1")[:2])
    assert (await consumer.service.stats("u1")).goals_active == 0
    await consumer.deliver(history("u1")[2])
    assert (await consumer.service.stats("u1")).goals_active == 1
    # A deletion retried after the restore (older) leaves the goal restored.
    await consumer.deliver(*reversed(history("u2")))
    assert (await consumer.service.stats("u2")).goals_active == 1
