"""All of the chat subgraph's database access."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from beanie import PydanticObjectId, SortDirection
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.chat.models import (
    CoachCheckIn,
    CoachGoal,
    Conversation,
    Message,
    ReadState,
)


def _oid(id: str) -> PydanticObjectId | None:
    return parse_object_id(id)


class ConversationRepository(Repository[Conversation]):
    model = Conversation

    async def get_by_key(self, unique_key: str) -> Conversation | None:
        return await Conversation.find_one({"unique_key": unique_key})

    async def insert_unless_exists(self, doc: Conversation) -> tuple[Conversation, bool]:
        """Insert, or return the conversation already holding `doc.unique_key` (a lost race)."""
        try:
            await doc.insert()
        except DuplicateKeyError:
            existing = await self.get_by_key(doc.unique_key)
            if existing is None:
                raise
            return existing, False
        return doc, True

    async def next_seq(self, conversation_id: str, at: datetime) -> int:
        raw = await Conversation.get_pymongo_collection().find_one_and_update(
            {"_id": _oid(conversation_id)},
            {"$inc": {"last_seq": 1}, "$set": {"last_activity_at": at}},
            projection={"last_seq": 1},
            return_document=ReturnDocument.AFTER,
        )
        if raw is None:
            raise LookupError(conversation_id)
        seq: int = raw["last_seq"]
        return seq

    async def set_last_message(self, conversation_id: str, message_id: str, seq: int) -> None:
        # Concurrent sends finish in any order; only a newer message may take the place.
        await Conversation.get_pymongo_collection().update_one(
            {"_id": _oid(conversation_id), "last_message_seq": {"$lt": seq}},
            {"$set": {"last_message_id": message_id, "last_message_seq": seq}},
        )

    async def add_members(self, conversation_id: str, user_ids: Sequence[str]) -> None:
        await Conversation.get_pymongo_collection().update_one(
            {"_id": _oid(conversation_id)}, {"$addToSet": {"member_ids": {"$each": list(user_ids)}}}
        )

    async def remove_member(self, conversation_id: str, user_id: str) -> None:
        await Conversation.get_pymongo_collection().update_one(
            {"_id": _oid(conversation_id)},
            {"$pull": {"member_ids": user_id, "admin_ids": user_id}},
        )

    async def add_admin(self, conversation_id: str, user_id: str) -> None:
        await Conversation.get_pymongo_collection().update_one(
            {"_id": _oid(conversation_id), "member_ids": user_id},
            {"$addToSet": {"admin_ids": user_id}},
        )

    async def page_for_member(self, user_id: str, request: PageRequest) -> Page[Conversation]:
        return await self.page(
            {"member_ids": user_id}, request, sort_field="last_activity_at", descending=True
        )

    async def all_for_member(self, user_id: str) -> list[Conversation]:
        return await Conversation.find({"member_ids": user_id}).to_list()


class MessageRepository(Repository[Message]):
    model = Message

    async def by_client_id(
        self, conversation_id: str, sender_id: str | None, client_message_id: str
    ) -> Message | None:
        return await Message.find_one(
            {
                "conversation_id": conversation_id,
                "sender_id": sender_id,
                "client_message_id": client_message_id,
            }
        )

    async def history(
        self, conversation_id: str, request: PageRequest, *, newest_first: bool
    ) -> Page[Message]:
        return await self.page(
            {"conversation_id": conversation_id}, request, sort_field="seq", descending=newest_first
        )

    async def recent(self, conversation_id: str, limit: int) -> list[Message]:
        rows = (
            await Message.find({"conversation_id": conversation_id, "deleted_at": None})
            .sort([("seq", SortDirection.DESCENDING)])
            .limit(limit)
            .to_list()
        )
        return rows[::-1]

    async def unread_counts(
        self, user_id: str, read_upto: Sequence[tuple[str, int]]
    ) -> dict[str, int]:
        """Unread messages per conversation: others' live messages after the read position."""
        if not read_upto:
            return {}
        match: dict[str, Any] = {
            "$or": [{"conversation_id": c, "seq": {"$gt": seq}} for c, seq in read_upto],
            "sender_id": {"$ne": user_id},
            "deleted_at": None,
        }
        pipeline: list[dict[str, Any]] = [
            {"$match": match},
            {"$group": {"_id": "$conversation_id", "n": {"$sum": 1}}},
        ]
        cursor = await Message.get_pymongo_collection().aggregate(pipeline)
        return {row["_id"]: int(row["n"]) async for row in cursor}

    async def append_text(self, message_id: str, text: str, *, streaming: bool) -> None:
        await Message.get_pymongo_collection().update_one(
            {"_id": _oid(message_id)}, {"$set": {"text": text, "streaming": streaming}}
        )

    async def delete_by_sender(self, user_id: str) -> int:
        return await self.delete_where({"sender_id": user_id})

    async def delete_in(self, conversation_id: str) -> int:
        return await self.delete_where({"conversation_id": conversation_id})


class ReadStateRepository(Repository[ReadState]):
    model = ReadState

    async def ensure(self, conversation_id: str, user_ids: Sequence[str]) -> None:
        collection = ReadState.get_pymongo_collection()
        for user_id in user_ids:
            key = {"conversation_id": conversation_id, "user_id": user_id}
            try:
                await collection.update_one(
                    key, {"$setOnInsert": {**key, "last_read_seq": 0}}, upsert=True
                )
            except DuplicateKeyError:
                continue  # a concurrent upsert created it: that is the state we wanted

    async def advance(
        self, conversation_id: str, user_id: str, seq: int, message_id: str, at: datetime
    ) -> bool:
        """Move the read position forward only; an older position never overwrites a newer one."""
        result = await ReadState.get_pymongo_collection().update_one(
            {"conversation_id": conversation_id, "user_id": user_id, "last_read_seq": {"$lt": seq}},
            {"$set": {"last_read_seq": seq, "last_read_message_id": message_id, "read_at": at}},
        )
        return result.modified_count == 1

    async def for_user(self, user_id: str, conversation_ids: Sequence[str]) -> dict[str, ReadState]:
        rows = await ReadState.find(
            {"user_id": user_id, "conversation_id": {"$in": list(conversation_ids)}}
        ).to_list()
        return {r.conversation_id: r for r in rows}

    async def all_for_user(self, user_id: str) -> list[ReadState]:
        return await ReadState.find({"user_id": user_id}).to_list()

    async def for_conversation(self, conversation_id: str) -> list[ReadState]:
        return await ReadState.find({"conversation_id": conversation_id}).to_list()

    async def delete_for(self, *, user_id: str, conversation_id: str | None = None) -> int:
        query: dict[str, Any] = {"user_id": user_id}
        if conversation_id is not None:
            query["conversation_id"] = conversation_id
        return await self.delete_where(query)

    async def delete_in(self, conversation_id: str) -> int:
        return await self.delete_where({"conversation_id": conversation_id})


class CoachMemoryRepository:
    """What the coach remembers of a user: goals it requested, check-ins it was told about."""

    async def record_goal(self, goal: CoachGoal) -> None:
        await goal.insert()

    async def goal_created(self, request_id: str, goal_id: str) -> CoachGoal | None:
        raw = await CoachGoal.get_pymongo_collection().find_one_and_update(
            {"request_id": request_id},
            {"$set": {"goal_id": goal_id}},
            return_document=ReturnDocument.AFTER,
        )
        return CoachGoal.model_validate(raw) if raw else None

    async def goals(self, user_id: str, limit: int = 5) -> list[CoachGoal]:
        return (
            await CoachGoal.find({"user_id": user_id})
            .sort([("requested_at", SortDirection.DESCENDING)])
            .limit(limit)
            .to_list()
        )

    async def check_in(self, user_id: str, habit: str, day: str) -> bool:
        """Record a check-in; False when that habit was already checked in that day."""
        try:
            await CoachCheckIn(user_id=user_id, habit=habit, day=day).insert()
        except DuplicateKeyError:
            return False
        return True

    async def check_ins_since(self, user_id: str, day: str) -> list[CoachCheckIn]:
        return await CoachCheckIn.find({"user_id": user_id, "day": {"$gte": day}}).to_list()

    async def forget(self, user_id: str) -> None:
        await CoachGoal.get_pymongo_collection().delete_many({"user_id": user_id})
        await CoachCheckIn.get_pymongo_collection().delete_many({"user_id": user_id})
