"""Caps on every text field and list input of goals writes: refused, nothing stored."""

from __future__ import annotations

from typing import Any

import pytest

from subgraphs.goals.domain import limits

from .conftest import Api

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

STORED = """query { myGoals { nodes { id tasks { id } } } trackerEntries { nodes { id } }
  goalTemplates { id builtIn } }"""
HABITS = """query { _entities(representations: [{__typename: "User", id: "alice"}]) {
  ... on User { habits { nodes { id } } } } }"""
CREATE_GOAL = "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }"
CREATE_TEMPLATE = "mutation($i: CreateTemplateInput!) { createGoalTemplate(input: $i) { id } }"
LOG = "mutation($i: LogTrackerInput!) { logTrackerEntry(input: $i) { id } }"
CREATE_HABIT = "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }"
CREATE_ACTIVITY = "mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }"
ACTIVITY = {"title": "Yoga", "startsAt": "2025-03-01T18:00:00Z", "endsAt": "2025-03-01T19:00:00Z"}


async def nothing_stored(api: Api) -> None:
    data = await api.ok(STORED, user="alice")
    assert data["myGoals"]["nodes"] == []
    assert data["trackerEntries"]["nodes"] == []
    assert all(t["builtIn"] for t in data["goalTemplates"])
    habits = await api.ok(HABITS, user="alice")
    assert habits["_entities"][0]["habits"]["nodes"] == []


def tree(goals: int, tasks_each: int) -> dict[str, Any]:
    """A template goal with `goals - 1` sub-goals (two levels), each with tasks."""
    task_list = [{"title": f"t{i}"} for i in range(tasks_each)]
    return {
        "title": "root",
        "tasks": task_list,
        "subGoals": [{"title": f"g{i}", "tasks": task_list} for i in range(goals - 1)],
    }


@pytest.mark.parametrize(
    ("query", "variables", "field"),
    [
        (CREATE_GOAL, {"title": "x" * (limits.TITLE_CHARS + 1)}, "title"),
        (CREATE_GOAL, {"description": "x" * (limits.DESCRIPTION_CHARS + 1)}, "description"),
        (
            CREATE_GOAL,
            {"tasks": [{"title": "t"}] * (limits.TASKS_PER_GOAL + 1)},
            "tasks",
        ),
        (CREATE_GOAL, {"tasks": [{"title": "t" * 201}]}, "tasks.0.title"),
        (CREATE_GOAL, {"dueDate": "9999-12-31"}, "dueDate"),
        (CREATE_GOAL, {"tasks": [{"title": "t", "dueDate": "0001-01-01"}]}, "tasks.0.dueDate"),
        (
            CREATE_TEMPLATE,
            {"area": "HEALTH", "goal": tree(goals=limits.TEMPLATE_GOALS + 1, tasks_each=0)},
            "subGoals",
        ),
        (
            CREATE_TEMPLATE,
            {"area": "HEALTH", "goal": tree(goals=10, tasks_each=limits.TEMPLATE_TASKS // 9)},
            "goal.subGoals.0.tasks",
        ),
        (
            CREATE_TEMPLATE,
            {"area": "HEALTH", "goal": {"title": "t", "description": "d" * 5001}},
            "goal.description",
        ),
        (
            CREATE_TEMPLATE,
            {"area": "HEALTH", "goal": {"title": "t", "dueInDays": 10**6}},
            "goal.dueInDays",
        ),
        (
            LOG,
            {"metric": "LEARNING_MINUTES", "value": 30, "note": "n" * 50_000},
            "note",
        ),
        (
            LOG,
            {"metric": "SPENDING", "value": 3, "currency": "EUR", "category": "c" * 61},
            "category",
        ),
        (
            LOG,
            {"metric": "LEARNING_MINUTES", "value": 30, "loggedAt": "0001-01-01T00:00:00Z"},
            "loggedAt",
        ),
        (CREATE_HABIT, {"title": "Run", "description": "d" * 5001}, "description"),
        (
            CREATE_HABIT,
            {"title": "Run", "schedule": "WEEKDAYS", "weekdays": [1] * 8},
            "weekdays",
        ),
        (CREATE_ACTIVITY, {**ACTIVITY, "location": "l" * 201}, "location"),
        (CREATE_ACTIVITY, {**ACTIVITY, "description": "d" * 5001}, "description"),
    ],
)
async def test_oversized_writes_are_refused_and_nothing_is_stored(
    api: Api, query: str, variables: dict[str, Any], field: str
) -> None:
    base: dict[str, Any] = {"title": "Goal", "area": "HEALTH"} if query == CREATE_GOAL else {}
    error = await api.error(query, {"i": {**base, **variables}}, user="alice")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    await nothing_stored(api)


async def test_a_goal_holds_a_bounded_number_of_tasks(api: Api) -> None:
    goal = (
        await api.ok(
            CREATE_GOAL,
            {
                "i": {
                    "title": "G",
                    "area": "HEALTH",
                    "tasks": [{"title": "t"}] * limits.TASKS_PER_GOAL,
                }
            },
            user="alice",
        )
    )["createGoal"]
    error = await api.error(
        """mutation($g: ID!) { addTask(input: {goalId: $g, title: "one more"}) { id } }""",
        {"g": goal["id"]},
        user="alice",
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "goalId"}
    stored = (await api.ok(STORED, user="alice"))["myGoals"]["nodes"]
    assert len(stored[0]["tasks"]) == limits.TASKS_PER_GOAL


@pytest.mark.parametrize(
    "name", ["posixrules", "right/UTC", "localtime", "Factory", "posix/UTC", "x" * 10_000]
)
async def test_time_zones_that_are_not_places_are_refused(api: Api, name: str) -> None:
    for query, fields in [
        (CREATE_HABIT, {"title": "Run", "timezone": name}),
        (CREATE_ACTIVITY, {**ACTIVITY, "timezone": name}),
    ]:
        error = await api.error(query, {"i": fields}, user="alice")
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "timezone"}
        assert len(error["message"]) < 200
    await nothing_stored(api)
    window = {"from": "2025-02-01T00:00:00Z", "to": "2025-04-01T00:00:00Z"}
    calendar = await api.ok(
        "query($from: DateTime!, $to: DateTime!) { calendar(from: $from, to: $to) { startsAt } }",
        window,
        user="alice",
    )
    assert calendar["calendar"] == []


@pytest.mark.parametrize("start", ["9999-12-30", "0001-01-01", "2200-12-01"])
async def test_template_start_dates_far_away_are_refused(api: Api, start: str) -> None:
    error = await api.error(
        """mutation($s: Date!) { instantiateGoalTemplate(
              input: {templateId: "builtin-run-5k", startDate: $s}) { id } }""",
        {"s": start},
        user="alice",
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "startDate"}
    await nothing_stored(api)


@pytest.mark.parametrize("at", ["9999-12-31T23:00:00-05:00", "0001-01-01T00:00:00+05:00"])
async def test_instants_without_a_utc_equivalent_are_bad_user_input(api: Api, at: str) -> None:
    habit = (await api.ok(CREATE_HABIT, {"i": {"title": "Run"}}, user="alice"))["createHabit"]
    error = await api.error(
        """mutation($h: ID!, $at: DateTime!) { createReminder(
            input: {targetType: HABIT, targetId: $h, at: $at}) { id } }""",
        {"h": habit["id"], "at": at},
        user="alice",
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "at"}
    reminders = await api.ok("{ reminders { nodes { id } } }", user="alice")
    assert reminders["reminders"]["nodes"] == []


async def test_check_ins_before_1900_are_bad_user_input(api: Api) -> None:
    habit = (await api.ok(CREATE_HABIT, {"i": {"title": "Run"}}, user="alice"))["createHabit"]
    error = await api.error(
        """mutation($h: ID!) { checkInHabit(input: {habitId: $h, day: "0001-01-01"}) { id } }""",
        {"h": habit["id"]},
        user="alice",
    )
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "day"}
    state = await api.ok(
        "query($h: ID!) { habit(id: $h) { recentCheckIns } }", {"h": habit["id"]}, user="alice"
    )
    assert state["habit"]["recentCheckIns"] == []
