"""Sign-in sessions: refresh-token families and the refresh tokens rotated within them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Repository, parse_object_id
from subgraphs.users.models import RefreshFamily, RefreshToken


class RefreshFamilyRepository(Repository[RefreshFamily]):
    model = RefreshFamily

    async def revoke(self, family_id: str, *, at: datetime, reason: str) -> None:
        oid = parse_object_id(family_id)
        await RefreshFamily.get_pymongo_collection().update_one(
            {"_id": oid, "revoked_at": None},
            {"$set": {"revoked_at": at, "revoked_reason": reason}},
        )

    async def revoke_all(
        self,
        user_id: str,
        *,
        at: datetime,
        reason: str,
        keep: str | None = None,
        session: AsyncClientSession | None = None,
    ) -> int:
        query: dict[str, Any] = {"user_id": user_id, "revoked_at": None}
        kept = parse_object_id(keep) if keep else None
        if kept is not None:
            query["_id"] = {"$ne": kept}
        result = await RefreshFamily.get_pymongo_collection().update_many(
            query, {"$set": {"revoked_at": at, "revoked_reason": reason}}, session=session
        )
        return result.modified_count

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class RefreshTokenRepository(Repository[RefreshToken]):
    model = RefreshToken

    async def claim(self, token_hash: str, *, at: datetime, successor: str) -> RefreshToken | None:
        """Mark an unrotated token as rotated by `successor` and return it; None if unknown
        or already rotated.

        One atomic update, so two concurrent refreshes with one token cannot both win, and
        whoever sees the token rotated sees its successor with it.
        """
        raw = await RefreshToken.get_pymongo_collection().find_one_and_update(
            {"token_hash": token_hash, "rotated_at": None},
            {"$set": {"rotated_at": at, "successor": successor}},
            return_document=ReturnDocument.AFTER,
        )
        return RefreshToken.model_validate(raw) if raw else None

    async def by_hash(self, token_hash: str) -> RefreshToken | None:
        return await RefreshToken.find_one({"token_hash": token_hash})

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
