"""Badges: what earns each one and which events can change the answer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from subgraphs.analytics.projector import Repos

Check = Callable[[Repos, str], Awaitable[bool]]


@dataclass(frozen=True)
class Badge:
    id: str
    title: str
    description: str
    triggers: frozenset[str]
    earned: Check


async def _first_goal(r: Repos, user_id: str) -> bool:
    return await r.goals.count_ever_created(user_id) >= 1


async def _longest_streak(r: Repos, user_id: str) -> int:
    return max((h.longest_streak for h in await r.habits.for_owner(user_id)), default=0)


async def _streak_7(r: Repos, user_id: str) -> bool:
    return await _longest_streak(r, user_id) >= 7


async def _streak_30(r: Repos, user_id: str) -> bool:
    return await _longest_streak(r, user_id) >= 30


async def _ten_goals(r: Repos, user_id: str) -> bool:
    return await r.goals.count_with_status(user_id, "completed") >= 10


async def _focus_100h(r: Repos, user_id: str) -> bool:
    return await r.facts.total(user_id, "focus") >= 100 * 60


async def _helpful(r: Repos, user_id: str) -> bool:
    return await r.facts.count(user_id, "comment") >= 10


_GOAL_EVENTS = frozenset({"goals.goal.created", "goals.goal.updated", "goals.goal.completed"})

BADGES: tuple[Badge, ...] = (
    Badge("first_goal", "First goal", "Set your first goal.", _GOAL_EVENTS, _first_goal),
    Badge(
        "streak_7",
        "7-day streak",
        "Kept a habit 7 days in a row.",
        frozenset({"goals.habit.checked_in"}),
        _streak_7,
    ),
    Badge(
        "streak_30",
        "30-day streak",
        "Kept a habit 30 days in a row.",
        frozenset({"goals.habit.checked_in"}),
        _streak_30,
    ),
    Badge("goals_10", "10 goals completed", "Completed ten goals.", _GOAL_EVENTS, _ten_goals),
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
        _helpful,
    ),
)

BY_ID = {b.id: b for b in BADGES}


def triggered_by(event_type: str) -> list[Badge]:
    return [b for b in BADGES if event_type in b.triggers]
