"""Mood check-ins from goals to analytics over the real bus: correlations with sample sizes."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

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
LOG = "mutation($i: LogMoodInput!) { logMood(input: $i) { id day } }"
DELETE = "mutation($i: MoodCheckInIdInput!) { deleteMoodCheckIn(input: $i) { deletedId } }"
SIDE = "withAverage withDays withoutAverage withoutDays difference"
CORRELATIONS = f"""query($reps: [_Any!]!, $days: Int!) {{ _entities(representations: $reps) {{
  ... on User {{ moodCorrelations(days: $days) {{
    days minimumSample moodDays habits {{ habitId mood {{ {SIDE} }} }} focus {{ {SIDE} }}
  }} }} }} }}"""


async def _ok(gql: Gql, url: str, query: str, variables: dict[str, Any], auth: Any) -> Any:
    body = await gql(url, query, variables, auth)
    assert "errors" not in body, body["errors"]
    return body["data"]


def _noon(day: date) -> str:
    # Users known only by token have no profile: their zone is UTC.
    return datetime.combine(day, time(12), tzinfo=ZoneInfo("UTC")).isoformat()


async def test_mood_on_habit_days_versus_other_days_with_sample_sizes(
    serve_subgraph: ServeSubgraph,
    gql: Gql,
    eventually: Eventually,
    test_keys: TestKeys,
    settings: Settings,
) -> None:
    async with serve_subgraph(analytics) as stats_url, serve_subgraph(goals) as goals_url:
        auth = test_keys.bearer("moody")
        run = (await _ok(gql, goals_url, CREATE, {"i": {"title": "Run"}}, auth))["createHabit"]
        read = (await _ok(gql, goals_url, CREATE, {"i": {"title": "Read"}}, auth))["createHabit"]
        today = date.fromisoformat(run["today"])
        window = [today - timedelta(days=back) for back in range(13, -1, -1)]
        run_days = window[0::2]  # 7 days, from the window's first
        read_days = window[-2:]  # 2 days: under the minimum sample
        for habit, days in ((run, run_days), (read, read_days)):
            for day in days:
                check_in = {"i": {"habitId": habit["id"], "day": day.isoformat()}}
                await _ok(gql, goals_url, CHECK_IN, check_in, auth)
        logged: dict[date, list[str]] = {}
        for day in window:
            # Today gets two check-ins (2 and 4): a day's mood is their mean.
            moods = [4] if day in run_days else ([2, 4] if day == today else [3])
            for mood in moods:
                at = _noon(day) if day != today else None
                found = await _ok(gql, goals_url, LOG, {"i": {"mood": mood, "at": at}}, auth)
                assert found["logMood"]["day"] == day.isoformat()
                logged.setdefault(day, []).append(found["logMood"]["id"])

        async def correlations(days: int = 30) -> dict[str, Any]:
            reps = {"reps": [{"__typename": "User", "id": "moody"}], "days": days}
            body = await gql(stats_url, CORRELATIONS, reps, auth)
            assert "errors" not in body, body
            found: dict[str, Any] = body["data"]["_entities"][0]["moodCorrelations"]
            return found

        expected: dict[str, Any] = {
            "days": 30,
            "minimumSample": 5,
            "moodDays": 14,
            "habits": sorted(
                [
                    {
                        "habitId": run["id"],
                        "mood": {
                            "withAverage": 4.0,
                            "withDays": 7,
                            "withoutAverage": 3.0,
                            "withoutDays": 7,
                            "difference": 1.0,
                        },
                    },
                    {
                        # Checked in on its only two days: too few to show either mean.
                        "habitId": read["id"],
                        "mood": {
                            "withAverage": None,
                            "withDays": 2,
                            "withoutAverage": None,
                            "withoutDays": 0,
                            "difference": None,
                        },
                    },
                ],
                key=lambda h: str(h["habitId"]),
            ),
            "focus": {
                "withAverage": None,
                "withDays": 0,
                "withoutAverage": 3.5,
                "withoutDays": 14,
                "difference": None,
            },
        }
        await eventually(correlations, lambda found: found == expected)

        # A deleted check-in stops counting: today is now 2 alone.
        await _ok(gql, goals_url, DELETE, {"i": {"id": logged[today][1]}}, auth)
        after: dict[str, Any] = json.loads(json.dumps(expected))
        for habit in after["habits"]:
            if habit["habitId"] == run["id"]:
                habit["mood"] |= {"withoutAverage": 2.86, "difference": 1.14}
        after["focus"]["withoutAverage"] = 3.43
        await eventually(correlations, lambda found: found == after)
        # A shorter window leaves the Run days before it out.
        short = await correlations(days=3)
        assert short["moodDays"] == 3
        assert [h["mood"]["withDays"] for h in short["habits"] if h["habitId"] == run["id"]] == [1]

        # Replaying the event log (`lifegraph analytics rebuild`) ends in the same place.
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
            settings.mongodb_url, tz_aware=True
        )
        try:
            await rebuild_projections(client[settings.database_name("analytics")])
            assert await correlations() == after
        finally:
            await client.close()

        # Owner only, and the window is bounded.
        other = await gql(
            stats_url,
            CORRELATIONS,
            {"reps": [{"__typename": "User", "id": "moody"}], "days": 30},
            test_keys.bearer("nosy"),
        )
        assert [e["extensions"]["code"] for e in other["errors"]] == ["FORBIDDEN"]
        too_long = await gql(
            stats_url,
            CORRELATIONS,
            {"reps": [{"__typename": "User", "id": "moody"}], "days": 367},
            auth,
        )
        assert [
            (e["extensions"]["code"], e["extensions"]["field"]) for e in too_long["errors"]
        ] == [("BAD_USER_INPUT", "days")]
