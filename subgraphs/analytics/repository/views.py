"""Per-entity views (profiles, goals, habits): each row keeps the newest event's state.

Each is kept by `common.projections.apply_if_newer` with `ties=True`: an event
as old as the stored one is written again, so a rebuild replaying a
millisecond's events ends on the same row as the live run did.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from common.projections import apply_if_newer
from common.repository import Repository
from subgraphs.analytics.models import GoalView, HabitView, UserProfile, VacationView
from subgraphs.analytics.repository.base import Session


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
        collection = UserProfile.get_pymongo_collection()
        key = {"user_id": user_id}
        await apply_if_newer(collection, key, fields, at=as_of, ties=True, session=session)

    async def find(self, user_id: str) -> UserProfile | None:
        return await UserProfile.find_one({"user_id": user_id})


class Goals(Repository[GoalView]):
    model = GoalView

    async def apply(
        self, goal_id: str, fields: Mapping[str, Any], *, as_of: datetime, session: Session
    ) -> None:
        collection = GoalView.get_pymongo_collection()
        row = {"goal_id": goal_id, **fields}
        key = {"goal_id": goal_id}
        await apply_if_newer(collection, key, row, at=as_of, ties=True, session=session)

    async def by_goal_ids(self, goal_ids: Iterable[str]) -> dict[str, GoalView]:
        rows = await GoalView.find({"goal_id": {"$in": list(goal_ids)}}).to_list()
        return {r.goal_id: r for r in rows}

    async def for_owner(self, owner_id: str) -> list[GoalView]:
        return await GoalView.find({"owner_id": owner_id, "deleted": False}).to_list()

    async def count_with_status(self, owner_id: str, status: str) -> int:
        return await self.count_where({"owner_id": owner_id, "status": status, "deleted": False})

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
        last_day: str,
        current: int,
        longest: int,
        as_of: datetime,
        session: Session,
    ) -> None:
        """The habit's streaks as the newest check-in or undo left them.

        Ordered by event time, not by day: a back-dated check-in or an undo
        changes the streaks as much as today's check-in does, and each event
        carries the whole state goals computed.
        """
        fields = {
            "habit_id": habit_id,
            "owner_id": owner_id,
            "current_streak": current,
            "longest_streak": longest,
            "last_day": last_day,
        }
        collection = HabitView.get_pymongo_collection()
        key = {"habit_id": habit_id}
        await apply_if_newer(collection, key, fields, at=as_of, ties=True, session=session)

    async def apply_rules(
        self,
        habit_id: str,
        owner_id: str,
        rules: Mapping[str, Any],
        *,
        as_of: datetime,
        session: Session,
    ) -> None:
        """Schedule and kindness, under their own stamp: check-ins keep theirs."""
        collection = HabitView.get_pymongo_collection()
        defaults = {"current_streak": 0, "longest_streak": 0, "last_day": "", "as_of": None}
        await apply_if_newer(
            collection,
            {"habit_id": habit_id},
            {"owner_id": owner_id, **rules},
            at=as_of,
            stamp="rules_as_of",
            defaults=defaults,
            ties=True,
            session=session,
        )

    async def for_owner(self, owner_id: str) -> list[HabitView]:
        return await HabitView.find({"owner_id": owner_id}).to_list()


class Vacations(Repository[VacationView]):
    model = VacationView

    async def apply(
        self,
        user_id: str,
        spans: list[dict[str, str | None]],
        *,
        as_of: datetime,
        session: Session,
    ) -> None:
        collection = VacationView.get_pymongo_collection()
        key = {"user_id": user_id}
        fields = {"spans": spans}
        await apply_if_newer(collection, key, fields, at=as_of, ties=True, session=session)

    async def spans(self, user_id: str) -> list[dict[str, str | None]]:
        found = await VacationView.find_one({"user_id": user_id})
        return list(found.spans) if found else []
