"""updateHabit, updateActivity and saveGoalAsTemplate over GraphQL on a served subgraph."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from .conftest import Api

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

HABIT = "id title schedule weekdays timesPerWeek timezone currentStreak streakUnit"
UPDATE_HABIT = f"mutation($i: UpdateHabitInput!) {{ updateHabit(input: $i) {{ {HABIT} }} }}"
ACTIVITY = "id title startsAt endsAt location recurrence timezone"
UPDATE_ACTIVITY = (
    f"mutation($i: UpdateActivityInput!) {{ updateActivity(input: $i) {{ {ACTIVITY} }} }}"
)
CALENDAR = """query($from: DateTime!, $to: DateTime!) {
  calendar(from: $from, to: $to) { startsAt moved } }"""


async def test_update_habit_changes_title_schedule_and_zone(api: Api) -> None:
    created = await api.ok(
        'mutation { createHabit(input: {title: "Run", schedule: DAILY}) { id today } }',
        user="alice",
    )
    habit_id = created["createHabit"]["id"]
    today = date.fromisoformat(created["createHabit"]["today"])
    for back in (2, 1, 0):
        await api.ok(
            "mutation($i: CheckInInput!) { checkInHabit(input: $i) { id } }",
            {"i": {"habitId": habit_id, "day": (today - timedelta(days=back)).isoformat()}},
            user="alice",
        )
    updated = await api.ok(
        UPDATE_HABIT,
        {
            "i": {
                "id": habit_id,
                "title": " Run far ",
                "schedule": "TIMES_PER_WEEK",
                "timesPerWeek": 2,
                "timezone": "Europe/Paris",
            }
        },
        user="alice",
    )
    habit = updated["updateHabit"]
    assert habit["title"] == "Run far"
    assert (habit["schedule"], habit["timesPerWeek"], habit["weekdays"]) == (
        "TIMES_PER_WEEK",
        2,
        [],
    )
    assert (habit["timezone"], habit["streakUnit"]) == ("Europe/Paris", "WEEK")
    # Only the title: the schedule stays; null clears the zone.
    again = await api.ok(
        UPDATE_HABIT, {"i": {"id": habit_id, "title": "Jog", "timezone": None}}, user="alice"
    )
    assert again["updateHabit"]["schedule"] == "TIMES_PER_WEEK"
    assert again["updateHabit"]["timesPerWeek"] == 2
    assert again["updateHabit"]["timezone"] is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "  "}, "title"),
        ({"schedule": "WEEKDAYS"}, "weekdays"),
        ({"schedule": "WEEKDAYS", "weekdays": [7]}, "weekdays"),
        ({"schedule": "TIMES_PER_WEEK", "timesPerWeek": 8}, "timesPerWeek"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"title": None}, "title"),
    ],
)
async def test_update_habit_validates_as_create(
    api: Api, fields: dict[str, Any], field: str
) -> None:
    created = await api.ok('mutation { createHabit(input: {title: "Run"}) { id } }', user="alice")
    habit_id = created["createHabit"]["id"]
    error = await api.error(UPDATE_HABIT, {"i": {"id": habit_id, **fields}}, user="alice")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    # Someone else's habit is not found, whatever the input.
    other = await api.error(UPDATE_HABIT, {"i": {"id": habit_id, "title": "x"}}, user="bob")
    assert other["extensions"]["code"] == "NOT_FOUND"
    unchanged = await api.ok(f'{{ habit(id: "{habit_id}") {{ title schedule }} }}', user="alice")
    assert unchanged["habit"] == {"title": "Run", "schedule": "DAILY"}


async def weekly(api: Api) -> str:
    data = await api.ok(
        """mutation { createActivity(input: {title: "Yoga", startsAt: "2025-03-01T18:00:00-05:00",
            endsAt: "2025-03-01T19:00:00-05:00", recurrence: "FREQ=WEEKLY;COUNT=4",
            timezone: "America/New_York", location: "Studio"}) { id } }""",
        user="alice",
    )
    activity_id: str = data["createActivity"]["id"]
    return activity_id


async def test_update_activity_moves_the_series_and_keeps_exceptions_still_in_it(
    api: Api,
) -> None:
    activity_id = await weekly(api)
    for slot in ("2025-03-08T23:00:00Z", "2025-03-15T22:00:00Z"):
        await api.ok(
            """mutation($id: ID!, $s: DateTime!) {
                cancelOccurrence(input: {activityId: $id, originalStart: $s}) { id } }""",
            {"id": activity_id, "s": slot},
            user="alice",
        )
    # Same times, one more week, no location: both cancellations still apply.
    longer = await api.ok(
        UPDATE_ACTIVITY,
        {
            "i": {
                "id": activity_id,
                "recurrence": "FREQ=WEEKLY;COUNT=5",
                "location": None,
                "title": "Yoga flow",
            }
        },
        user="alice",
    )
    assert longer["updateActivity"]["location"] is None
    assert longer["updateActivity"]["title"] == "Yoga flow"
    window = {"from": "2025-02-24T00:00:00Z", "to": "2025-04-30T00:00:00Z"}
    starts = [o["startsAt"] for o in (await api.ok(CALENDAR, window, user="alice"))["calendar"]]
    assert starts == [
        "2025-03-01T23:00:00+00:00",
        "2025-03-22T22:00:00+00:00",
        "2025-03-29T22:00:00+00:00",
    ]
    # An hour later every time: the old slots are gone, so are their exceptions.
    later = await api.ok(
        UPDATE_ACTIVITY,
        {
            "i": {
                "id": activity_id,
                "startsAt": "2025-03-01T19:00:00-05:00",
                "endsAt": "2025-03-01T20:00:00-05:00",
            }
        },
        user="alice",
    )
    assert later["updateActivity"]["recurrence"] == "FREQ=WEEKLY;COUNT=5"
    starts = [o["startsAt"] for o in (await api.ok(CALENDAR, window, user="alice"))["calendar"]]
    assert starts == [
        "2025-03-02T00:00:00+00:00",
        "2025-03-09T00:00:00+00:00",
        "2025-03-15T23:00:00+00:00",
        "2025-03-22T23:00:00+00:00",
        "2025-03-29T23:00:00+00:00",
    ]
    # No recurrence: a one-off.
    once = await api.ok(
        UPDATE_ACTIVITY, {"i": {"id": activity_id, "recurrence": None}}, user="alice"
    )
    assert once["updateActivity"]["recurrence"] is None
    assert len((await api.ok(CALENDAR, window, user="alice"))["calendar"]) == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"endsAt": "2025-03-01T17:00:00-05:00"}, "endsAt"),
        ({"startsAt": "2025-03-01T20:00:00-05:00"}, "endsAt"),
        ({"startsAt": "2025-03-01T18:00:00"}, "startsAt"),
        ({"recurrence": "FREQ=HOURLY"}, "recurrence"),
        ({"recurrence": "FREQ=DAILY;DTSTART=20250101"}, "recurrence"),
        ({"timezone": "Europe/Atlantis"}, "timezone"),
        ({"title": ""}, "title"),
        ({"startsAt": None}, "startsAt"),
    ],
)
async def test_update_activity_validates_as_create(
    api: Api, fields: dict[str, Any], field: str
) -> None:
    activity_id = await weekly(api)
    error = await api.error(UPDATE_ACTIVITY, {"i": {"id": activity_id, **fields}}, user="alice")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    window = {"from": "2025-02-24T00:00:00Z", "to": "2025-04-30T00:00:00Z"}
    assert len((await api.ok(CALENDAR, window, user="alice"))["calendar"]) == 4
    other = await api.error(UPDATE_ACTIVITY, {"i": {"id": activity_id, "title": "x"}}, user="bob")
    assert other["extensions"]["code"] == "NOT_FOUND"


TEMPLATE = "id builtIn area goal { title dueInDays tasks { title dueInDays } sub_goals_: subGoals {"
TEMPLATE += " title tasks { title dueInDays } subGoals { title } } }"


async def test_save_goal_as_template_and_instantiate_it_again(api: Api) -> None:
    # The template counts due dates from the goal's creation day (UTC: alice has no profile).
    today = datetime.now(UTC).date()

    def in_days(n: int) -> str:
        return (today + timedelta(days=n)).isoformat()

    root = await api.ok(
        """mutation($due: Date, $task: Date) { createGoal(input: {title: "Marathon", area: HEALTH,
            description: "42 km", dueDate: $due, tasks: [{title: "Buy shoes", dueDate: $task}]})
            { id } }""",
        {"due": in_days(90), "task": in_days(7)},
        user="alice",
    )
    root_id = root["createGoal"]["id"]
    base = await api.ok(
        """mutation($p: ID!) { createGoal(input: {title: "Base", area: HEALTH, parentId: $p,
            tasks: [{title: "Run 5k"}]}) { id } }""",
        {"p": root_id},
        user="alice",
    )
    await api.ok(
        """mutation($p: ID!) { createGoal(input: {title: "Deep", area: HEALTH, parentId: $p})
            { id } }""",
        {"p": base["createGoal"]["id"]},
        user="alice",
    )
    dropped = await api.ok(
        """mutation($p: ID!) { createGoal(input: {title: "Dropped", area: HEALTH, parentId: $p})
            { id } }""",
        {"p": root_id},
        user="alice",
    )
    await api.ok(
        """mutation($id: ID!) { setGoalStatus(input: {id: $id, status: ABANDONED}) { id } }""",
        {"id": dropped["createGoal"]["id"]},
        user="alice",
    )
    saved = await api.ok(
        f"mutation($id: ID!) {{ saveGoalAsTemplate(input: {{goalId: $id}}) {{ {TEMPLATE} }} }}",
        {"id": root_id},
        user="alice",
    )
    template = saved["saveGoalAsTemplate"]
    assert template["builtIn"] is False
    assert template["area"] == "HEALTH"
    assert template["goal"] == {
        "title": "Marathon",
        "dueInDays": 90,
        "tasks": [{"title": "Buy shoes", "dueInDays": 7}],
        "sub_goals_": [
            {
                "title": "Base",
                "tasks": [{"title": "Run 5k", "dueInDays": None}],
                "subGoals": [{"title": "Deep"}],
            }
        ],
    }
    again = await api.ok(
        """mutation($t: ID!) { instantiateGoalTemplate(input: {templateId: $t,
            startDate: "2026-01-01"}) { title dueDate tasks { dueDate } } }""",
        {"t": template["id"]},
        user="alice",
    )
    assert again["instantiateGoalTemplate"] == {
        "title": "Marathon",
        "dueDate": "2026-04-01",
        "tasks": [{"dueDate": "2026-01-08"}],
    }
    mine = await api.ok("{ goalTemplates(area: HEALTH) { id } }", user="alice")
    assert template["id"] in [t["id"] for t in mine["goalTemplates"]]
    # Only the owner can save a goal, and sees the template.
    error = await api.error(
        "mutation($id: ID!) { saveGoalAsTemplate(input: {goalId: $id}) { id } }",
        {"id": root_id},
        user="bob",
    )
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "goalId"}
    theirs = await api.ok("{ goalTemplates(area: HEALTH) { id } }", user="bob")
    assert template["id"] not in [t["id"] for t in theirs["goalTemplates"]]
