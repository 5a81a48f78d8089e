"""Follows, blocks and the profile projection with its social counters."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.projections import apply_if_newer
from common.repository import Page, PageRequest
from subgraphs.community.models import Block, Follow, Privacy, Profile
from subgraphs.community.repository.base import CommunityRepository, Session


class FollowRepository(CommunityRepository[Follow]):
    model = Follow

    async def add(self, follower_id: str, followee_id: str, *, session: Session = None) -> bool:
        key = {"follower_id": follower_id, "followee_id": followee_id}
        if await self.collection().find_one(key, {"_id": 1}, session=session) is not None:
            return False
        try:
            await Follow(**key).insert(session=session)
        except DuplicateKeyError:
            if session is not None:
                raise  # the transaction is aborted; the unit of work re-runs
            return False
        return True

    async def remove(self, follower_id: str, followee_id: str, *, session: Session = None) -> bool:
        result = await self.collection().delete_one(
            {"follower_id": follower_id, "followee_id": followee_id}, session=session
        )
        return result.deleted_count == 1

    async def following_ids(
        self, follower_id: str, *, limit: int, session: Session = None
    ) -> list[str]:
        cursor = self.collection().find(
            {"follower_id": follower_id}, {"followee_id": 1}, limit=limit, session=session
        )
        return [row["followee_id"] async for row in cursor]

    async def follower_ids(self, followee_id: str, *, session: Session = None) -> list[str]:
        cursor = self.collection().find(
            {"followee_id": followee_id}, {"follower_id": 1}, session=session
        )
        return [row["follower_id"] async for row in cursor]

    async def circle(
        self, user_id: str, *, max_following: int, max_blocks: int
    ) -> tuple[list[str], set[str]]:
        """Who `user_id` follows and who they block or are blocked by, in one round trip.

        Every signed-in community request needs both: one aggregate with `$unionWith`
        on the blocks is one database command where two finds were two, each on the
        same indexes as `following_ids` and the blocks' two ids.
        """
        either_way = {"$or": [{"blocker_id": user_id}, {"blocked_id": user_id}]}
        pipeline: list[dict[str, Any]] = [
            {"$match": {"follower_id": user_id}},
            {"$limit": max_following},
            {"$project": {"_id": 0, "followee_id": 1}},
            {
                "$unionWith": {
                    "coll": Block.get_collection_name(),
                    "pipeline": [
                        {"$match": either_way},
                        {"$limit": max_blocks},
                        {"$project": {"_id": 0, "blocker_id": 1, "blocked_id": 1}},
                    ],
                }
            },
        ]
        # One batch holds both capped lists: no getMore round trips.
        cursor = await self.collection().aggregate(pipeline, batchSize=max_following + max_blocks)
        following: list[str] = []
        hidden: set[str] = set()
        async for row in cursor:
            if "followee_id" in row:
                following.append(row["followee_id"])
            else:
                blocker = row["blocker_id"]
                hidden.add(row["blocked_id"] if blocker == user_id else blocker)
        return following, hidden

    async def followed_among(self, follower_id: str, followee_ids: Iterable[str]) -> set[str]:
        cursor = self.collection().find(
            {"follower_id": follower_id, "followee_id": {"$in": list(followee_ids)}},
            {"followee_id": 1},
        )
        return {row["followee_id"] async for row in cursor}

    async def page_followers(
        self, user_id: str, request: PageRequest, *, hidden: Iterable[str]
    ) -> Page[Follow]:
        return await self.page(
            {"followee_id": user_id, "follower_id": {"$nin": list(hidden)}}, request
        )

    async def page_following(
        self, user_id: str, request: PageRequest, *, hidden: Iterable[str]
    ) -> Page[Follow]:
        return await self.page(
            {"follower_id": user_id, "followee_id": {"$nin": list(hidden)}}, request
        )


class BlockRepository(CommunityRepository[Block]):
    model = Block

    async def add(self, blocker_id: str, blocked_id: str, *, session: Session = None) -> bool:
        key = {"blocker_id": blocker_id, "blocked_id": blocked_id}
        if await self.collection().find_one(key, {"_id": 1}, session=session) is not None:
            return False
        try:
            await Block(**key).insert(session=session)
        except DuplicateKeyError:
            if session is not None:
                raise
            return False
        return True

    async def remove(self, blocker_id: str, blocked_id: str, *, session: Session = None) -> bool:
        result = await self.collection().delete_one(
            {"blocker_id": blocker_id, "blocked_id": blocked_id}, session=session
        )
        return result.deleted_count == 1

    async def between(self, a: str, b: str, *, session: Session = None) -> bool:
        found = await self.collection().find_one(
            {
                "$or": [
                    {"blocker_id": a, "blocked_id": b},
                    {"blocker_id": b, "blocked_id": a},
                ]
            },
            {"_id": 1},
            session=session,
        )
        return found is not None

    async def page_blocked_by(self, user_id: str, request: PageRequest) -> Page[Block]:
        return await self.page({"blocker_id": user_id}, request)

    async def delete_involving(self, user_id: str, *, session: Session = None) -> int:
        return await self.delete_where(
            {"$or": [{"blocker_id": user_id}, {"blocked_id": user_id}]}, session=session
        )


class ProfileRepository(CommunityRepository[Profile]):
    model = Profile

    async def by_user(self, user_id: str, *, session: Session = None) -> Profile | None:
        row = await self.collection().find_one({"user_id": user_id}, session=session)
        return self.parse(row)

    async def by_users(self, user_ids: Iterable[str]) -> dict[str, Profile]:
        found = await Profile.find({"user_id": {"$in": list(user_ids)}}).to_list()
        return {p.user_id: p for p in found}

    async def lock(self, user_id: str, *, session: Session = None) -> Profile:
        """Write the user's profile (creating it if unknown) and return it.

        Every transaction that writes on a user's behalf, or that must not race
        with one (erasure, blocks, privacy changes), starts with this: the
        common write turns a would-be write skew into a retried conflict.
        """
        row = await self.collection().find_one_and_update(
            {"user_id": user_id},
            {"$inc": {"write_seq": 1}, "$setOnInsert": _new_profile_defaults({"write_seq": 1})},
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        profile: Profile = Profile.model_validate(row)
        return profile

    async def claim(self, user_ids: Iterable[str], *, session: Session) -> None:
        """Write every existing profile of `user_ids` in one statement (unknown ids create nothing).

        A transaction aborts when a profile it writes was written by another
        transaction still open, or committed since its snapshot, which pins at its
        first statement. Claiming every profile it will write as that first
        statement leaves no window between the two writes: around a ring of
        follows (each writing follower and followee) transactions otherwise abort
        each other on their second profile, again and again.
        """
        await self.collection().update_many(
            {"user_id": {"$in": sorted(set(user_ids))}},
            {"$inc": {"write_seq": 1}},
            session=session,
        )

    async def apply_sync(
        self, user_id: str, at: datetime, fields: dict[str, Any], *, session: Session = None
    ) -> bool:
        """Apply a users event unless a newer one was applied or the user is deleted."""
        return await apply_if_newer(
            self.collection(),
            {"user_id": user_id},
            fields,
            at=at,
            stamp="synced_at",
            tombstone="deleted",
            defaults=_new_profile_defaults(fields),
            # Like every write about a user, it conflicts with their concurrent writes.
            also={"$inc": {"write_seq": 1}},
            session=session,
        )

    async def bump(
        self, user_id: str, *, followers: int = 0, following: int = 0, session: Session = None
    ) -> None:
        await self.collection().update_one(
            {"user_id": user_id},
            {
                "$inc": {"follower_count": followers, "following_count": following},
                "$setOnInsert": _new_profile_defaults({}, counters=False),
            },
            upsert=True,
            session=session,
        )

    async def warn(self, user_id: str, *, session: Session = None) -> None:
        await self.collection().update_one(
            {"user_id": user_id}, {"$inc": {"warning_count": 1}}, session=session
        )

    async def tombstone(self, user_id: str, *, session: Session = None) -> None:
        await self.collection().update_one(
            {"user_id": user_id},
            {
                "$set": {
                    "deleted": True,
                    "display_name": "",
                    "search_terms": [],
                    "follower_count": 0,
                    "following_count": 0,
                },
                "$inc": {"write_seq": 1},
            },
            upsert=True,
            session=session,
        )

    async def search(
        self, terms: list[str], request: PageRequest, *, hidden: Iterable[str]
    ) -> Page[Profile]:
        return await self.page(
            {
                "search_terms": {"$all": terms},
                "privacy": Privacy.PUBLIC,
                "deleted": False,
                "user_id": {"$nin": list(hidden)},
            },
            request,
        )


def _new_profile_defaults(fields: dict[str, Any], *, counters: bool = True) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "display_name": "",
        "privacy": Privacy.PUBLIC,
        "search_terms": [],
        "warning_count": 0,
        "deleted": False,
        "synced_at": None,
        "write_seq": 0,
    }
    if counters:
        defaults |= {"follower_count": 0, "following_count": 0}
    return {k: v for k, v in defaults.items() if k not in fields}
