"""Conversations: membership, admins, and the counter that orders their messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.chat.models import Conversation

Session = AsyncClientSession | None


class ConversationRepository(Repository[Conversation]):
    model = Conversation

    async def get_by_key(self, unique_key: str) -> Conversation | None:
        return await Conversation.find_one({"unique_key": unique_key})

    async def get_in(
        self, conversation_id: str, *, session: AsyncClientSession
    ) -> Conversation | None:
        """The conversation as the caller's transaction sees it."""
        oid = parse_object_id(conversation_id)
        return None if oid is None else await Conversation.get(oid, session=session)

    async def take_seq(
        self,
        conversation_id: str,
        *,
        message_id: str,
        at: datetime,
        member: str | None,
        session: AsyncClientSession,
    ) -> tuple[int, list[str]] | None:
        """The next position and the members then, with `message_id` as the newest message.

        None when the conversation is not found, or with `member`, when that user
        is no longer a member (a removal committed first). Runs in the caller's
        transaction, so the conversation stays locked until the message taking
        the position commits with it: positions become visible in order.
        """
        query: dict[str, object] = {"_id": parse_object_id(conversation_id)}
        if member is not None:
            query["member_ids"] = member
        collection = Conversation.get_pymongo_collection()
        raw = await collection.find_one_and_update(
            query,
            {"$inc": {"last_seq": 1}, "$set": {"last_activity_at": at}},
            projection={"last_seq": 1, "member_ids": 1},
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        if raw is None:
            return None
        seq: int = raw["last_seq"]
        await collection.update_one(
            {"_id": raw["_id"]},
            {"$set": {"last_message_id": message_id, "last_message_seq": seq}},
            session=session,
        )
        return seq, list(raw["member_ids"])

    async def add_members(
        self, conversation_id: str, user_ids: Sequence[str], *, session: Session = None
    ) -> None:
        await Conversation.get_pymongo_collection().update_one(
            {"_id": parse_object_id(conversation_id)},
            {"$addToSet": {"member_ids": {"$each": list(user_ids)}}},
            session=session,
        )

    async def remove_member(
        self, conversation_id: str, user_id: str, *, session: Session = None
    ) -> None:
        await Conversation.get_pymongo_collection().update_one(
            {"_id": parse_object_id(conversation_id)},
            {"$pull": {"member_ids": user_id, "admin_ids": user_id}},
            session=session,
        )

    async def add_admin(
        self, conversation_id: str, user_id: str, *, session: Session = None
    ) -> None:
        await Conversation.get_pymongo_collection().update_one(
            {"_id": parse_object_id(conversation_id), "member_ids": user_id},
            {"$addToSet": {"admin_ids": user_id}},
            session=session,
        )

    async def page_for_member(self, user_id: str, request: PageRequest) -> Page[Conversation]:
        return await self.page(
            {"member_ids": user_id}, request, sort_field="last_activity_at", descending=True
        )

    async def all_for_member(self, user_id: str, *, session: Session = None) -> list[Conversation]:
        return await Conversation.find({"member_ids": user_id}, session=session).to_list()
