"""The inbox: notifications grouped per user, kind, target and time window."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from beanie import SortDirection
from pymongo import ReturnDocument, UpdateOne
from pymongo.asynchronous.collection import AsyncCollection

from common.repository import Page, PageRequest, Repository, parse_object_id
from common.transactions import snapshot
from subgraphs.notifications.models import Kind, Notification
from subgraphs.notifications.repository.base import Session

POSITIONS = "inbox_positions"


@dataclass(frozen=True)
class Fold:
    """One event for one user's inbox: the group it joins and what it brings."""

    user_id: str
    kind: Kind
    target_id: str
    window: int
    actor_id: str | None
    data: Mapping[str, Any]
    in_app: bool

    @property
    def group_key(self) -> str:
        return f"{self.user_id}|{self.kind.value}|{self.target_id}"

    def update(self, *, now: datetime, seq: int) -> dict[str, Any]:
        """The upsert that folds the event in: operators only, so it commutes."""
        update: dict[str, Any] = {
            "$inc": {"event_count": 1},
            "$set": {"updated_at": now, "read": False, "data": dict(self.data), "seq": seq},
            "$setOnInsert": {
                "user_id": self.user_id,
                "kind": self.kind.value,
                "target_id": self.target_id,
                "in_app": self.in_app,
                "withdrawn_ids": [],
                "created_at": now,
            },
        }
        if self.actor_id is not None:
            update["$addToSet"] = {"actor_ids": self.actor_id}
        else:
            update["$setOnInsert"]["actor_ids"] = []
        return update


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
        fold = Fold(user_id, kind, target_id, window, actor_id, data, in_app)
        raw = await collection.find_one_and_update(
            {"group_key": group_key, "window": window},
            fold.update(now=now, seq=seq),
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        assert raw is not None
        return Notification.model_validate(raw), True

    async def fold_in_many(
        self, folds: Sequence[Fold], *, now: datetime, session: Session
    ) -> list[Notification]:
        """Add one event to many users' groups at once: a group message's fan-out.

        Each fold must be news (no `quiet_repeat`), and each user may appear once. A
        constant number of round trips whatever the number of users: one bulk write
        and one read for their positions, one bulk upsert and one read for the rows.
        The updates are `$inc`/`$set`/`$addToSet` only, never read-modify-write, so
        the result is what `fold_in` one user at a time would have stored.
        """
        if not folds:
            return []
        users = [fold.user_id for fold in folds]
        if len(set(users)) != len(users):
            raise ValueError("fold_in_many takes each user once")
        seqs = await self._next_seqs(users, session=session)
        collection = Notification.get_pymongo_collection()
        await collection.bulk_write(
            [
                UpdateOne(
                    {"group_key": fold.group_key, "window": fold.window},
                    fold.update(now=now, seq=seqs[fold.user_id]),
                    upsert=True,
                )
                for fold in folds
            ],
            ordered=False,
            session=session,
        )
        wanted = {(fold.group_key, fold.window) for fold in folds}
        query = {
            "group_key": {"$in": sorted({key for key, _ in wanted})},
            "window": {"$in": sorted({window for _, window in wanted})},
        }
        rows = await collection.find(query, session=session).to_list()
        return [
            Notification.model_validate(raw)
            for raw in rows
            if (raw["group_key"], raw["window"]) in wanted
        ]

    async def _next_seqs(self, user_ids: list[str], *, session: Session) -> dict[str, int]:
        """`_next_seq` for many users in two round trips (see there for the ordering)."""
        await _positions().bulk_write(
            [UpdateOne({"_id": user}, {"$inc": {"seq": 1}}, upsert=True) for user in user_ids],
            ordered=False,
            session=session,
        )
        rows = await _positions().find({"_id": {"$in": user_ids}}, session=session).to_list()
        return {str(row["_id"]): int(row["seq"]) for row in rows}

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
        return await self.count_where({"user_id": user_id, "in_app": True, "read": False})

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
