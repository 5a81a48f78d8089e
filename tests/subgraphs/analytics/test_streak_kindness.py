"""Habits and analytics apply one streak rule (common/streaks.py): freezes and schedules."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.analytics.app import subgraph as analytics
from subgraphs.analytics.service.analytics import rebuild_projections
from subgraphs.goals.app import subgraph as goals
from tests.subgraphs.conftest import Eventually, Gql

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

CREATE = "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id today } }"
CHECK_IN = "mutation($i: CheckInInput!) { checkInHabit(input: $i) { currentStreak } }"
FREEZE = (
    "mutation($i: HabitDayInput!) { freezeHabitDay(input: $i) { currentStreak longestStreak } }"
)
HABIT = "query($id: ID!) { habit(id: $id) { currentStreak longestStreak } }"
STATS = """query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User {
  stats { currentStreak longestStreak } } } }"""


async def _ok(gql: Gql, url: str, query: str, variables: dict[str, Any], auth: Any) -> Any:
    body = await gql(url, query, variables, auth)
    assert "errors" not in body, body["errors"]
    return body["data"]


async def test_analytics_streaks_follow_the_habits_rule_with_freezes_and_schedules(
    serve_subgraph: ServeSubgraph,
    gql: Gql,
    eventually: Eventually,
    test_keys: TestKeys,
    settings: Settings,
) -> None:
    async with serve_subgraph(analytics) as stats_url, serve_subgraph(goals) as goals_url:

        async def habit(user: str, fields: dict[str, Any], backs: list[int]) -> dict[str, Any]:
            auth = test_keys.bearer(user)
            created: dict[str, Any] = (await _ok(gql, goals_url, CREATE, {"i": fields}, auth))[
                "createHabit"
            ]
            today = date.fromisoformat(created["today"])
            for back in backs:
                day = (today - timedelta(days=back)).isoformat()
                await _ok(
                    gql, goals_url, CHECK_IN, {"i": {"habitId": created["id"], "day": day}}, auth
                )
            return created

        async def stats(user: str) -> dict[str, Any]:
            reps = {"reps": [{"__typename": "User", "id": user}]}
            body = await gql(stats_url, STATS, reps, test_keys.bearer(user))
            found: dict[str, Any] = (
                body["data"]["_entities"][0]["stats"] if "data" in body else body
            )
            return found

        async def shown(user: str, habit_id: str) -> dict[str, Any]:
            data = await _ok(gql, goals_url, HABIT, {"id": habit_id}, test_keys.bearer(user))
            found: dict[str, Any] = data["habit"]
            return found

        # A daily habit missed three days ago: broken, until a freeze covers the miss.
        daily = await habit("sam", {"title": "Run"}, [6, 5, 4, 2, 1])
        assert await shown("sam", daily["id"]) == {"currentStreak": 2, "longestStreak": 3}
        await eventually(lambda: stats("sam"), lambda s: s == _shape(2, 3))
        missed = (date.fromisoformat(daily["today"]) - timedelta(days=3)).isoformat()
        frozen = await _ok(
            gql,
            goals_url,
            FREEZE,
            {"i": {"habitId": daily["id"], "day": missed}},
            test_keys.bearer("sam"),
        )
        assert frozen["freezeHabitDay"] == {"currentStreak": 5, "longestStreak": 5}
        await eventually(lambda: stats("sam"), lambda s: s == _shape(5, 5))

        # Due one weekday only: last checked three days ago and still running, in both.
        today = date.fromisoformat(daily["today"])
        weekday = (today - timedelta(days=3)).weekday()
        weekly = await habit(
            "wes", {"title": "Swim", "schedule": "WEEKDAYS", "weekdays": [weekday]}, [10, 3]
        )
        assert await shown("wes", weekly["id"]) == {"currentStreak": 2, "longestStreak": 2}
        await eventually(lambda: stats("wes"), lambda s: s == _shape(2, 2))

        # Replaying the event log (`lifegraph analytics rebuild`) ends in the same place.
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            settings.mongodb_url, tz_aware=True
        )
        try:
            await rebuild_projections(client[settings.database_name("analytics")])
            assert await stats("sam") == _shape(5, 5)
            assert await stats("wes") == _shape(2, 2)
        finally:
            await client.close()


def _shape(current: int, longest: int) -> dict[str, int]:
    return {"currentStreak": current, "longestStreak": longest}
