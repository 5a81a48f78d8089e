"""Badges: what earns each one and which events can change that.

Every rule reads only facts and answers "the time of the earliest event at
which the rule held", taking facts in (time, key) order. That answer depends
on which events happened, not on the order they were applied in, so the live
consumer and a rebuild agree to the millisecond. Facts only grow, except
through the events in `WITHDRAWING` (an undone check-in): after those a badge
is checked again and taken back if its rule no longer holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from subgraphs.analytics.models import FactKind


@dataclass(frozen=True)
class NthFact:
    """Earned at the `n`th fact of `kind` (counting only facts worth at least `min_value`)."""

    kind: FactKind
    n: int = 1
    min_value: float | None = None


@dataclass(frozen=True)
class RunningTotal:
    """Earned at the fact of `kind` whose values, summed in order, first reach `total`."""

    kind: FactKind
    total: float


Rule = NthFact | RunningTotal


@dataclass(frozen=True)
class Badge:
    id: str
    title: str
    description: str
    triggers: frozenset[str]
    rule: Rule


def reached_at(facts: Iterable[tuple[datetime, float]], total: float) -> datetime | None:
    """When (time, value) pairs, summed in order, first reach `total`; None if never."""
    running = 0.0
    for at, value in facts:
        running += value
        if running >= total:
            return at
    return None


# Every goal event writes a progress fact; completions write a completion fact.
_GOAL_EVENTS = frozenset(
    {
        "goals.goal.created",
        "goals.goal.updated",
        "goals.goal.completed",
        "goals.goal.reopened",
        "goals.goal.deleted",
        "goals.goal.restored",
    }
)

# Events that take a fact back: the badges they trigger may no longer be earned.
WITHDRAWING = frozenset({"goals.habit.check_in_undone"})
_CHECK_IN_EVENTS = frozenset({"goals.habit.checked_in"}) | WITHDRAWING

BADGES: tuple[Badge, ...] = (
    Badge("first_goal", "First goal", "Set your first goal.", _GOAL_EVENTS, NthFact("progress")),
    Badge(
        "streak_7",
        "7-day streak",
        "Kept a habit 7 days in a row.",
        _CHECK_IN_EVENTS,
        NthFact("checkin", min_value=7),
    ),
    Badge(
        "streak_30",
        "30-day streak",
        "Kept a habit 30 days in a row.",
        _CHECK_IN_EVENTS,
        NthFact("checkin", min_value=30),
    ),
    Badge(
        "goals_10",
        "10 goals completed",
        "Completed ten goals.",
        _GOAL_EVENTS,
        NthFact("completion", n=10),
    ),
    Badge(
        "focus_100h",
        "100 focus hours",
        "Spent 100 hours in focus sessions.",
        frozenset({"goals.focus.finished"}),
        RunningTotal("focus", total=100 * 60),
    ),
    Badge(
        "helpful_commenter",
        "Helpful commenter",
        "Wrote 10 comments on other people's posts.",
        frozenset({"community.post.commented"}),
        NthFact("comment", n=10),
    ),
)

BY_ID = {b.id: b for b in BADGES}


def triggered_by(event_type: str) -> list[Badge]:
    return [b for b in BADGES if event_type in b.triggers]
