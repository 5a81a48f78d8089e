"""Local copies of other subgraphs' facts, kept from their events (`common.projections`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common.projections import apply_if_newer
from common.repository import Repository
from subgraphs.goals.models import ErasedUserDoc, FollowDoc, UserProfileDoc
from subgraphs.goals.repository._raw import Session, collection


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
        fields: dict[str, Any] = {"timezone": timezone}
        if life_areas is not None:
            fields["life_areas"] = life_areas
        return await apply_if_newer(
            collection(UserProfileDoc), {"user_id": user_id}, fields, at=as_of, session=session
        )

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
        return await apply_if_newer(
            collection(FollowDoc),
            {"follower_id": follower_id, "followee_id": followee_id},
            {"active": active},
            at=as_of,
            session=session,
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
