"""Streak kindness over GraphQL: freezes, skip days and vacation mode, with bad input."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from .conftest import Api, Recorder

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

HABIT = "id today currentStreak longestStreak freezesLeft frozenDays skippedDays onVacation"
CREATE = f"mutation($i: CreateHabitInput!) {{ createHabit(input: $i) {{ {HABIT} }} }}"
CHECK_IN = "mutation($i: CheckInInput!) { checkInHabit(input: $i) { id } }"
FREEZE = f"mutation($i: HabitDayInput!) {{ freezeHabitDay(input: $i) {{ {HABIT} }} }}"
SKIP = f"mutation($i: HabitDayInput!) {{ skipHabitDay(input: $i) {{ {HABIT} }} }}"
UNSKIP = f"mutation($i: HabitDayInput!) {{ unskipHabitDay(input: $i) {{ {HABIT} }} }}"
READ = f"query($id: ID!) {{ habit(id: $id) {{ {HABIT} }} }}"
START = "mutation($i: StartVacationInput!) { startVacation(input: $i) { startDate endDate } }"
END = "mutation { endVacation { startDate endDate } }"


async def _habit(api: Api, days: list[date], user: str = "kim") -> dict[str, Any]:
    habit: dict[str, Any] = (await api.ok(CREATE, {"i": {"title": "Run"}}, user=user))[
        "createHabit"
    ]
    for day in days:
        check_in = {"i": {"habitId": habit["id"], "day": day.isoformat()}}
        await api.ok(CHECK_IN, check_in, user=user)
    return habit


def _day(habit: dict[str, Any], day: date) -> dict[str, Any]:
    return {"i": {"habitId": habit["id"], "day": day.isoformat()}}


async def _code(api: Api, query: str, variables: dict[str, Any], user: str = "kim") -> Any:
    error = await api.error(query, variables, user=user)
    return (error["extensions"]["code"], error["extensions"].get("field"))


async def test_a_freeze_keeps_a_streak_over_a_missed_day_and_is_limited(
    api: Api, recorder: Recorder
) -> None:
    today = date.fromisoformat((await _habit(api, []))["today"])
    gap = today - timedelta(days=5)
    days = [today - timedelta(days=back) for back in range(10, 0, -1) if back != 5]
    habit = await _habit(api, days)
    before = (await api.ok(READ, {"id": habit["id"]}, user="kim"))["habit"]
    assert (before["currentStreak"], before["longestStreak"], before["freezesLeft"]) == (4, 5, 1)

    refused = [
        (today, ("BAD_USER_INPUT", "day")),  # not past
        (days[0], ("BAD_USER_INPUT", "day")),  # checked in
        (days[0] - timedelta(days=1), ("BAD_USER_INPUT", "day")),  # before any streak
    ]
    for day, expected in refused:
        assert await _code(api, FREEZE, _day(habit, day)) == expected, day
    assert await _code(api, FREEZE, _day(habit, gap), user="eve") == ("NOT_FOUND", "habitId")
    unchanged = (await api.ok(READ, {"id": habit["id"]}, user="kim"))["habit"]
    assert unchanged == before

    frozen = (await api.ok(FREEZE, _day(habit, gap), user="kim"))["freezeHabitDay"]
    # Nine checked days in a run (the frozen one holds it, not counted) earn a freeze.
    same_month = (gap.year, gap.month) == (today.year, today.month)
    assert frozen == {
        **before,
        "currentStreak": 9,
        "longestStreak": 9,
        "frozenDays": [gap.isoformat()],
        "freezesLeft": 1 if same_month else 2,
    }
    assert await _code(api, FREEZE, _day(habit, gap)) == ("BAD_USER_INPUT", "day")
    [rules] = [
        e
        for e in await recorder.wait_count("goals.habit.rules_changed", 3)
        if e.data["frozen_days"]
    ]
    assert (rules.data["habit_id"], rules.data["current_streak"]) == (habit["id"], 9)

    # Without earned freezes, one a month: the month's grant.
    march = date(today.year - 1, 3, 1)
    sparse = await _habit(api, [march, march + timedelta(days=2), march + timedelta(days=4)])
    await api.ok(FREEZE, _day(sparse, march + timedelta(days=1)), user="kim")
    assert await _code(api, FREEZE, _day(sparse, march + timedelta(days=3))) == (
        "BAD_USER_INPUT",
        "day",
    )
    kept = (await api.ok(READ, {"id": sparse["id"]}, user="kim"))["habit"]
    assert kept["frozenDays"] == [(march + timedelta(days=1)).isoformat()]


async def test_skip_days_pause_a_streak_at_most_eight_a_month(api: Api) -> None:
    today = date.fromisoformat((await _habit(api, []))["today"])
    gap = today - timedelta(days=2)
    habit = await _habit(api, [today - timedelta(days=3), today - timedelta(days=1)])
    skipped = (await api.ok(SKIP, _day(habit, gap), user="kim"))["skipHabitDay"]
    assert (skipped["currentStreak"], skipped["skippedDays"]) == (2, [gap.isoformat()])
    unskipped = (await api.ok(UNSKIP, _day(habit, gap), user="kim"))["unskipHabitDay"]
    assert (unskipped["currentStreak"], unskipped["skippedDays"]) == (1, [])

    april = date(today.year + 1, 4, 1)
    for offset in range(8):
        await api.ok(SKIP, _day(habit, april + timedelta(days=offset)), user="kim")
    ninth = _day(habit, april + timedelta(days=8))
    assert await _code(api, SKIP, ninth) == ("BAD_USER_INPUT", "day")
    too_far = _day(habit, today + timedelta(days=400))
    assert await _code(api, SKIP, too_far) == ("BAD_USER_INPUT", "day")
    assert await _code(api, SKIP, _day(habit, gap), user="eve") == ("NOT_FOUND", "habitId")
    stored = (await api.ok(READ, {"id": habit["id"]}, user="kim"))["habit"]
    assert len(stored["skippedDays"]) == 8


async def test_vacation_mode_pauses_every_streak(api: Api, recorder: Recorder) -> None:
    today = date.fromisoformat((await _habit(api, [], user="val"))["today"])
    habit = await _habit(api, [today - timedelta(days=3)], user="val")
    assert (await api.ok(READ, {"id": habit["id"]}, user="val"))["habit"]["currentStreak"] == 0
    bad = [
        ({"startDate": (today - timedelta(days=1)).isoformat()}, ("BAD_USER_INPUT", "startDate")),
        (
            {"startDate": today.isoformat(), "endDate": (today - timedelta(days=1)).isoformat()},
            ("BAD_USER_INPUT", "endDate"),
        ),
        (
            {"endDate": (today + timedelta(days=400)).isoformat()},
            ("BAD_USER_INPUT", "endDate"),
        ),
    ]
    for fields, expected in bad:
        assert await _code(api, START, {"i": fields}, user="val") == expected, fields
    assert (await api.ok("{ vacations { startDate } }", user="val"))["vacations"] == []
    assert await _code(api, END, {}, user="val") == ("NOT_FOUND", None)

    # A vacation from today pauses today.
    started = await api.ok(START, {"i": {}}, user="val")
    assert started["startVacation"] == [{"startDate": today.isoformat(), "endDate": None}]
    overlap = {"i": {"startDate": (today + timedelta(days=3)).isoformat()}}
    assert await _code(api, START, overlap, user="val") == ("BAD_USER_INPUT", "startDate")
    paused = (await api.ok(READ, {"id": habit["id"]}, user="val"))["habit"]
    assert paused["onVacation"] is True
    [changed] = await recorder.wait_count("goals.vacation.changed", 1)
    assert changed.data == {
        "owner_id": "val",
        "vacations": [{"start": today.isoformat(), "end": None}],
    }
    # Started today and ended today: nothing is left of it.
    assert (await api.ok(END, user="val"))["endVacation"] == []
    back = (await api.ok(READ, {"id": habit["id"]}, user="val"))["habit"]
    assert back["onVacation"] is False
