"""Per-entity views (profiles, goals, habits): each row keeps the newest event's state."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from common.repository import Repository
from subgraphs.analytics.models import GoalView, HabitView, UserProfile
from subgraphs.analytics.repository.base import Session, as_stored


async def _upsert_if_not_older(
    model: type[Any],
    key: Mapping[str, Any],
    guard: str,
    value: Any,
    fields: Mapping[str, Any],
    session: Session,
) -> bool:
    """Write `fields` unless the stored row already reflects something newer than `value`.

    Read, then write: inside a transaction a concurrent writer of the same row
    makes one of the two conflict and re-run, so the check cannot go stale.
    """
    collection = model.get_pymongo_collection()
    current = await collection.find_one(dict(key), {guard: 1}, session=session)
    stored = current.get(guard) if current is not None else None
    if stored is not None and stored > as_stored(value):
        return False
    await collection.update_one(
        dict(key), {"$set": {**fields, guard: value}}, upsert=True, session=session
    )
    return True


class Profiles(Repository[UserProfile]):
    model = UserProfile

    async def apply(
        self,
        user_id: str,
        *,
        timezone: str,
        ratings: Mapping[str, int] | None,
        as_of: datetime,
        session: Session,
    ) -> None:
        fields: dict[str, Any] = {"user_id": user_id, "timezone": timezone}
        if ratings is not None:
            fields["ratings"] = dict(ratings)
        key = {"user_id": user_id}
        await _upsert_if_not_older(UserProfile, key, "as_of", as_of, fields, session)

    async def find(self, user_id: str) -> UserProfile | None:
        return await UserProfile.find_one({"user_id": user_id})

    async def timezones(self, user_ids: Iterable[str]) -> dict[str, str]:
        rows = await UserProfile.find({"user_id": {"$in": list(user_ids)}}).to_list()
        return {r.user_id: r.timezone for r in rows}


class Goals(Repository[GoalView]):
    model = GoalView

    async def apply(
        self, goal_id: str, fields: Mapping[str, Any], *, as_of: datetime, session: Session
    ) -> None:
        row = {"goal_id": goal_id, **fields}
        await _upsert_if_not_older(GoalView, {"goal_id": goal_id}, "as_of", as_of, row, session)

    async def by_goal_ids(self, goal_ids: Iterable[str]) -> dict[str, GoalView]:
        rows = await GoalView.find({"goal_id": {"$in": list(goal_ids)}}).to_list()
        return {r.goal_id: r for r in rows}

    async def for_owner(self, owner_id: str) -> list[GoalView]:
        return await GoalView.find({"owner_id": owner_id, "deleted": False}).to_list()

    async def count_with_status(self, owner_id: str, status: str) -> int:
        return await GoalView.find(
            {"owner_id": owner_id, "status": status, "deleted": False}
        ).count()

    async def count_completed_between(self, owner_id: str, start: datetime, end: datetime) -> int:
        query = {
            "owner_id": owner_id,
            "status": "completed",
            "deleted": False,
            "completed_at": {"$gte": start, "$lt": end},
        }
        return await GoalView.find(query).count()


class Habits(Repository[HabitView]):
    model = HabitView

    async def apply(
        self,
        habit_id: str,
        *,
        owner_id: str,
        day: str,
        current: int,
        longest: int,
        session: Session,
    ) -> None:
        fields = {
            "habit_id": habit_id,
            "owner_id": owner_id,
            "current_streak": current,
            "longest_streak": longest,
        }
        key = {"habit_id": habit_id}
        await _upsert_if_not_older(HabitView, key, "last_day", day, fields, session)

    async def for_owner(self, owner_id: str) -> list[HabitView]:
        return await HabitView.find({"owner_id": owner_id}).to_list()
