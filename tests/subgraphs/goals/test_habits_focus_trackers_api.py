"""Habits, focus sessions and trackers over GraphQL on a served subgraph."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from .conftest import Api, Recorder

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

HABIT = "id currentStreak longestStreak streakUnit checkedInToday milestonesReached today"
CHECK_IN = f"mutation($input: CheckInInput!) {{ checkInHabit(input: $input) {{ {HABIT} }} }}"
UNDO = f"mutation($input: CheckInInput!) {{ undoHabitCheckIn(input: $input) {{ {HABIT} }} }}"


async def create_habit(api: Api, user: str = "alice", **fields: Any) -> dict[str, Any]:
    data = await api.ok(
        f"mutation($input: CreateHabitInput!) {{ createHabit(input: $input) {{ {HABIT} }} }}",
        {"input": {"title": "Meditate", **fields}},
        user=user,
    )
    habit: dict[str, Any] = data["createHabit"]
    return habit


async def test_one_check_in_per_day_undo_and_streaks(api: Api, recorder: Recorder) -> None:
    habit = await create_habit(api)
    today = date.fromisoformat(habit["today"])
    first = await api.ok(CHECK_IN, {"input": {"habitId": habit["id"]}}, user="alice")
    assert first["checkInHabit"]["checkedInToday"] is True
    assert first["checkInHabit"]["currentStreak"] == 1
    again = await api.error(CHECK_IN, {"input": {"habitId": habit["id"]}}, user="alice")
    assert again["extensions"]["code"] == "CONFLICT"

    undone = await api.ok(UNDO, {"input": {"habitId": habit["id"]}}, user="alice")
    assert undone["undoHabitCheckIn"]["currentStreak"] == 0
    future = await api.error(
        CHECK_IN,
        {"input": {"habitId": habit["id"], "day": (today + timedelta(days=1)).isoformat()}},
        user="alice",
    )
    assert future["extensions"] == {"code": "BAD_USER_INPUT", "field": "day"}
    [event] = await recorder.wait_count("goals.habit.checked_in", 1)
    assert event.data["current_streak"] == 1
    assert event.data["last_day"] == today.isoformat()
    [undo] = await recorder.wait_count("goals.habit.check_in_undone", 1)
    assert undo.data == {
        "habit_id": habit["id"],
        "owner_id": "alice",
        "day": today.isoformat(),
        "current_streak": 0,
        "longest_streak": 0,
        "last_day": None,
    }


async def test_streak_milestone_is_published_once(api: Api, recorder: Recorder) -> None:
    habit = await create_habit(api)
    today = date.fromisoformat(habit["today"])
    for back in range(6, -1, -1):
        day = (today - timedelta(days=back)).isoformat()
        await api.ok(CHECK_IN, {"input": {"habitId": habit["id"], "day": day}}, user="alice")
    [milestone] = await recorder.wait_count("goals.habit.streak_milestone", 1)
    assert milestone.data == {"habit_id": habit["id"], "owner_id": "alice", "days": 7}
    # Dropping below 7 and reaching it again does not announce it twice.
    await api.ok(UNDO, {"input": {"habitId": habit["id"]}}, user="alice")
    state = await api.ok(CHECK_IN, {"input": {"habitId": habit["id"]}}, user="alice")
    assert state["checkInHabit"]["currentStreak"] == 7
    assert state["checkInHabit"]["milestonesReached"] == [7]
    await recorder.wait_count("goals.habit.checked_in", 8)
    assert len(recorder.of("goals.habit.streak_milestone")) == 1


async def test_habit_input_is_validated(api: Api) -> None:
    error = await api.error(
        'mutation { createHabit(input: {title: "x", timezone: "Mars/Olympus"}) { id } }',
        user="alice",
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "timezone"}
    error = await api.error(
        'mutation { createHabit(input: {title: "x", schedule: WEEKDAYS}) { id } }', user="alice"
    )
    assert error["extensions"]["field"] == "weekdays"


async def test_habits_on_user_are_only_for_the_user(api: Api) -> None:
    await create_habit(api, schedule="TIMES_PER_WEEK", timesPerWeek=3)
    query = """query($id: ID!) { _entities(representations: [{__typename: "User", id: $id}]) {
        ... on User { habits { nodes { title streakUnit } } } } }"""
    mine = await api.ok(query, {"id": "alice"}, user="alice")
    assert mine["_entities"][0]["habits"]["nodes"] == [{"title": "Meditate", "streakUnit": "WEEK"}]
    other = await api.error(query, {"id": "alice"}, user="bob")
    assert other["extensions"]["code"] == "FORBIDDEN"


FOCUS = "id status interruptions minutes"


async def test_only_one_focus_session_runs_even_when_started_concurrently(api: Api) -> None:
    start = f"mutation {{ startFocusSession(input: {{plannedMinutes: 25}}) {{ {FOCUS} }} }}"
    results = await asyncio.gather(*(api.call(start, user="alice") for _ in range(5)))
    started = [r for r in results if "errors" not in r]
    refused = [r for r in results if "errors" in r]
    assert len(started) == 1
    assert {r["errors"][0]["extensions"]["code"] for r in refused} == {"CONFLICT"}
    # Someone else can still focus.
    await api.ok(start, user="bob")


async def test_focus_lifecycle_and_stats(api: Api, recorder: Recorder) -> None:
    start = await api.ok(
        f"mutation {{ startFocusSession(input: {{plannedMinutes: 25}}) {{ {FOCUS} }} }}",
        user="alice",
    )
    session_id = start["startFocusSession"]["id"]
    step = "mutation($id: ID!) {{ {0}(input: {{id: $id}}) {{ {1} }} }}"
    paused = await api.ok(step.format("pauseFocusSession", FOCUS), {"id": session_id}, user="alice")
    assert paused["pauseFocusSession"] == {
        "id": session_id,
        "status": "PAUSED",
        "interruptions": 1,
        "minutes": 0.0,
    }
    twice = await api.error(
        step.format("pauseFocusSession", FOCUS), {"id": session_id}, user="alice"
    )
    assert twice["extensions"]["code"] == "CONFLICT"
    await api.ok(step.format("resumeFocusSession", FOCUS), {"id": session_id}, user="alice")
    done = await api.ok(step.format("finishFocusSession", FOCUS), {"id": session_id}, user="alice")
    assert done["finishFocusSession"]["status"] == "FINISHED"
    [event] = await recorder.wait_count("goals.focus.finished", 1)
    assert event.data["session_id"] == session_id
    # A finished session cannot be cancelled; a new one can start.
    late = await api.error(
        step.format("cancelFocusSession", FOCUS), {"id": session_id}, user="alice"
    )
    assert late["extensions"]["code"] == "CONFLICT"
    today = datetime.now(UTC).date()
    stats = await api.ok(
        """query($id: ID!, $from: Date!, $to: Date!) {
          _entities(representations: [{__typename: "User", id: $id}]) {
            ... on User { focusStats(from: $from, to: $to) {
              totalMinutes byDay { period sessions interruptions }
              byWeek { period sessions } } } } }""",
        {"id": "alice", "from": (today - timedelta(days=1)).isoformat(), "to": today.isoformat()},
        user="alice",
    )
    totals = stats["_entities"][0]["focusStats"]
    assert totals["byDay"] == [{"period": today.isoformat(), "sessions": 1, "interruptions": 1}]
    monday = today - timedelta(days=today.weekday())
    assert totals["byWeek"] == [{"period": monday.isoformat(), "sessions": 1}]


async def test_trackers_log_and_aggregate_per_day_and_week(api: Api, recorder: Recorder) -> None:
    log = (
        """mutation($input: LogTrackerInput!) { logTrackerEntry(input: $input) { id day kind } }"""
    )
    entries = [
        {
            "metric": "SPENDING",
            "value": 12.5,
            "currency": "eur",
            "loggedAt": "2025-03-03T10:00:00Z",
        },
        {"metric": "SPENDING", "value": 7.5, "currency": "EUR", "loggedAt": "2025-03-03T18:00:00Z"},
        {"metric": "SPENDING", "value": 30, "currency": "EUR", "loggedAt": "2025-03-05T09:00:00Z"},
        {"metric": "SPENDING", "value": 4, "currency": "USD", "loggedAt": "2025-03-05T09:00:00Z"},
        {"metric": "SPENDING", "value": 10, "currency": "EUR", "loggedAt": "2025-03-10T09:00:00Z"},
        {"metric": "WEIGHT_KG", "value": 80, "loggedAt": "2025-03-03T07:00:00Z"},
        {"metric": "WEIGHT_KG", "value": 79, "loggedAt": "2025-03-04T07:00:00Z"},
    ]
    for entry in entries:
        await api.ok(log, {"input": entry}, user="alice")
    query = """query($metric: TrackerMetric!, $period: Period!, $currency: String) {
        trackerAggregates(metric: $metric, period: $period, from: "2025-03-01", to: "2025-03-16",
                          currency: $currency) {
          period currency count total average minimum maximum } }"""
    daily = await api.ok(
        query, {"metric": "SPENDING", "period": "DAY", "currency": "EUR"}, user="alice"
    )
    assert [(r["period"], r["count"], r["total"]) for r in daily["trackerAggregates"]] == [
        ("2025-03-03", 2, 20.0),
        ("2025-03-05", 1, 30.0),
        ("2025-03-10", 1, 10.0),
    ]
    weekly = await api.ok(query, {"metric": "SPENDING", "period": "WEEK"}, user="alice")
    assert [(r["period"], r["currency"], r["total"]) for r in weekly["trackerAggregates"]] == [
        ("2025-03-03", "EUR", 50.0),
        ("2025-03-03", "USD", 4.0),
        ("2025-03-10", "EUR", 10.0),
    ]
    weight = await api.ok(query, {"metric": "WEIGHT_KG", "period": "WEEK"}, user="alice")
    [row] = weight["trackerAggregates"]
    assert (row["average"], row["minimum"], row["maximum"]) == (79.5, 79.0, 80.0)
    await recorder.wait_count("goals.tracker.logged", len(entries))
    assert {e.data["area"] for e in recorder.of("goals.tracker.logged")} == {"finance", "health"}

    for bad, field in (
        ({"metric": "SLEEP_HOURS", "value": 30}, "value"),
        ({"metric": "SPENDING", "value": 3}, "currency"),
        (
            {"metric": "LEARNING_MINUTES", "value": 30, "loggedAt": "2999-01-01T00:00:00Z"},
            "loggedAt",
        ),
        (
            {"metric": "LEARNING_MINUTES", "value": 30, "loggedAt": "2025-01-01T00:00:00"},
            "loggedAt",
        ),
    ):
        error = await api.error(log, {"input": bad}, user="alice")
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}


async def test_habit_entities_resolve_for_their_owner_only(api: Api) -> None:
    mine = [await create_habit(api, title=t) for t in ("Read", "Walk")]
    theirs = await create_habit(api, user="bob", title="Swim")
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Habit { id title } } }"""
    reps = [{"__typename": "Habit", "id": h["id"]} for h in (mine[0], theirs, mine[1])]
    data = await api.ok(query, {"r": reps}, user="alice")
    assert data["_entities"] == [
        {"id": mine[0]["id"], "title": "Read"},
        None,
        {"id": mine[1]["id"], "title": "Walk"},
    ]
