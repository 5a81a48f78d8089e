"""Every argument of a coach tool call is checked before anything is proposed."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest

from subgraphs.chat.coach.provider import (
    CheckInProposal,
    CoachContext,
    GoalProposal,
    KnownGoal,
    KnownHabit,
    KnownTask,
    ProgressProposal,
    ScheduleProposal,
    TaskDoneProposal,
    TrackerProposal,
)
from subgraphs.chat.coach.tools import TOOLS, ToolRefused, parse_call, question

TODAY = date(2026, 12, 3)
NOW = datetime(2026, 12, 3, 10, tzinfo=UTC)
CONTEXT = CoachContext(
    goals=(KnownGoal("g1", "Run a 5k", "health", 10),),
    habits=(KnownHabit("h1", "Stretch", 3, 7, ("2026-12-02",)),),
    tasks=(KnownTask("t1", "Report", "2026-12-04"),),
)


def call(name: str, arguments: object) -> object:
    raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
    return parse_call(name, raw, CONTEXT, TODAY, NOW)


def test_every_tool_has_a_closed_json_schema() -> None:
    names = [t["function"]["name"] for t in TOOLS]
    assert names == [
        "create_goal",
        "check_in_habit",
        "log_tracker",
        "update_goal_progress",
        "complete_task",
        "schedule",
    ]
    for tool in TOOLS:
        parameters = tool["function"]["parameters"]
        assert parameters["type"] == "object"
        assert parameters["additionalProperties"] is False
        assert set(parameters["required"]) <= set(parameters["properties"])


@pytest.mark.parametrize(
    ("name", "arguments", "action"),
    [
        (
            "create_goal",
            {"title": "Run a 10k", "area": "health", "due_date": "2027-03-01"},
            GoalProposal("Run a 10k", "health", date(2027, 3, 1)),
        ),
        ("check_in_habit", {"habit_id": "h1"}, CheckInProposal("h1", "Stretch", TODAY)),
        (
            "check_in_habit",
            {"habit_id": "h1", "day": "2026-11-27"},
            CheckInProposal("h1", "Stretch", date(2026, 11, 27)),
        ),
        (
            "log_tracker",
            {"metric": "spending", "value": 12, "currency": "eur"},
            TrackerProposal("spending", 12.0, "EUR"),
        ),
        (
            "update_goal_progress",
            {"goal_id": "g1", "progress": 55},
            ProgressProposal("g1", "Run a 5k", 55),
        ),
        ("complete_task", {"task_id": "t1"}, TaskDoneProposal("t1", "Report")),
        (
            "schedule",
            {
                "title": "Deep work",
                "starts_at": "2026-12-04T09:00:00+01:00",
                "duration_minutes": 50,
                "focus": True,
                "goal_id": "g1",
            },
            ScheduleProposal(
                "Deep work", datetime(2026, 12, 4, 8, tzinfo=UTC), 50, focus=True, goal_id="g1"
            ),
        ),
    ],
)
def test_valid_calls_become_proposals(name: str, arguments: object, action: object) -> None:
    assert call(name, arguments) == action


@pytest.mark.parametrize(
    ("name", "arguments", "says"),
    [
        ("delete_everything", {}, "something I can't do"),
        ("check_in_habit", '{"habit_id": "h1"', "garbled"),
        ("check_in_habit", "[1, 2]", "garbled"),
        ("check_in_habit", "x" * 5000, "too long"),
        ("check_in_habit", {"habit_id": "h1", "sneaky": 1}, "`sneaky`"),
        ("check_in_habit", {"habit_id": "someone-elses"}, "one of your own habits"),
        ("check_in_habit", {"habit_id": 7}, "no habit given"),
        ("check_in_habit", {"habit_id": "h1", "day": "2026-12-04"}, "today or the past week"),
        ("check_in_habit", {"habit_id": "h1", "day": "2026-11-01"}, "today or the past week"),
        ("check_in_habit", {"habit_id": "h1", "day": "2026-02-30"}, "couldn't read that day"),
        ("create_goal", {"title": "x", "area": "money"}, "life area"),
        ("create_goal", {"title": "", "area": "health"}, "no title"),
        ("create_goal", {"title": "x" * 121, "area": "health"}, "at most 120"),
        ("create_goal", {"title": "x", "area": "health", "due_date": "2020-01-01"}, "in the past"),
        ("log_tracker", {"metric": "mood", "value": 3}, "don't know that tracker"),
        ("log_tracker", {"metric": "sleep_hours", "value": "8"}, "isn't a number"),
        ("log_tracker", {"metric": "sleep_hours", "value": True}, "isn't a number"),
        ("log_tracker", {"metric": "sleep_hours", "value": 25}, "between 0 and 24"),
        ("log_tracker", {"metric": "spending", "value": 5}, "currency code"),
        ("log_tracker", {"metric": "sleep_hours", "value": 5, "currency": "EUR"}, "Only spending"),
        ("update_goal_progress", {"goal_id": "g2", "progress": 5}, "one of your own active goals"),
        ("update_goal_progress", {"goal_id": "g1", "progress": 101}, "0 to 100"),
        ("complete_task", {"task_id": "t9"}, "one of your own open tasks"),
        ("complete_task", {"task_id": ["t1"]}, "no task given"),
        ("update_goal_progress", {"goal_id": "g1", "progress": 5.5}, "0 to 100"),
        (
            "schedule",
            {"title": "x", "starts_at": "2026-12-04T09:00:00", "duration_minutes": 30},
            "UTC offset",
        ),
        (
            "schedule",
            {"title": "x", "starts_at": "2028-12-04T09:00:00Z", "duration_minutes": 30},
            "a year ahead",
        ),
        (
            "schedule",
            {"title": "x", "starts_at": "tomorrow", "duration_minutes": 30},
            "couldn't read that start time",
        ),
        (
            "schedule",
            {"title": "x", "starts_at": "2026-12-04T09:00:00Z", "duration_minutes": 3000},
            "whole minutes",
        ),
        (
            "schedule",
            {
                "title": "x",
                "starts_at": "2026-12-04T09:00:00Z",
                "duration_minutes": 30,
                "goal_id": "g9",
            },
            "one of your own active goals",
        ),
    ],
)
def test_bad_calls_are_refused_with_a_reason(name: str, arguments: object, says: str) -> None:
    with pytest.raises(ToolRefused, match=re.escape(says)):
        call(name, arguments)


def test_the_question_never_claims_it_is_done() -> None:
    for action in (
        GoalProposal("Run", "health"),
        CheckInProposal("h1", "Stretch", TODAY),
        TrackerProposal("sleep_hours", 7.5),
        ProgressProposal("g1", "Run a 5k", 40),
        TaskDoneProposal("t1", "Report"),
        ScheduleProposal("Deep work", NOW, 30, focus=True),
    ):
        asked = question(action)
        assert asked.startswith("Shall I")
        assert "Done" not in asked
