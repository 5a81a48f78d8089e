"""Read state: one row per member, moved forward only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Repository
from subgraphs.chat.models import ReadState

Session = AsyncClientSession | None


class ReadStateRepository(Repository[ReadState]):
    model = ReadState

    async def ensure(
        self, conversation_id: str, user_ids: Sequence[str], *, session: AsyncClientSession
    ) -> None:
        # In a transaction a concurrent upsert of the same row is a write
        # conflict (retried), never a duplicate key.
        collection = ReadState.get_pymongo_collection()
        for user_id in user_ids:
            key = {"conversation_id": conversation_id, "user_id": user_id}
            await collection.update_one(
                key, {"$setOnInsert": {**key, "last_read_seq": 0}}, upsert=True, session=session
            )

    async def advance(
        self,
        conversation_id: str,
        user_id: str,
        seq: int,
        message_id: str,
        at: datetime,
        *,
        session: Session = None,
    ) -> bool:
        """Move the read position forward only; an older position never overwrites a newer one."""
        result = await ReadState.get_pymongo_collection().update_one(
            {"conversation_id": conversation_id, "user_id": user_id, "last_read_seq": {"$lt": seq}},
            {"$set": {"last_read_seq": seq, "last_read_message_id": message_id, "read_at": at}},
            session=session,
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

    async def delete_for(
        self, *, user_id: str, conversation_id: str | None = None, session: Session = None
    ) -> int:
        query: dict[str, Any] = {"user_id": user_id}
        if conversation_id is not None:
            query["conversation_id"] = conversation_id
        return await self.delete_where(query, session=session)

    async def delete_in(self, conversation_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"conversation_id": conversation_id}, session=session)
