"""The rule-based coach's understanding of intents and due dates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from subgraphs.chat.coach.dates import parse_due
from subgraphs.chat.coach.provider import (
    CheckInProposal,
    CoachContext,
    CoachRequest,
    GoalProposal,
    KnownGoal,
    KnownHabit,
    KnownTask,
    ProgressProposal,
    RememberedGoal,
    ScheduleProposal,
    TaskDoneProposal,
    TrackerProposal,
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


CONTEXT = CoachContext(
    goals=(KnownGoal("g1", "Run a 5k", "health", 20),),
    habits=(
        KnownHabit("h1", "Meditation", 2, 5, ("2026-11-20", "2026-11-19")),
        KnownHabit("h2", "Stretch", 0, 3, ()),
    ),
    tasks=(KnownTask("t1", "Quarterly report", "2026-11-22"), KnownTask("t2", "Call mum")),
)


def request(text: str, *, context: CoachContext = CONTEXT) -> CoachRequest:
    goal = RememberedGoal("Run a 5k", "health", "2027-03-31", "g1")
    return CoachRequest(
        user_id="u",
        message_id="m1",
        text=text,
        today=TODAY,
        goals=[goal],
        context=context,
        now=datetime(2026, 11, 21, 8, tzinfo=UTC),
    )


async def test_replies_use_the_users_goals_and_habits() -> None:
    progress = await _reply(request("how am I doing?"))
    assert "Run a 5k (health): 20% done" in progress
    assert "Meditation: checked in 2 of the last 7 days, streak 2 (best 5)" in progress
    assert "2 open tasks, next: Quarterly report" in progress

    motivation = await _reply(request("I need motivation"))
    assert "Run a 5k" in motivation

    empty = await _reply(
        CoachRequest(text="how am I doing?", user_id="u", message_id="m", today=TODAY)
    )
    assert "haven't set any goals" in empty


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("I did my stretch today", CheckInProposal("h2", "Stretch", TODAY)),
        ("check in meditation", CheckInProposal("h1", "Meditation", TODAY)),
        (
            "I did my stretch yesterday",
            CheckInProposal("h2", "Stretch", date(2026, 11, 20)),
        ),
        ("I slept 7.5 hours", TrackerProposal("sleep_hours", 7.5)),
        ("I weigh 72 kg", TrackerProposal("weight_kg", 72)),
        ("I spent €12.50 on lunch", TrackerProposal("spending", 12.5, "EUR")),
        ("I studied Spanish for 30 minutes", TrackerProposal("learning_minutes", 30)),
        ("set Run a 5k to 40%", ProgressProposal("g1", "Run a 5k", 40)),
        ("my 5k is 60% done", ProgressProposal("g1", "Run a 5k", 60)),
        ("tick off the quarterly report", TaskDoneProposal("t1", "Quarterly report")),
        ("mark call mum as done", TaskDoneProposal("t2", "Call mum")),
        ("I finished the report", TaskDoneProposal("t1", "Quarterly report")),
        (
            "schedule a focus session tomorrow at 9 for 45 minutes",
            ScheduleProposal(
                "Focus session", datetime(2026, 11, 22, 9, tzinfo=UTC), 45, focus=True
            ),
        ),
        (
            "book dentist on 2026-12-01 at 2:30 pm",
            ScheduleProposal("Dentist", datetime(2026, 12, 1, 14, 30, tzinfo=UTC), 30),
        ),
    ],
)
async def test_acting_intents_become_proposals_asked_never_claimed(
    text: str, action: object
) -> None:
    reply = await RuleBasedCoach().respond(request(text))
    said = "".join([c async for c in reply.chunks])
    assert reply.action == action
    assert "Shall I" in said
    assert "Done" not in said
    assert "is checked in" not in said


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("I did my juggling today", 'I don\'t see a habit called "juggling"'),
        ("check in meditation yesterday", "already checked in for 2026-11-20"),
        ("I slept 30 hours", "must be between 0 and 24"),
        ("I weigh 9000 kg", "must be between 1 and 500"),
        ("set Learn Go to 50%", 'I don\'t see an active goal called "Learn Go"'),
        ("set Run a 5k to 150%", "whole percentage from 0 to 100"),
        ("tick off taxes", 'I don\'t see an open task called "taxes"'),
        ("schedule a focus session on 2020-01-01 at 9", "up to a year ahead"),
        ("schedule deep work tomorrow at 9 for 2 minutes", "5 to 1440 whole minutes"),
    ],
)
async def test_what_cannot_be_done_is_said_and_nothing_proposed(text: str, says: str) -> None:
    reply = await RuleBasedCoach().respond(request(text))
    said = "".join([c async for c in reply.chunks])
    assert reply.action is None
    assert says in said
