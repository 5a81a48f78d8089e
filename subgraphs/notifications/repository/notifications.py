"""The inbox: notifications grouped per user, kind, target and time window."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from beanie import SortDirection
from pymongo import ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection

from common.repository import Page, PageRequest, Repository, parse_object_id
from common.transactions import snapshot
from subgraphs.notifications.models import Kind, Notification
from subgraphs.notifications.repository.base import Session

POSITIONS = "inbox_positions"


class Notifications(Repository[Notification]):
    model = Notification

    async def fold_in(
        self,
        *,
        user_id: str,
        kind: Kind,
        target_id: str,
        window: int,
        actor_id: str | None,
        data: Mapping[str, Any],
        in_app: bool,
        now: datetime,
        quiet_repeat: bool,
        session: Session,
    ) -> tuple[Notification, bool]:
        """Add one event to its group's notification, creating it if needed.

        Returns the notification and whether it has news for the user. With
        `quiet_repeat`, an actor already in this window's notification (a
        re-like, a re-follow) changes nothing the user would notice. Redelivered
        events never get here: the consumer's processed-id record stops them.
        """
        group_key = f"{user_id}|{kind.value}|{target_id}"
        collection = Notification.get_pymongo_collection()
        if quiet_repeat and actor_id is not None:
            raw = await collection.find_one_and_update(
                {"group_key": group_key, "window": window, "actor_ids": actor_id},
                {"$pull": {"withdrawn_ids": actor_id}},
                return_document=ReturnDocument.AFTER,
                session=session,
            )
            if raw is not None:
                return Notification.model_validate(raw), False
        seq = await self._next_seq(user_id, session=session)
        update: dict[str, Any] = {
            "$inc": {"event_count": 1},
            "$set": {"updated_at": now, "read": False, "data": dict(data), "seq": seq},
            "$setOnInsert": {
                "user_id": user_id,
                "kind": kind.value,
                "target_id": target_id,
                "in_app": in_app,
                "withdrawn_ids": [],
                "created_at": now,
            },
        }
        if actor_id is not None:
            update["$addToSet"] = {"actor_ids": actor_id}
        else:
            update["$setOnInsert"]["actor_ids"] = []
        raw = await collection.find_one_and_update(
            {"group_key": group_key, "window": window},
            update,
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        assert raw is not None
        return Notification.model_validate(raw), True

    async def _next_seq(self, user_id: str, *, session: Session) -> int:
        """The user's next change position. Taken in the consumer's transaction, so
        concurrent changes for one user conflict on the counter and commit in position
        order: once a change is visible, every lower position is visible or never will be."""
        raw = await _positions().find_one_and_update(
            {"_id": user_id},
            {"$inc": {"seq": 1}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        assert raw is not None
        return int(raw["seq"])

    async def changed_after(self, user_id: str, seq: int, *, first: int) -> list[Notification]:
        """Inbox entries whose latest change came after position `seq`, oldest first,
        read at one point in time (so no lower position is missing below the newest)."""
        async with snapshot(Notification.get_pymongo_collection().database.client) as session:
            return (
                await Notification.find(
                    {"user_id": user_id, "in_app": True, "seq": {"$gt": seq}}, session=session
                )
                .sort([("seq", SortDirection.ASCENDING)])
                .limit(first)
                .to_list()
            )

    async def withdraw_actor(
        self, user_id: str, kind: Kind, actor_id: str, *, session: Session
    ) -> None:
        await Notification.get_pymongo_collection().update_many(
            {"user_id": user_id, "kind": kind.value, "actor_ids": actor_id},
            {"$addToSet": {"withdrawn_ids": actor_id}},
            session=session,
        )

    async def owned(self, user_id: str, id: str) -> Notification | None:
        oid = parse_object_id(id)
        if oid is None:
            return None
        return await Notification.find_one({"_id": oid, "user_id": user_id})

    async def inbox(
        self, user_id: str, request: PageRequest, *, unread_only: bool
    ) -> Page[Notification]:
        query: dict[str, Any] = {"user_id": user_id, "in_app": True}
        if unread_only:
            query["read"] = False
        return await self.page(query, request)

    async def unread_count(self, user_id: str) -> int:
        return await Notification.find({"user_id": user_id, "in_app": True, "read": False}).count()

    async def mark_read(self, user_id: str, ids: Iterable[str] | None) -> int:
        query: dict[str, Any] = {"user_id": user_id, "read": False}
        if ids is not None:
            query["_id"] = {"$in": [o for o in map(parse_object_id, ids) if o is not None]}
        result = await Notification.get_pymongo_collection().update_many(
            query, {"$set": {"read": True}}
        )
        return result.modified_count

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
        await _positions().delete_one({"_id": user_id}, session=session)


def _positions() -> AsyncCollection[dict[str, Any]]:
    """Each user's last change position (`{_id: user_id, seq}`)."""
    return Notification.get_pymongo_collection().database[POSITIONS]
