"""Every analytics query. Writes are upserts keyed by a natural id: redelivery is a no-op."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping
from datetime import datetime
from typing import Any

from beanie import SortDirection
from pymongo.errors import DuplicateKeyError

from common.events import Event
from common.repository import Repository
from subgraphs.analytics.models import (
    PROJECTIONS,
    Achievement,
    Fact,
    FactKind,
    GoalView,
    HabitView,
    StoredEvent,
    UserProfile,
)


async def _upsert_if_not_older(
    model: type[Any], key: Mapping[str, Any], guard: str, value: Any, fields: Mapping[str, Any]
) -> bool:
    """Write `fields` unless the stored row already reflects something newer than `value`.

    When the row exists and is newer the filter misses, the upsert tries to
    insert a second row for the same key and the unique index refuses it.
    """
    try:
        await model.get_pymongo_collection().update_one(
            {**key, guard: {"$lte": value}},
            {"$set": {**fields, guard: value}},
            upsert=True,
        )
    except DuplicateKeyError:
        return False
    return True


class EventStore(Repository[StoredEvent]):
    model = StoredEvent

    async def record(self, event: Event, user_ids: Iterable[str]) -> None:
        row = {
            "event_id": event.id,
            "type": event.type,
            "source": event.source,
            "time": event.time,
            "version": event.version,
            "user_ids": sorted(set(user_ids)),
            "data": event.data,
        }
        try:
            await StoredEvent.get_pymongo_collection().update_one(
                {"event_id": event.id}, {"$setOnInsert": row}, upsert=True
            )
        except DuplicateKeyError:
            return  # a concurrent redelivery stored it first

    async def replay(self) -> AsyncIterator[StoredEvent]:
        query = StoredEvent.find({}).sort(
            [("time", SortDirection.ASCENDING), ("event_id", SortDirection.ASCENDING)]
        )
        async for row in query:
            yield row

    async def for_user(self, user_id: str) -> list[StoredEvent]:
        return (
            await StoredEvent.find({"user_ids": user_id})
            .sort([("time", SortDirection.ASCENDING)])
            .to_list()
        )

    async def forget_user(self, user_id: str, *, keep: str) -> None:
        await self.delete_where({"user_ids": user_id, "event_id": {"$ne": keep}})


class Profiles(Repository[UserProfile]):
    model = UserProfile

    async def apply(
        self, user_id: str, *, timezone: str, ratings: Mapping[str, int] | None, as_of: datetime
    ) -> None:
        fields: dict[str, Any] = {"user_id": user_id, "timezone": timezone}
        if ratings is not None:
            fields["ratings"] = dict(ratings)
        await _upsert_if_not_older(UserProfile, {"user_id": user_id}, "as_of", as_of, fields)

    async def find(self, user_id: str) -> UserProfile | None:
        return await UserProfile.find_one({"user_id": user_id})

    async def timezones(self, user_ids: Iterable[str]) -> dict[str, str]:
        rows = await UserProfile.find({"user_id": {"$in": list(user_ids)}}).to_list()
        return {r.user_id: r.timezone for r in rows}


class Goals(Repository[GoalView]):
    model = GoalView

    async def apply(self, goal_id: str, fields: Mapping[str, Any], *, as_of: datetime) -> None:
        await _upsert_if_not_older(
            GoalView, {"goal_id": goal_id}, "as_of", as_of, {"goal_id": goal_id, **fields}
        )

    async def by_goal_ids(self, goal_ids: Iterable[str]) -> dict[str, GoalView]:
        rows = await GoalView.find({"goal_id": {"$in": list(goal_ids)}}).to_list()
        return {r.goal_id: r for r in rows}

    async def for_owner(self, owner_id: str) -> list[GoalView]:
        return await GoalView.find({"owner_id": owner_id, "deleted": False}).to_list()

    async def count_ever_created(self, owner_id: str) -> int:
        return await GoalView.find({"owner_id": owner_id}).count()

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
        self, habit_id: str, *, owner_id: str, day: str, current: int, longest: int
    ) -> None:
        fields = {
            "habit_id": habit_id,
            "owner_id": owner_id,
            "current_streak": current,
            "longest_streak": longest,
        }
        await _upsert_if_not_older(HabitView, {"habit_id": habit_id}, "last_day", day, fields)

    async def for_owner(self, owner_id: str) -> list[HabitView]:
        return await HabitView.find({"owner_id": owner_id}).to_list()


class Facts(Repository[Fact]):
    model = Fact

    async def put(
        self,
        key: str,
        *,
        kind: FactKind,
        user_id: str,
        at: datetime,
        value: float = 0.0,
        goal_id: str | None = None,
        area: str | None = None,
    ) -> None:
        row = {
            "key": key,
            "kind": kind,
            "user_id": user_id,
            "at": at,
            "value": value,
            "goal_id": goal_id,
            "area": area,
        }
        try:
            await Fact.get_pymongo_collection().update_one({"key": key}, {"$set": row}, upsert=True)
        except DuplicateKeyError:
            return  # a concurrent redelivery wrote the same row

    async def count(
        self,
        user_id: str,
        kind: FactKind,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> int:
        return await Fact.find(_fact_query(user_id, kind, start, end)).count()

    async def total(
        self,
        user_id: str,
        kind: FactKind,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> float:
        pipeline: list[dict[str, Any]] = [
            {"$match": _fact_query(user_id, kind, start, end)},
            {"$group": {"_id": None, "total": {"$sum": "$value"}}},
        ]
        cursor = await Fact.get_pymongo_collection().aggregate(pipeline)
        rows = await cursor.to_list()
        return float(rows[0]["total"]) if rows else 0.0

    async def for_user(
        self, user_id: str, *, start: datetime | None = None, end: datetime | None = None
    ) -> list[Fact]:
        query: dict[str, Any] = {"user_id": user_id}
        if start is not None or end is not None:
            query["at"] = _between(start, end)
        return (
            await Fact.find(query)
            .sort([("at", SortDirection.ASCENDING), ("key", SortDirection.ASCENDING)])
            .to_list()
        )

    async def for_goals(self, goal_ids: Iterable[str]) -> list[Fact]:
        query = {"goal_id": {"$in": list(goal_ids)}}
        return (
            await Fact.find(query)
            .sort([("at", SortDirection.ASCENDING), ("key", SortDirection.ASCENDING)])
            .to_list()
        )


def _between(start: datetime | None, end: datetime | None) -> dict[str, datetime]:
    bounds: dict[str, datetime] = {}
    if start is not None:
        bounds["$gte"] = start
    if end is not None:
        bounds["$lt"] = end
    return bounds


def _fact_query(
    user_id: str, kind: FactKind, start: datetime | None, end: datetime | None
) -> dict[str, Any]:
    query: dict[str, Any] = {"user_id": user_id, "kind": kind}
    if start is not None or end is not None:
        query["at"] = _between(start, end)
    return query


class Achievements(Repository[Achievement]):
    model = Achievement

    async def award(self, user_id: str, badge: str, title: str, at: datetime) -> bool:
        """True only for the write that created the badge: it is awarded once."""
        try:
            await Achievement(user_id=user_id, badge=badge, title=title, unlocked_at=at).insert()
        except DuplicateKeyError:
            return False
        return True

    async def for_users(self, user_ids: Iterable[str]) -> dict[str, list[Achievement]]:
        query = Achievement.find({"user_id": {"$in": list(user_ids)}})
        grouped: dict[str, list[Achievement]] = {}
        for row in await query.sort(
            [("unlocked_at", SortDirection.ASCENDING), ("badge", SortDirection.ASCENDING)]
        ).to_list():
            grouped.setdefault(row.user_id, []).append(row)
        return grouped


class Projections:
    """Operations that span every projection: erasure and rebuild."""

    async def forget_user(self, user_id: str) -> None:
        await UserProfile.find({"user_id": user_id}).delete()
        await GoalView.find({"owner_id": user_id}).delete()
        await HabitView.find({"owner_id": user_id}).delete()
        await Fact.find({"user_id": user_id}).delete()
        await Achievement.find({"user_id": user_id}).delete()

    async def clear(self) -> None:
        for model in PROJECTIONS:
            await model.get_pymongo_collection().delete_many({})
