"""Local copies of other subgraphs' facts, kept from their events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common.repository import Repository
from subgraphs.goals.models import ErasedUserDoc, FollowDoc, UserProfileDoc
from subgraphs.goals.repository._raw import Session, collection


async def _upsert_if_newer(
    model: type[Any], key: dict[str, Any], fields: dict[str, Any], session: Session
) -> bool:
    """Write unless a newer event already did: redelivered or reordered events change nothing.

    No upsert on `{key, as_of < new}`: when a newer row exists that upsert is a
    duplicate key, which would abort the consumer's transaction.
    """
    coll = collection(model)
    result = await coll.update_one(
        {**key, "as_of": {"$lt": fields["as_of"]}}, {"$set": fields}, session=session
    )
    if result.matched_count:
        return True
    if await coll.find_one(key, {"_id": 1}, session=session) is not None:
        return False  # the row exists and is at least as new
    await coll.insert_one({**key, **fields}, session=session)
    return True


class ProfileRepository(Repository[UserProfileDoc]):
    model = UserProfileDoc

    async def record(
        self,
        user_id: str,
        *,
        timezone: str,
        life_areas: dict[str, int] | None,
        as_of: datetime,
        session: Session = None,
    ) -> bool:
        fields: dict[str, Any] = {"timezone": timezone, "as_of": as_of}
        if life_areas is not None:
            fields["life_areas"] = life_areas
        return await _upsert_if_newer(UserProfileDoc, {"user_id": user_id}, fields, session)

    async def for_user(self, user_id: str) -> UserProfileDoc | None:
        return await UserProfileDoc.find_one({"user_id": user_id})

    async def delete_owner(self, user_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"user_id": user_id}, session=session)


class FollowRepository(Repository[FollowDoc]):
    model = FollowDoc

    async def record(
        self,
        follower_id: str,
        followee_id: str,
        *,
        active: bool,
        as_of: datetime,
        session: Session = None,
    ) -> bool:
        return await _upsert_if_newer(
            FollowDoc,
            {"follower_id": follower_id, "followee_id": followee_id},
            {"active": active, "as_of": as_of},
            session,
        )

    async def follows(self, follower_id: str, followee_id: str) -> bool:
        row = await FollowDoc.find_one(
            {"follower_id": follower_id, "followee_id": followee_id, "active": True}
        )
        return row is not None

    async def followed_among(self, follower_id: str, owner_ids: list[str]) -> set[str]:
        rows = await FollowDoc.find(
            {"follower_id": follower_id, "followee_id": {"$in": owner_ids}, "active": True}
        ).to_list()
        return {r.followee_id for r in rows}

    async def delete_user(self, user_id: str, *, session: Session = None) -> int:
        return await self.delete_where(
            {"$or": [{"follower_id": user_id}, {"followee_id": user_id}]}, session=session
        )


class ErasedRepository(Repository[ErasedUserDoc]):
    model = ErasedUserDoc

    async def mark(self, user_id: str, *, session: Session = None) -> None:
        await collection(ErasedUserDoc).update_one(
            {"user_id": user_id},
            {"$setOnInsert": {"user_id": user_id}},
            upsert=True,
            session=session,
        )

    async def is_erased(self, user_id: str, *, session: Session = None) -> bool:
        return await ErasedUserDoc.find_one({"user_id": user_id}, session=session) is not None
