"""The served analytics subgraph fed through the real bus: projections, privacy, export, CLI."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from beanie import init_beanie
from pymongo import AsyncMongoClient
from typer.testing import CliRunner

from common.events.amqp import AmqpEventBus
from common.events.catalog import (
    FocusFinished,
    GoalChanged,
    HabitCheckedIn,
    MessageSent,
    PostCreated,
    PostLiked,
    TaskCompleted,
    TrackerLogged,
    UserUpdated,
)
from common.settings import Settings, get_settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.analytics.app import subgraph
from subgraphs.analytics.cli import analytics_app
from subgraphs.analytics.models import MODELS
from subgraphs.analytics.repository.facts import Facts
from subgraphs.analytics.repository.views import Goals, Habits, Profiles
from tests.subgraphs.conftest import Eventually, Gql, MakeEvent

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

USER_FIELDS = """
  stats { goalsCompleted goalsActive currentStreak longestStreak focusMinutesThisWeek
          posts likesReceived }
  lifeBalance { overall areas { area rating activity score } }
  weeklyReport { timezone goalsCompleted tasksCompleted habitCheckIns focusMinutes
                 trackerEntries posts likesReceived commentsWritten messagesSent }
  achievements { badge title unlockedAt }
"""
ENTITIES = "query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { FIELDS } } }"
USER_QUERY = ENTITIES.replace("FIELDS", USER_FIELDS)
GOAL_QUERY = """query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Goal {
  insights { totalFocusMinutes progress { at value } focusMinutesPerDay { at value }
             tasksCompletedPerDay { at value } } } } }"""


def user_reps(user_id: str) -> dict[str, Any]:
    return {"reps": [{"__typename": "User", "id": user_id}]}


def goal_reps(goal_id: str) -> dict[str, Any]:
    return {"reps": [{"__typename": "Goal", "id": goal_id}]}


def history(make_event: MakeEvent) -> list[Any]:
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()

    def goal(goal_id: str, area: str, status: str, progress: int) -> GoalChanged:
        return GoalChanged(
            goal_id=goal_id,
            owner_id="u1",
            title=goal_id,
            area=area,
            status=status,
            progress=progress,
        )

    profile = UserUpdated(
        user_id="u1",
        display_name="Una",
        timezone="Europe/Berlin",
        life_areas={"health": 80, "career": 40},
    )
    earlier = datetime.now(UTC) - timedelta(seconds=5)
    return [
        make_event("users.user.updated", payload=profile),
        make_event("goals.goal.created", payload=goal("g1", "health", "active", 0), time=earlier),
        make_event("goals.goal.updated", payload=goal("g1", "health", "active", 50)),
        make_event("goals.goal.completed", payload=goal("g2", "career", "completed", 100)),
        make_event("goals.goal.created", payload=goal("g3", "learning", "active", 20)),
        # Seven days in a row: analytics counts the streak from the check-ins themselves.
        *[
            make_event(
                "goals.habit.checked_in",
                payload=HabitCheckedIn(
                    habit_id="h1",
                    owner_id="u1",
                    day=today - timedelta(days=6 - n),
                    current_streak=n + 1,
                    longest_streak=n + 1,
                ),
                time=earlier if n < 6 else None,
            )
            for n in range(7)
        ],
        *[
            make_event(
                "goals.focus.finished",
                payload=FocusFinished(session_id=s, owner_id="u1", minutes=m, goal_id=g),
            )
            for s, m, g in (("s1", 30, "g1"), ("s2", 45, "g1"), ("s3", 25, None))
        ],
        *[
            make_event(
                "goals.tracker.logged",
                payload=TrackerLogged(
                    entry_id=e, owner_id="u1", kind="vitals", area="health", value=1
                ),
            )
            for e in ("t1", "t2")
        ],
        make_event(
            "goals.task.completed",
            payload=TaskCompleted(goal_id="g1", task_id="task1", owner_id="u1"),
        ),
        make_event(
            "community.post.created",
            payload=PostCreated(post_id="p1", author_id="u1", category="wins"),
        ),
        *[
            make_event(
                "community.post.liked",
                payload=PostLiked(post_id="p1", author_id="u1", liker_id=liker),
            )
            for liker in ("u2", "u3", "u1")  # a self-like does not count
        ],
        make_event(
            "chat.message.sent",
            payload=MessageSent(
                conversation_id="c1",
                message_id="m1",
                sender_id="u1",
                recipient_ids=["u2"],
                preview="hi",
            ),
        ),
    ]


EVENT_COUNT = 23
EXPECTED_STATS = {
    "goalsCompleted": 1,
    "goalsActive": 2,
    "currentStreak": 7,
    "longestStreak": 7,
    "focusMinutesThisWeek": 100.0,
    "posts": 1,
    "likesReceived": 2,
}


@pytest.fixture
async def served(
    serve_subgraph: ServeSubgraph,
    bus: AmqpEventBus,
    make_event: MakeEvent,
    gql: Gql,
    eventually: Eventually,
    test_keys: TestKeys,
) -> Any:
    async with serve_subgraph(subgraph) as url:
        for event in history(make_event):
            await bus.publish(event)
        owner = test_keys.bearer("u1")
        await eventually(
            lambda: gql(url, USER_QUERY, user_reps("u1"), owner),
            lambda body: (
                "errors" not in body
                and body["data"]["_entities"][0]["stats"] == EXPECTED_STATS
                and body["data"]["_entities"][0]["weeklyReport"]["messagesSent"] == 1
                and body["data"]["_entities"][0]["weeklyReport"]["trackerEntries"] == 2
            ),
        )
        # Every event is logged, including those (a self-like) that change no number.
        await eventually(
            lambda: gql(url, "{ analyticsExport }", headers=owner),
            lambda body: len(body["data"]["analyticsExport"]["events"]) == EVENT_COUNT,
        )
        yield url


async def test_bus_events_build_stats_balance_report_and_badges(
    served: str, gql: Gql, test_keys: TestKeys
) -> None:
    body = await gql(served, USER_QUERY, user_reps("u1"), test_keys.bearer("u1"))
    user = body["data"]["_entities"][0]
    assert user["stats"] == EXPECTED_STATS
    areas = {a["area"]: a for a in user["lifeBalance"]["areas"]}
    # health: 0.25 x 50 progress + 4 x 2 trackers + 75 focus minutes / 10 = 28
    assert areas["health"] == {"area": "health", "rating": 80, "activity": 28, "score": 54}
    # career: one goal completed in the last 30 days = 25; (40 + 25) / 2 = 32.5 -> 33
    assert areas["career"] == {"area": "career", "rating": 40, "activity": 25, "score": 33}
    assert areas["learning"] == {"area": "learning", "rating": None, "activity": 5, "score": 5}
    assert areas["finance"]["score"] == 0
    assert user["lifeBalance"]["overall"] == round((54 + 33 + 5) / 6)
    assert user["weeklyReport"] == {
        "timezone": "Europe/Berlin",
        "goalsCompleted": 1,
        "tasksCompleted": 1,
        "habitCheckIns": 7,
        "focusMinutes": 100.0,
        "trackerEntries": 2,
        "posts": 1,
        "likesReceived": 2,
        "commentsWritten": 0,
        "messagesSent": 1,
    }
    assert sorted(a["badge"] for a in user["achievements"]) == ["first_goal", "streak_7"]


async def test_goal_insights_are_chart_series(served: str, gql: Gql, test_keys: TestKeys) -> None:
    body = await gql(served, GOAL_QUERY, goal_reps("g1"), test_keys.bearer("u1"))
    insights = body["data"]["_entities"][0]["insights"]
    assert [p["value"] for p in insights["progress"]] == [0.0, 50.0]
    assert insights["totalFocusMinutes"] == 75.0
    local_today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    day_start = datetime.combine(local_today, datetime.min.time(), ZoneInfo("Europe/Berlin"))
    assert insights["focusMinutesPerDay"] == [
        {"at": day_start.astimezone(UTC).isoformat(), "value": 75.0}
    ]
    assert [p["value"] for p in insights["tasksCompletedPerDay"]] == [1.0]
    unknown = await gql(served, GOAL_QUERY, goal_reps("nope"), test_keys.bearer("u1"))
    assert unknown["data"]["_entities"][0]["insights"] is None


async def test_stats_read_only_the_counts_asked_for(
    served: str, gql: Gql, test_keys: TestKeys, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The home screen asks for one count of seven; it should not pay for the other six.
    reads: list[str] = []
    for repository, method in (
        (Profiles, "find"),
        (Habits, "for_owner"),
        (Facts, "count"),
        (Facts, "total"),
        (Goals, "count_with_status"),
    ):
        original = getattr(repository, method)

        def spy(*args: Any, _name: str = method, _original: Any = original, **kw: Any) -> Any:
            reads.append(_name)
            return _original(*args, **kw)

        monkeypatch.setattr(repository, method, spy)
    query = ENTITIES.replace("FIELDS", "stats { goalsActive }")
    body = await gql(served, query, user_reps("u1"), test_keys.bearer("u1"))
    assert body["data"]["_entities"][0]["stats"] == {"goalsActive": 2}
    assert reads == ["count_with_status"]


@pytest.mark.parametrize(
    "field", ["stats { posts }", "lifeBalance { overall }", "weeklyReport { posts }"]
)
async def test_private_user_fields_are_owner_only(
    served: str, gql: Gql, test_keys: TestKeys, field: str
) -> None:
    query = ENTITIES.replace("FIELDS", field)
    other = await gql(served, query, user_reps("u1"), test_keys.bearer("u2"))
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    anonymous = await gql(served, query, user_reps("u1"))
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_achievements_are_public_and_insights_are_not(
    served: str, gql: Gql, test_keys: TestKeys
) -> None:
    query = ENTITIES.replace("FIELDS", "achievements { badge }")
    public = await gql(served, query, user_reps("u1"))
    assert sorted(a["badge"] for a in public["data"]["_entities"][0]["achievements"]) == [
        "first_goal",
        "streak_7",
    ]
    other = await gql(served, GOAL_QUERY, goal_reps("g1"), test_keys.bearer("u2"))
    assert other["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_export_holds_only_the_callers_data(
    served: str, gql: Gql, test_keys: TestKeys
) -> None:
    body = await gql(served, "{ analyticsExport }", headers=test_keys.bearer("u1"))
    export = body["data"]["analyticsExport"]
    assert export["userId"] == "u1"
    assert export["stats"]["likes_received"] == 2
    assert {g["goal_id"] for g in export["goals"]} == {"g1", "g2", "g3"}
    assert len(export["events"]) == EVENT_COUNT
    assert all("u1" in e["user_ids"] for e in export["events"])
    other = await gql(served, "{ analyticsExport }", headers=test_keys.bearer("u2"))
    assert other["data"]["analyticsExport"]["userId"] == "u2"
    assert other["data"]["analyticsExport"]["goals"] == []
    anonymous = await gql(served, "{ analyticsExport }")
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_cli_rebuild_reproduces_the_live_projection(
    served: str,
    gql: Gql,
    test_keys: TestKeys,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner = test_keys.bearer("u1")
    live = await gql(served, USER_QUERY, user_reps("u1"), owner)
    monkeypatch.setenv("LIFEGRAPH_MONGODB_URL", settings.mongodb_url)
    monkeypatch.setenv("LIFEGRAPH_DATABASE_PREFIX", settings.database_prefix)
    get_settings.cache_clear()
    try:
        # The command runs its own event loop, so it gets a thread of its own.
        result = await asyncio.to_thread(CliRunner().invoke, analytics_app, ["rebuild"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert f"from {EVENT_COUNT} events" in result.output
    # The command bound the models to its own (now closed) client: rebind them here.
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url, tz_aware=True)
    try:
        await init_beanie(
            database=client[settings.database_name("analytics")], document_models=MODELS
        )
        rebuilt = await gql(served, USER_QUERY, user_reps("u1"), owner)
    finally:
        await client.close()
    assert rebuilt == live
