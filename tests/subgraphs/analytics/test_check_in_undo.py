"""An undone check-in, from goals to analytics over the real bus: as if it never happened."""

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
UNDO = "mutation($i: CheckInInput!) { undoHabitCheckIn(input: $i) { currentStreak } }"
ANALYTICS = """query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User {
  stats { currentStreak longestStreak }
  weeklyReport { habitCheckIns }
  achievements { badge } } } }"""


async def _ok(gql: Gql, url: str, query: str, variables: dict[str, Any], auth: Any) -> Any:
    body = await gql(url, query, variables, auth)
    assert "errors" not in body, body["errors"]
    return body["data"]


async def test_an_undone_check_in_leaves_analytics_as_if_never_made(
    serve_subgraph: ServeSubgraph,
    gql: Gql,
    eventually: Eventually,
    test_keys: TestKeys,
    settings: Settings,
) -> None:
    async with serve_subgraph(analytics) as stats_url, serve_subgraph(goals) as goals_url:
        days: dict[str, list[date]] = {}

        async def check_ins(user: str, skip: int | None = None) -> str:
            auth = test_keys.bearer(user)
            habit = (await _ok(gql, goals_url, CREATE, {"i": {"title": "Run"}}, auth))[
                "createHabit"
            ]
            today = date.fromisoformat(habit["today"])
            days[user] = [today - timedelta(days=back) for back in range(6, -1, -1)]
            for day in days[user]:
                if day != (today - timedelta(days=skip) if skip is not None else None):
                    check_in = {"i": {"habitId": habit["id"], "day": day.isoformat()}}
                    await _ok(gql, goals_url, CHECK_IN, check_in, auth)
            habit_id: str = habit["id"]
            return habit_id

        async def seen(user: str) -> dict[str, Any]:
            reps = {"reps": [{"__typename": "User", "id": user}]}
            body = await gql(stats_url, ANALYTICS, reps, test_keys.bearer(user))
            found: dict[str, Any] = body["data"]["_entities"][0] if "data" in body else body
            return found

        # Seven days in a row earn the 7-day streak badge...
        habit_id = await check_ins("undoer")
        await eventually(
            lambda: seen("undoer"), lambda s: s["achievements"] == [{"badge": "streak_7"}]
        )
        # ... until the middle one is undone. "control" never checked in that day.
        middle = days["undoer"][3].isoformat()
        auth = test_keys.bearer("undoer")
        await _ok(gql, goals_url, UNDO, {"i": {"habitId": habit_id, "day": middle}}, auth)
        await check_ins("control", skip=3)
        control = await eventually(
            lambda: seen("control"), lambda s: s["weeklyReport"]["habitCheckIns"] == 6
        )
        assert control == {
            "stats": {"currentStreak": 3, "longestStreak": 3},
            "weeklyReport": {"habitCheckIns": 6},
            "achievements": [],
        }
        await eventually(lambda: seen("undoer"), lambda s: s == control)

        # Replaying the event log (`lifegraph analytics rebuild`) ends in the same place.
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            settings.mongodb_url, tz_aware=True
        )
        try:
            await rebuild_projections(client[settings.database_name("analytics")])
            assert await seen("undoer") == control
            assert await seen("control") == control
        finally:
            await client.close()
