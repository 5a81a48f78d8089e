"""Single-use, expiring tokens mailed for password resets and email verification."""

from __future__ import annotations

from datetime import datetime

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Repository
from subgraphs.users.models import OneTimeToken, TokenPurpose


class OneTimeTokenRepository(Repository[OneTimeToken]):
    model = OneTimeToken

    async def consume(
        self,
        token_hash: str,
        purpose: TokenPurpose,
        *,
        at: datetime,
        session: AsyncClientSession | None = None,
    ) -> OneTimeToken | None:
        """Use an unused, unexpired token exactly once."""
        raw = await OneTimeToken.get_pymongo_collection().find_one_and_update(
            {
                "token_hash": token_hash,
                "purpose": purpose.value,
                "used_at": None,
                "expires_at": {"$gt": at},
            },
            {"$set": {"used_at": at}},
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        return OneTimeToken.model_validate(raw) if raw else None

    async def usable(self, token_hash: str, purpose: TokenPurpose, *, at: datetime) -> bool:
        found = await OneTimeToken.get_pymongo_collection().find_one(
            {
                "token_hash": token_hash,
                "purpose": purpose.value,
                "used_at": None,
                "expires_at": {"$gt": at},
            },
            projection={"_id": 1},
        )
        return found is not None

    async def expire_outstanding(
        self, user_id: str, purpose: TokenPurpose, *, at: datetime
    ) -> None:
        # Only the newest link works: an old mail lying around is no way in.
        await OneTimeToken.get_pymongo_collection().update_many(
            {"user_id": user_id, "purpose": purpose.value, "used_at": None},
            {"$set": {"used_at": at}},
        )

    async def delete_for_user(
        self, user_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
