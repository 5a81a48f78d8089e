"""Badges: what earns each one, when it was first earned, and which events can change that.

Every rule reads only facts, which only ever grow, and answers "the time of
the earliest event at which the rule held", taking facts in (time, key)
order. That answer depends on which events happened, not on the order they
were applied in, so the live consumer and a rebuild agree to the millisecond.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from subgraphs.analytics.models import FactKind
from subgraphs.analytics.projector import Repos
from subgraphs.analytics.repository import Session

UnlockedAt = Callable[[Repos, str, Session], Awaitable[datetime | None]]


@dataclass(frozen=True)
class Badge:
    id: str
    title: str
    description: str
    triggers: frozenset[str]
    unlocked_at: UnlockedAt


async def _first_goal(r: Repos, user_id: str, s: Session) -> datetime | None:
    first = await r.facts.in_order(user_id, "progress", limit=1, session=s)
    return first[0].at if first else None


def _streak(days: int) -> UnlockedAt:
    async def unlocked_at(r: Repos, user_id: str, s: Session) -> datetime | None:
        first = await r.facts.in_order(user_id, "checkin", min_value=days, limit=1, session=s)
        return first[0].at if first else None

    return unlocked_at


def _nth(kind: FactKind, n: int) -> UnlockedAt:
    async def unlocked_at(r: Repos, user_id: str, s: Session) -> datetime | None:
        facts = await r.facts.in_order(user_id, kind, limit=n, session=s)
        return facts[n - 1].at if len(facts) == n else None

    return unlocked_at


async def _focus_100h(r: Repos, user_id: str, s: Session) -> datetime | None:
    total = 0.0
    for fact in await r.facts.in_order(user_id, "focus", session=s):
        total += fact.value
        if total >= 100 * 60:
            return fact.at
    return None


# Every goal event writes a progress fact; completions write a completion fact.
_GOAL_EVENTS = frozenset(
    {
        "goals.goal.created",
        "goals.goal.updated",
        "goals.goal.completed",
        "goals.goal.reopened",
        "goals.goal.deleted",
    }
)

BADGES: tuple[Badge, ...] = (
    Badge("first_goal", "First goal", "Set your first goal.", _GOAL_EVENTS, _first_goal),
    Badge(
        "streak_7",
        "7-day streak",
        "Kept a habit 7 days in a row.",
        frozenset({"goals.habit.checked_in"}),
        _streak(7),
    ),
    Badge(
        "streak_30",
        "30-day streak",
        "Kept a habit 30 days in a row.",
        frozenset({"goals.habit.checked_in"}),
        _streak(30),
    ),
    Badge(
        "goals_10",
        "10 goals completed",
        "Completed ten goals.",
        _GOAL_EVENTS,
        _nth("completion", 10),
    ),
    Badge(
        "focus_100h",
        "100 focus hours",
        "Spent 100 hours in focus sessions.",
        frozenset({"goals.focus.finished"}),
        _focus_100h,
    ),
    Badge(
        "helpful_commenter",
        "Helpful commenter",
        "Wrote 10 comments on other people's posts.",
        frozenset({"community.post.commented"}),
        _nth("comment", 10),
    ),
)

BY_ID = {b.id: b for b in BADGES}


def triggered_by(event_type: str) -> list[Badge]:
    return [b for b in BADGES if event_type in b.triggers]
