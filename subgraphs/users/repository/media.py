"""The users subgraph's projection of completed media (from the media subgraph's events)."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Repository
from subgraphs.users.models import CompletedMedia


class CompletedMediaRepository(Repository[CompletedMedia]):
    model = CompletedMedia

    async def record(self, media_id: str, owner_id: str, purpose: str) -> None:
        """Idempotent: a redelivered event writes the same row again."""
        await self.model.get_pymongo_collection().update_one(
            {"media_id": media_id},
            {"$set": {"owner_id": owner_id, "purpose": purpose}},
            upsert=True,
        )

    async def find(self, media_id: str) -> CompletedMedia | None:
        found: CompletedMedia | None = await self.model.find_one({"media_id": media_id})
        return found

    async def forget_owner(
        self, owner_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"owner_id": owner_id}, session=session)
