"""Follows, blocks and the profile projection with its social counters."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pymongo.errors import DuplicateKeyError

from common.repository import Page, PageRequest, Repository
from subgraphs.community.models import Block, Follow, Privacy, Profile


class FollowRepository(Repository[Follow]):
    model = Follow

    async def add(self, follower_id: str, followee_id: str) -> bool:
        try:
            await Follow(follower_id=follower_id, followee_id=followee_id).insert()
        except DuplicateKeyError:
            return False
        return True

    async def remove(self, follower_id: str, followee_id: str) -> bool:
        result = await Follow.get_pymongo_collection().delete_one(
            {"follower_id": follower_id, "followee_id": followee_id}
        )
        return result.deleted_count == 1

    async def following_ids(self, follower_id: str, *, limit: int) -> list[str]:
        cursor = Follow.get_pymongo_collection().find(
            {"follower_id": follower_id}, {"followee_id": 1}, limit=limit
        )
        return [row["followee_id"] async for row in cursor]

    async def follower_ids(self, followee_id: str) -> list[str]:
        cursor = Follow.get_pymongo_collection().find(
            {"followee_id": followee_id}, {"follower_id": 1}
        )
        return [row["follower_id"] async for row in cursor]

    async def followed_among(self, follower_id: str, followee_ids: Iterable[str]) -> set[str]:
        cursor = Follow.get_pymongo_collection().find(
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


class BlockRepository(Repository[Block]):
    model = Block

    async def add(self, blocker_id: str, blocked_id: str) -> bool:
        try:
            await Block(blocker_id=blocker_id, blocked_id=blocked_id).insert()
        except DuplicateKeyError:
            return False
        return True

    async def remove(self, blocker_id: str, blocked_id: str) -> bool:
        result = await Block.get_pymongo_collection().delete_one(
            {"blocker_id": blocker_id, "blocked_id": blocked_id}
        )
        return result.deleted_count == 1

    async def either_way(self, user_id: str, *, limit: int) -> set[str]:
        """Everyone this user blocked or was blocked by: each hides from the other."""
        cursor = Block.get_pymongo_collection().find(
            {"$or": [{"blocker_id": user_id}, {"blocked_id": user_id}]}, limit=limit
        )
        return {
            row["blocked_id"] if row["blocker_id"] == user_id else row["blocker_id"]
            async for row in cursor
        }

    async def between(self, a: str, b: str) -> bool:
        found = await Block.get_pymongo_collection().find_one(
            {
                "$or": [
                    {"blocker_id": a, "blocked_id": b},
                    {"blocker_id": b, "blocked_id": a},
                ]
            }
        )
        return found is not None

    async def page_blocked_by(self, user_id: str, request: PageRequest) -> Page[Block]:
        return await self.page({"blocker_id": user_id}, request)

    async def delete_involving(self, user_id: str) -> int:
        return await self.delete_where({"$or": [{"blocker_id": user_id}, {"blocked_id": user_id}]})


class ProfileRepository(Repository[Profile]):
    model = Profile

    async def by_user(self, user_id: str) -> Profile | None:
        found: Profile | None = await Profile.find_one({"user_id": user_id})
        return found

    async def by_users(self, user_ids: Iterable[str]) -> dict[str, Profile]:
        found = await Profile.find({"user_id": {"$in": list(user_ids)}}).to_list()
        return {p.user_id: p for p in found}

    async def apply_sync(self, user_id: str, at: datetime, fields: dict[str, Any]) -> bool:
        """Apply a users event unless a newer one was applied or the user is deleted."""
        try:
            result = await Profile.get_pymongo_collection().update_one(
                {
                    "user_id": user_id,
                    "deleted": False,
                    "$or": [{"synced_at": None}, {"synced_at": {"$lt": at}}],
                },
                {
                    "$set": {**fields, "synced_at": at},
                    # `deleted: False` is seeded from the query on insert.
                    "$setOnInsert": {
                        k: v for k, v in _new_profile_defaults(fields).items() if k != "deleted"
                    },
                },
                upsert=True,
            )
        except DuplicateKeyError:
            # The profile exists but is newer or a tombstone: this event is stale.
            return False
        return result.modified_count == 1 or result.upserted_id is not None

    async def bump(self, user_id: str, *, followers: int = 0, following: int = 0) -> None:
        await Profile.get_pymongo_collection().update_one(
            {"user_id": user_id},
            {
                "$inc": {"follower_count": followers, "following_count": following},
                "$setOnInsert": _new_profile_defaults({}, counters=False),
            },
            upsert=True,
        )

    async def warn(self, user_id: str) -> None:
        await Profile.get_pymongo_collection().update_one(
            {"user_id": user_id}, {"$inc": {"warning_count": 1}}
        )

    async def tombstone(self, user_id: str) -> None:
        await Profile.get_pymongo_collection().update_one(
            {"user_id": user_id},
            {
                "$set": {
                    "deleted": True,
                    "display_name": "",
                    "search_terms": [],
                    "follower_count": 0,
                    "following_count": 0,
                }
            },
            upsert=True,
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
    }
    if counters:
        defaults |= {"follower_count": 0, "following_count": 0}
    else:
        defaults |= {"synced_at": None}
    return {k: v for k, v in defaults.items() if k not in fields}
