"""Analytics domain logic against the real database and broker."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from common.app import SubgraphHost
from common.db import init_database
from common.events import Event
from common.events.catalog import (
    FocusFinished,
    GoalChanged,
    HabitCheckedIn,
    PostCommented,
    PostLiked,
    UserUpdated,
)
from common.infra import Infrastructure
from subgraphs.analytics.app import subgraph
from subgraphs.analytics.models import MODELS, Achievement
from subgraphs.analytics.service import AnalyticsService, rebuild_projections

from .conftest import Eventually, MakeEvent

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]


class RecordingPublisher:
    def __init__(self) -> None:
        self.events: list[Event] = []

    async def publish(self, event: Event) -> None:
        self.events.append(event)


@pytest.fixture
async def database(infra: Infrastructure) -> Any:
    return await init_database(infra.mongo, infra.settings, "analytics", MODELS)


def completed_goal(make_event: MakeEvent, n: int, owner: str = "u1") -> Event:
    payload = GoalChanged(
        goal_id=f"g{n}",
        owner_id=owner,
        title=f"Goal {n}",
        area="career",
        status="completed",
        progress=100,
    )
    return make_event("goals.goal.completed", payload=payload)


async def test_badges_are_awarded_once_and_announced_once(
    database: Any, make_event: MakeEvent
) -> None:
    publisher = RecordingPublisher()
    service = AnalyticsService(publisher)
    events = [completed_goal(make_event, n) for n in range(10)]
    for event in [*events, *events]:  # every event delivered twice
        await service.handle(event)
    checkin = make_event(
        "goals.habit.checked_in",
        payload=HabitCheckedIn(
            habit_id="h1", owner_id="u1", day=date(2025, 1, 7), current_streak=7, longest_streak=7
        ),
    )
    later = make_event(
        "goals.habit.checked_in",
        payload=HabitCheckedIn(
            habit_id="h1", owner_id="u1", day=date(2025, 1, 8), current_streak=8, longest_streak=8
        ),
    )
    for event in (checkin, checkin, later):
        await service.handle(event)

    badges = sorted(a.badge for a in await Achievement.find({"user_id": "u1"}).to_list())
    assert badges == ["first_goal", "goals_10", "streak_7"]
    announced = sorted(e.data["badge"] for e in publisher.events)
    assert announced == ["first_goal", "goals_10", "streak_7"]
    assert {e.type for e in publisher.events} == {"analytics.achievement.unlocked"}
    assert all(e.user_id == "u1" for e in publisher.events)


async def test_helpful_commenter_counts_comments_on_other_peoples_posts(
    database: Any, make_event: MakeEvent
) -> None:
    service = AnalyticsService(RecordingPublisher())
    for n in range(9):
        payload = PostCommented(post_id="p", author_id="a", comment_id=f"c{n}", commenter_id="u1")
        await service.handle(make_event("community.post.commented", payload=payload))
    own = PostCommented(post_id="p2", author_id="u1", comment_id="own", commenter_id="u1")
    await service.handle(make_event("community.post.commented", payload=own))
    assert await Achievement.find({"user_id": "u1"}).count() == 0
    tenth = PostCommented(post_id="p", author_id="a", comment_id="c9", commenter_id="u1")
    await service.handle(make_event("community.post.commented", payload=tenth))
    assert [a.badge for a in await Achievement.find({"user_id": "u1"}).to_list()] == [
        "helpful_commenter"
    ]


async def test_weekly_report_cuts_weeks_at_local_monday_midnight(
    database: Any, make_event: MakeEvent
) -> None:
    service = AnalyticsService(None)
    await service.handle(
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
        await service.handle(make_event("goals.focus.finished", payload=payload, time=at))

    this_week = await service.weekly_report("u1", date(2025, 3, 12))
    assert this_week.week_start == date(2025, 3, 10)
    assert this_week.starts_at == datetime(2025, 3, 9, 11, 0, tzinfo=UTC)
    assert this_week.focus_minutes == 30
    previous = await service.weekly_report("u1", date(2025, 3, 9))
    assert previous.week_start == date(2025, 3, 3)
    assert previous.focus_minutes == 31
    assert previous.timezone == "Pacific/Auckland"


async def _snapshot(service: AnalyticsService, users: list[str]) -> dict[str, Any]:
    goals = await service.goals(["g1", "g2", "g3"])
    return {
        "users": {
            u: {
                "stats": asdict(await service.stats(u)),
                "balance": [asdict(b) for b in await service.life_balance(u)],
                "report": asdict(await service.weekly_report(u)),
                "badges": sorted(a.badge for a in (await service.achievements([u])).get(u, [])),
            }
            for u in users
        },
        "insights": {g: asdict(await service.goal_insights(v)) for g, v in goals.items()},
    }


async def test_rebuild_from_the_event_log_equals_the_live_projection(
    infra: Infrastructure, make_event: MakeEvent, eventually: Eventually
) -> None:
    host = SubgraphHost(subgraph)
    await host.start(infra)
    await infra.bus.start_consuming()
    try:
        service = host.services.analytics
        now = datetime.now(UTC)
        events = [
            make_event(
                "users.user.updated",
                payload=UserUpdated(
                    user_id="u1",
                    display_name="U",
                    timezone="Europe/Berlin",
                    life_areas={"health": 70},
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
            completed_goal(make_event, 2),
            make_event(
                "goals.focus.finished",
                payload=FocusFinished(session_id="s1", owner_id="u1", minutes=50, goal_id="g1"),
            ),
            make_event(
                "goals.habit.checked_in",
                payload=HabitCheckedIn(
                    habit_id="h1",
                    owner_id="u1",
                    day=now.date(),
                    current_streak=3,
                    longest_streak=9,
                ),
            ),
            make_event(
                "community.post.liked",
                payload=PostLiked(post_id="p1", author_id="u1", liker_id="u2"),
            ),
        ]
        for event in events:
            await infra.bus.publish(event)
        await eventually(
            lambda: service.stats("u1"),
            lambda s: (
                s.likes_received == 1
                and s.focus_minutes_this_week == 50
                and s.goals_completed == 1
                and s.longest_streak == 9
            ),
        )
        await eventually(
            lambda: service.goals(["g1"]), lambda g: "g1" in g and g["g1"].progress == 60
        )
        live = await _snapshot(service, ["u1", "u2"])
        assert live["users"]["u1"]["badges"] == ["first_goal", "streak_7"]

        replayed = await rebuild_projections(host.runtime.database)

        assert replayed == len(events)
        assert await _snapshot(service, ["u1", "u2"]) == live
    finally:
        await host.stop()
