"""What the coach knows of the user's goals and habits: projections of goals' events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from beanie import SortDirection
from pymongo.asynchronous.client_session import AsyncClientSession

from common.projections import apply_if_newer
from subgraphs.chat.models import ContextCheckIn, ContextGoal, ContextHabit, ContextTask

Session = AsyncClientSession | None


class CoachContextRepository:
    async def apply_goal(
        self, goal_id: str, user_id: str, fields: dict[str, Any], at: datetime, *, session: Session
    ) -> None:
        """`fields` as of `at`; `deleted: True` among them leaves a tombstone."""
        await apply_if_newer(
            ContextGoal.get_pymongo_collection(),
            {"goal_id": goal_id},
            fields,
            at=at,
            tombstone="deleted",
            defaults={"user_id": user_id, "deleted": False},
            session=session,
        )

    async def apply_task(
        self, task_id: str, user_id: str, fields: dict[str, Any], at: datetime, *, session: Session
    ) -> None:
        await apply_if_newer(
            ContextTask.get_pymongo_collection(),
            {"task_id": task_id},
            fields,
            at=at,
            tombstone="deleted",
            defaults={"user_id": user_id, "deleted": False},
            session=session,
        )

    async def apply_habit(
        self, habit_id: str, user_id: str, fields: dict[str, Any], at: datetime, *, session: Session
    ) -> None:
        await apply_if_newer(
            ContextHabit.get_pymongo_collection(),
            {"habit_id": habit_id},
            fields,
            at=at,
            tombstone="deleted",
            defaults=_habit_row(user_id),
            session=session,
        )

    async def apply_streaks(
        self, habit_id: str, user_id: str, fields: dict[str, Any], at: datetime, *, session: Session
    ) -> None:
        # Its own stamp: a rename and a check-in are ordered separately.
        await apply_if_newer(
            ContextHabit.get_pymongo_collection(),
            {"habit_id": habit_id},
            fields,
            at=at,
            stamp="streaks_as_of",
            tombstone="deleted",
            defaults=_habit_row(user_id),
            session=session,
        )

    async def add_day(self, user_id: str, habit_id: str, day: str, *, session: Session) -> None:
        key = {"habit_id": habit_id, "day": day}
        # An upsert, not an insert: a duplicate key would abort the consumer's transaction.
        await ContextCheckIn.get_pymongo_collection().update_one(
            key, {"$setOnInsert": {**key, "user_id": user_id}}, upsert=True, session=session
        )

    async def remove_day(self, habit_id: str, day: str, *, session: Session) -> None:
        await ContextCheckIn.get_pymongo_collection().delete_one(
            {"habit_id": habit_id, "day": day}, session=session
        )

    async def prune_days(self, user_id: str, before: str, *, session: Session) -> None:
        """Forget check-ins older than the coach looks back, so a user's rows stay few."""
        await ContextCheckIn.get_pymongo_collection().delete_many(
            {"user_id": user_id, "day": {"$lt": before}}, session=session
        )

    async def forget_habit_days(self, habit_id: str, *, session: Session) -> None:
        await ContextCheckIn.get_pymongo_collection().delete_many(
            {"habit_id": habit_id}, session=session
        )

    async def active_goals(self, user_id: str, limit: int) -> list[ContextGoal]:
        return (
            await ContextGoal.find(
                {"user_id": user_id, "deleted": False, "status": "active", "title": {"$ne": ""}}
            )
            .sort([("as_of", SortDirection.DESCENDING)])
            .limit(limit)
            .to_list()
        )

    async def open_tasks(self, user_id: str, limit: int) -> list[ContextTask]:
        """Open tasks, those due soonest first (undated ones after the dated)."""
        query = {"user_id": user_id, "deleted": False, "completed": False}
        dated = (
            await ContextTask.find({**query, "due_day": {"$ne": None}})
            .sort([("due_day", SortDirection.ASCENDING)])
            .limit(limit)
            .to_list()
        )
        if len(dated) >= limit:
            return dated
        undated = (
            await ContextTask.find({**query, "due_day": None})
            .sort([("as_of", SortDirection.DESCENDING)])
            .limit(limit - len(dated))
            .to_list()
        )
        return dated + undated

    async def habits(self, user_id: str, limit: int) -> list[ContextHabit]:
        return (
            await ContextHabit.find({"user_id": user_id, "deleted": False, "title": {"$ne": ""}})
            .sort([("title", SortDirection.ASCENDING)])
            .limit(limit)
            .to_list()
        )

    async def days_since(
        self, user_id: str, habit_ids: Sequence[str], day: str, limit: int
    ) -> list[ContextCheckIn]:
        return (
            await ContextCheckIn.find(
                {"user_id": user_id, "habit_id": {"$in": list(habit_ids)}, "day": {"$gte": day}}
            )
            .sort([("day", SortDirection.DESCENDING)])
            .limit(limit)
            .to_list()
        )

    async def forget(self, user_id: str, *, session: Session = None) -> None:
        for model in (ContextGoal, ContextTask, ContextHabit, ContextCheckIn):
            await model.get_pymongo_collection().delete_many({"user_id": user_id}, session=session)


def _habit_row(user_id: str) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "title": "",
        "deleted": False,
        "current_streak": 0,
        "longest_streak": 0,
        "last_day": None,
    }
