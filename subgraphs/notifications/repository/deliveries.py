"""Email and push deliveries of notifications, claimed by the dispatcher."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from beanie import PydanticObjectId, SortDirection
from pymongo import ReturnDocument, UpdateOne

from common.repository import Repository
from subgraphs.notifications.models import Channel, Delivery, Notification, Status
from subgraphs.notifications.repository.base import Session


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
        await self.ensure_many([(notification, channel, due)], now=now, session=session)

    async def ensure_many(
        self,
        wanted: Sequence[tuple[Notification, Channel, datetime]],
        *,
        now: datetime,
        session: Session,
    ) -> None:
        """`ensure` for each (notification, channel, due) in one bulk write."""
        if not wanted:
            return
        # Once per notification and channel: later events of the group ride along.
        await Delivery.get_pymongo_collection().bulk_write(
            [
                UpdateOne(
                    {"notification_id": str(notification.id), "channel": channel.value},
                    {"$setOnInsert": _pending(notification, channel, due=due, now=now)},
                    upsert=True,
                )
                for notification, channel, due in wanted
            ],
            ordered=False,
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

    async def record(
        self,
        delivery_id: PydanticObjectId | None,
        fields: Mapping[str, Any],
        *,
        reached: Sequence[str] = (),
    ) -> None:
        update: dict[str, Any] = {"$set": dict(fields)}
        if reached:
            update["$addToSet"] = {"reached": {"$each": list(reached)}}
        await Delivery.get_pymongo_collection().update_one({"_id": delivery_id}, update)

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


def _pending(
    notification: Notification, channel: Channel, *, due: datetime, now: datetime
) -> dict[str, Any]:
    return {
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
