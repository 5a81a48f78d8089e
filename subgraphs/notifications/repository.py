"""Every notifications query."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from beanie import PydanticObjectId, SortDirection
from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.notifications.models import (
    Channel,
    Delivery,
    Kind,
    Notification,
    Preferences,
    PushEndpoint,
    Recipient,
    Status,
)

Session = AsyncClientSession | None


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
        update: dict[str, Any] = {
            "$inc": {"event_count": 1},
            "$set": {"updated_at": now, "read": False, "data": dict(data)},
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


class Deliveries(Repository[Delivery]):
    model = Delivery

    async def ensure(
        self,
        notification: Notification,
        channel: Channel,
        *,
        due: datetime,
        now: datetime,
        session: Session,
    ) -> None:
        row = {
            "notification_id": str(notification.id),
            "user_id": notification.user_id,
            "channel": channel.value,
            "status": Status.PENDING.value,
            "attempts": 0,
            "next_attempt_at": due,
            "last_error": None,
            "sent_at": None,
            "created_at": now,
        }
        # Once per notification and channel: later events of the group ride along.
        await Delivery.get_pymongo_collection().update_one(
            {"notification_id": row["notification_id"], "channel": channel.value},
            {"$setOnInsert": row},
            upsert=True,
            session=session,
        )

    async def claim_due(self, now: datetime, *, lease_until: datetime) -> Delivery | None:
        """Take one due delivery, pushing its next attempt past the lease so no other
        dispatcher takes it meanwhile; a dispatcher that dies mid-send is retried then."""
        raw = await Delivery.get_pymongo_collection().find_one_and_update(
            {"status": Status.PENDING.value, "next_attempt_at": {"$lte": now}},
            {"$set": {"next_attempt_at": lease_until}},
            sort=[("next_attempt_at", 1)],
            return_document=ReturnDocument.AFTER,
        )
        return Delivery.model_validate(raw) if raw else None

    async def record(self, delivery_id: PydanticObjectId | None, fields: Mapping[str, Any]) -> None:
        await Delivery.get_pymongo_collection().update_one(
            {"_id": delivery_id}, {"$set": dict(fields)}
        )

    async def for_notifications(self, ids: Iterable[str]) -> dict[str, list[Delivery]]:
        rows = (
            await Delivery.find({"notification_id": {"$in": list(ids)}})
            .sort([("channel", SortDirection.ASCENDING)])
            .to_list()
        )
        grouped: dict[str, list[Delivery]] = {}
        for row in rows:
            grouped.setdefault(row.notification_id, []).append(row)
        return grouped

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class PreferencesRepo(Repository[Preferences]):
    model = Preferences

    async def find(self, user_id: str) -> Preferences | None:
        return await Preferences.find_one({"user_id": user_id})

    async def put(self, prefs: Preferences) -> Preferences:
        await Preferences.get_pymongo_collection().update_one(
            {"user_id": prefs.user_id},
            {"$set": prefs.model_dump(exclude={"id"})},
            upsert=True,
        )
        return prefs

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class Recipients(Repository[Recipient]):
    model = Recipient

    async def apply(
        self,
        user_id: str,
        *,
        email: str | None,
        timezone: str,
        as_of: datetime,
        session: Session = None,
    ) -> None:
        collection = Recipient.get_pymongo_collection()
        # Read, then write: inside the consumer's transaction a concurrent writer
        # of the same row conflicts and one of the two re-runs.
        current = await collection.find_one({"user_id": user_id}, {"as_of": 1}, session=session)
        if current is not None and current["as_of"] > as_of.replace(
            microsecond=as_of.microsecond // 1000 * 1000
        ):
            return  # a newer update is already stored
        await collection.update_one(
            {"user_id": user_id},
            {"$set": {"email": email, "timezone": timezone, "as_of": as_of}},
            upsert=True,
            session=session,
        )

    async def find(self, user_id: str) -> Recipient | None:
        return await Recipient.find_one({"user_id": user_id})

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class PushEndpoints(Repository[PushEndpoint]):
    model = PushEndpoint

    async def register(self, endpoint: PushEndpoint) -> PushEndpoint:
        await PushEndpoint.get_pymongo_collection().update_one(
            {"user_id": endpoint.user_id, "endpoint": endpoint.endpoint},
            {"$set": endpoint.model_dump(exclude={"id"})},
            upsert=True,
        )
        return endpoint

    async def remove(self, user_id: str, endpoint: str) -> bool:
        return await self.delete_where({"user_id": user_id, "endpoint": endpoint}) > 0

    async def for_user(self, user_id: str) -> list[PushEndpoint]:
        return await PushEndpoint.find({"user_id": user_id}).to_list()

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
