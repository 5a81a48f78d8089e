"""What spans every projection: the rebuild lock, erasure and clearing."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from common.repository import Repository
from subgraphs.analytics.models import (
    PROJECTIONS,
    Achievement,
    BadgeCheck,
    Fact,
    GoalView,
    HabitView,
    RebuildLock,
    UserProfile,
    VacationView,
)
from subgraphs.analytics.repository.base import Session, in_transaction

_CLEAR_BATCH = 500


REBUILD = "rebuild"


class RebuildLocks(Repository[RebuildLock]):
    model = RebuildLock

    async def held(self, *, session: Session) -> bool:
        found = await RebuildLock.get_pymongo_collection().find_one(
            {"name": REBUILD}, {"_id": 1}, session=session
        )
        return found is not None

    async def acquire(self, holder: str, *, now: datetime, stale_after: timedelta) -> bool:
        """Take the lock, or take over one whose holder stopped renewing it."""
        collection = RebuildLock.get_pymongo_collection()
        row = {"name": REBUILD, "holder": holder, "started_at": now, "heartbeat_at": now}
        try:
            await collection.insert_one(row)
        except DuplicateKeyError:
            taken = await collection.find_one_and_update(
                {"name": REBUILD, "heartbeat_at": {"$lt": now - stale_after}},
                {"$set": {"holder": holder, "started_at": now, "heartbeat_at": now}},
            )
            return taken is not None
        return True

    async def renew(self, holder: str, *, now: datetime) -> bool:
        result = await RebuildLock.get_pymongo_collection().update_one(
            {"name": REBUILD, "holder": holder}, {"$set": {"heartbeat_at": now}}
        )
        return result.matched_count == 1

    async def release(self, holder: str) -> None:
        await self.delete_where({"name": REBUILD, "holder": holder})

    async def current(self) -> RebuildLock | None:
        return await RebuildLock.find_one({"name": REBUILD})


async def _delete_ids(collection: Any, ids: list[Any], session: AsyncClientSession) -> None:
    await collection.delete_many({"_id": {"$in": ids}}, session=session)


class Projections:
    """Operations that span every projection: erasure and rebuild."""

    async def forget_user(self, user_id: str, *, session: Session) -> None:
        by_user: list[tuple[type[Any], str]] = [
            (UserProfile, "user_id"),
            (GoalView, "owner_id"),
            (HabitView, "owner_id"),
            (VacationView, "user_id"),
            (Fact, "user_id"),
            (Achievement, "user_id"),
            (BadgeCheck, "user_id"),
        ]
        for model, field in by_user:
            await model.get_pymongo_collection().delete_many({field: user_id}, session=session)

    async def clear(self) -> None:
        """Empty every projection, in small transactions (see `in_transaction`)."""
        for model in PROJECTIONS:
            collection = model.get_pymongo_collection()
            while True:
                batch = await collection.find({}, {"_id": 1}).limit(_CLEAR_BATCH).to_list()
                if not batch:
                    break
                ids = [row["_id"] for row in batch]
                await in_transaction(partial(_delete_ids, collection, ids))
