"""Who may read each conversation's attachments (media's projection of chat membership)."""

from __future__ import annotations

import contextlib
from datetime import datetime

from pymongo.errors import DuplicateKeyError

from common.repository import Repository
from subgraphs.media.models import ConversationReaders


class ReadersRepository(Repository[ConversationReaders]):
    model = ConversationReaders

    async def replace(self, conversation_id: str, member_ids: list[str], as_of: datetime) -> None:
        """Newest wins: a list older than the one stored is dropped."""
        # A newer (or the same) list stored: the filter matches nothing, the upsert collides.
        with contextlib.suppress(DuplicateKeyError):
            await self.model.get_pymongo_collection().update_one(
                {"conversation_id": conversation_id, "as_of": {"$lt": as_of}},
                {"$set": {"member_ids": member_ids, "as_of": as_of}},
                upsert=True,
            )

    async def readable_among(self, conversation_ids: list[str], user_id: str) -> set[str]:
        """Those of the conversations `user_id` is a member of, in one query."""
        found = await self.model.find(
            {"conversation_id": {"$in": conversation_ids}, "member_ids": user_id}
        ).to_list()
        return {row.conversation_id for row in found}
