"""Pending phone verifications: one per member, replaced by a new code."""

from __future__ import annotations

from pymongo import ReturnDocument

from common.repository import Repository
from subgraphs.users.models import PhoneVerification


class PhoneVerificationRepository(Repository[PhoneVerification]):
    model = PhoneVerification

    async def replace(self, row: PhoneVerification) -> None:
        await PhoneVerification.get_pymongo_collection().replace_one(
            {"user_id": row.user_id}, row.model_dump(exclude={"id"}), upsert=True
        )

    async def find(self, user_id: str) -> PhoneVerification | None:
        return await PhoneVerification.find_one({"user_id": user_id})

    async def count_attempt(self, user_id: str) -> PhoneVerification | None:
        """One more guess on the member's pending code; the row after it."""
        raw = await PhoneVerification.get_pymongo_collection().find_one_and_update(
            {"user_id": user_id},
            {"$inc": {"attempts": 1}},
            return_document=ReturnDocument.AFTER,
        )
        return PhoneVerification.model_validate(raw) if raw else None

    async def remove(self, user_id: str) -> None:
        await self.delete_where({"user_id": user_id})
