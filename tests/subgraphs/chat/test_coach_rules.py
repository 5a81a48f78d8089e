"""The rule-based coach's understanding of intents and due dates."""

from __future__ import annotations

from datetime import date

import pytest

from subgraphs.chat.coach.dates import parse_due
from subgraphs.chat.coach.provider import (
    CoachRequest,
    GoalProposal,
    RememberedCheckIn,
    RememberedGoal,
)
from subgraphs.chat.coach.rules import RuleBasedCoach, understand

TODAY = date(2026, 11, 21)


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("I want to run a 5k by March", GoalProposal("Run a 5k", "health", date(2027, 3, 31))),
        (
            "My goal is to save $5000 by the end of the year",
            GoalProposal("Save $5000", "finance", date(2026, 12, 31)),
        ),
        (
            "set a goal: learn Spanish in 6 months",
            GoalProposal("Learn Spanish", "learning", date(2027, 5, 21)),
        ),
        ("I'd like to write a novel.", GoalProposal("Write a novel", "creativity", None)),
        (
            "I want to spend more time with my kids by December 24",
            GoalProposal("Spend more time with my kids", "family", date(2026, 12, 24)),
        ),
        (
            "goal: get promoted by 2027-06-30",
            GoalProposal("Get promoted", "career", date(2027, 6, 30)),
        ),
    ],
)
def test_goals_are_understood(text: str, goal: GoalProposal) -> None:
    understood = understand(text, TODAY)
    assert understood.intent == "goal"
    assert understood.goal == goal


@pytest.mark.parametrize(
    ("text", "intent", "habit"),
    [
        ("check in meditation", "check_in", "meditation"),
        ("Checked in my reading habit today!", "check_in", "reading"),
        ("I just finished my yoga today", "check_in", "yoga"),
        ("How am I doing?", "progress", None),
        ("am I on track with my goals", "progress", None),
        ("I need some motivation", "motivation", None),
        ("feeling stuck and tired", "motivation", None),
        ("hello there", "help", None),
    ],
)
def test_other_intents_are_understood(text: str, intent: str, habit: str | None) -> None:
    understood = understand(text, TODAY)
    assert (understood.intent, understood.habit) == (intent, habit)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("March", date(2027, 3, 31)),
        ("November", date(2026, 11, 30)),
        ("June 15", date(2027, 6, 15)),
        ("15th of June 2028", date(2028, 6, 15)),
        ("the end of the year", date(2026, 12, 31)),
        ("next month", date(2026, 12, 31)),
        ("in 2 weeks", date(2026, 12, 5)),
        ("2027-02-30", None),
        ("someday", None),
    ],
)
def test_due_dates(phrase: str, due: date | None) -> None:
    assert parse_due(phrase, TODAY) == due


async def _reply(request: CoachRequest) -> str:
    reply = await RuleBasedCoach().respond(request)
    return "".join([chunk async for chunk in reply.chunks])


async def test_replies_use_what_the_coach_remembers() -> None:
    goal = RememberedGoal("Run a 5k", "health", "2027-03-31", "g1")
    check_ins = [
        RememberedCheckIn("meditation", "2026-11-20"),
        RememberedCheckIn("meditation", "2026-11-19"),
    ]

    def request(text: str, check_ins: list[RememberedCheckIn]) -> CoachRequest:
        return CoachRequest(
            user_id="u",
            message_id="m1",
            text=text,
            today=TODAY,
            goals=[goal],
            recent_check_ins=check_ins,
        )

    progress = await _reply(request("how am I doing?", check_ins))
    assert "Run a 5k (health, due 2027-03-31), on your board" in progress
    assert "meditation: checked in 2 of the last 7 days" in progress

    check_in = await RuleBasedCoach().respond(request("check in meditation", check_ins))
    assert check_in.check_in == "meditation"
    assert "3 times this week" in "".join([c async for c in check_in.chunks])

    motivation = await _reply(request("I need motivation", []))
    assert "Run a 5k" in motivation

    empty = await _reply(
        CoachRequest(text="how am I doing?", user_id="u", message_id="m", today=TODAY)
    )
    assert "haven't set any goals" in empty
