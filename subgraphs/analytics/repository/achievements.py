"""Badges awarded, and the per-user counter that makes concurrent badge checks conflict."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from common.repository import Repository
from subgraphs.analytics.models import Achievement, BadgeCheck
from subgraphs.analytics.repository.base import ASC, Session


class Achievements(Repository[Achievement]):
    model = Achievement

    async def unlocked_at(self, user_id: str, badge: str, *, session: Session) -> datetime | None:
        row = await Achievement.get_pymongo_collection().find_one(
            {"user_id": user_id, "badge": badge}, {"unlocked_at": 1}, session=session
        )
        return row["unlocked_at"] if row else None

    async def award(
        self, user_id: str, badge: str, title: str, at: datetime, *, session: Session
    ) -> bool:
        """Award or move the unlock time earlier; True only for the write that created it."""
        result = await Achievement.get_pymongo_collection().update_one(
            {"user_id": user_id, "badge": badge},
            {"$min": {"unlocked_at": at}, "$setOnInsert": {"title": title}},
            upsert=True,
            session=session,
        )
        return result.upserted_id is not None

    async def settle(
        self, user_id: str, badge: str, at: datetime | None, *, session: Session
    ) -> None:
        """After a fact was withdrawn: the badge moves to `at`, or goes when None."""
        collection = Achievement.get_pymongo_collection()
        key = {"user_id": user_id, "badge": badge}
        if at is None:
            await collection.delete_one(key, session=session)
        else:
            await collection.update_one(key, {"$set": {"unlocked_at": at}}, session=session)

    async def for_users(self, user_ids: Iterable[str]) -> dict[str, list[Achievement]]:
        query = Achievement.find({"user_id": {"$in": list(user_ids)}})
        grouped: dict[str, list[Achievement]] = {}
        # (unlocked_at, badge) is unique per user: the order is total.
        for row in await query.sort([("unlocked_at", ASC), ("badge", ASC)]).to_list():
            grouped.setdefault(row.user_id, []).append(row)
        return grouped


class BadgeChecks(Repository[BadgeCheck]):
    model = BadgeCheck

    async def bump(self, user_id: str, *, session: Session) -> None:
        await BadgeCheck.get_pymongo_collection().update_one(
            {"user_id": user_id}, {"$inc": {"checks": 1}}, upsert=True, session=session
        )
