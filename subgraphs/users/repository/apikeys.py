"""API keys: lookup by secret hash, listing, revocation."""

from __future__ import annotations

from datetime import datetime

from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.users.models import ApiKey


class ApiKeyRepository(Repository[ApiKey]):
    model = ApiKey

    async def active_by_hash(self, token_hash: str) -> ApiKey | None:
        return await ApiKey.find_one({"token_hash": token_hash, "revoked_at": None})

    async def count_active(self, user_id: str) -> int:
        return await ApiKey.find({"user_id": user_id, "revoked_at": None}).count()

    async def list_page(self, user_id: str, request: PageRequest) -> Page[ApiKey]:
        return await self.page({"user_id": user_id}, request, sort_field="_id", descending=True)

    async def revoke(self, key_id: str, user_id: str, *, at: datetime) -> ApiKey | None:
        """Revoke the member's key (kept for the record); None if they have no such key."""
        oid = parse_object_id(key_id)
        if oid is None:
            return None
        owned = {"_id": oid, "user_id": user_id}
        await ApiKey.get_pymongo_collection().update_one(
            {**owned, "revoked_at": None}, {"$set": {"revoked_at": at}}
        )
        raw = await ApiKey.get_pymongo_collection().find_one(owned)
        return ApiKey.model_validate(raw) if raw else None

    async def revoke_all(
        self, user_id: str, *, at: datetime, session: AsyncClientSession | None = None
    ) -> None:
        await ApiKey.get_pymongo_collection().update_many(
            {"user_id": user_id, "revoked_at": None}, {"$set": {"revoked_at": at}}, session=session
        )

    async def touch(self, key_id: str, *, at: datetime) -> None:
        oid = parse_object_id(key_id)
        await ApiKey.get_pymongo_collection().update_one(
            {"_id": oid}, {"$set": {"last_used_at": at}}
        )

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
