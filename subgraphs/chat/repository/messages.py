"""Messages: idempotent lookups, history by position, unread counts, erasure."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from beanie import SortDirection
from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Page, PageRequest, Repository, parse_object_id
from common.transactions import snapshot
from subgraphs.chat.domain import cursors
from subgraphs.chat.models import CoachProposal, Message, ProposalStatus

Session = AsyncClientSession | None


class MessageRepository(Repository[Message]):
    model = Message

    async def by_client_id(
        self,
        conversation_id: str,
        sender_id: str | None,
        client_message_id: str,
        *,
        session: Session = None,
    ) -> Message | None:
        return await Message.find_one(
            {
                "conversation_id": conversation_id,
                "sender_id": sender_id,
                "client_message_id": client_message_id,
            },
            session=session,
        )

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[AsyncClientSession]:
        """A session whose reads all see one point in time (a read-only transaction)."""
        async with snapshot(Message.get_pymongo_collection().database.client) as session:
            yield session

    async def search(
        self, conversation_id: str, terms: list[str], request: PageRequest
    ) -> Page[Message]:
        """Messages holding every term (text and transcript), newest first; no tombstones."""
        query = {
            "conversation_id": conversation_id,
            "search_terms": {"$all": terms},
            "deleted_at": None,
        }
        return await self.page(query, request)

    async def history(
        self,
        conversation_id: str,
        *,
        first: int,
        beyond: int | None,
        newest_first: bool,
        session: Session = None,
    ) -> Page[Message]:
        """A page by position: older than `beyond` (newest first) or newer (oldest first)."""
        query: dict[str, Any] = {"conversation_id": conversation_id}
        if beyond is not None:
            query["seq"] = {"$lt" if newest_first else "$gt": beyond}
        direction = SortDirection.DESCENDING if newest_first else SortDirection.ASCENDING
        rows = (
            await Message.find(query, session=session)
            .sort([("seq", direction)])
            .limit(first + 1)
            .to_list()
        )
        items = rows[:first]
        return Page(
            items=items,
            has_next_page=len(rows) > first,
            cursors=[cursors.encode(m.seq) for m in items],
            has_previous_page=beyond is not None,
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

    async def set_text(
        self,
        message_id: str,
        text: str,
        *,
        streaming: bool,
        proposal: CoachProposal | None = None,
        session: Session = None,
    ) -> None:
        changes: dict[str, Any] = {"text": text, "streaming": streaming}
        if proposal is not None:
            changes["proposal"] = proposal.model_dump()
        await Message.get_pymongo_collection().update_one(
            {"_id": parse_object_id(message_id)}, {"$set": changes}, session=session
        )

    async def by_proposal(self, proposal_id: str, *, session: Session = None) -> Message | None:
        return await Message.find_one({"proposal.id": proposal_id}, session=session)

    async def decide_proposal(
        self,
        proposal_id: str,
        status: ProposalStatus,
        *,
        now: datetime,
        session: AsyncClientSession,
    ) -> Message | None:
        """Move a pending, unexpired proposal to `status`; None when it is not pending any more.

        The status is the guard: of two confirmations, only one finds it pending.
        """
        raw = await Message.get_pymongo_collection().find_one_and_update(
            {
                "proposal.id": proposal_id,
                "proposal.status": ProposalStatus.PENDING.value,
                "proposal.expires_at": {"$gt": now},
            },
            {"$set": {"proposal.status": status.value, "proposal.decided_at": now}},
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        return Message.model_validate(raw) if raw is not None else None

    async def delete_by_sender(self, user_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"sender_id": user_id}, session=session)

    async def delete_in(self, conversation_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"conversation_id": conversation_id}, session=session)
