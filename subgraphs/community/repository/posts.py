"""Posts: feeds, counters and status changes. Every feed page is one keyset query."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.community.models import ContentStatus, Post, Privacy

# Trending score = age_base + log10(1 + likes + 2 * comments), recomputed by the
# server from the stored counters so concurrent writers cannot leave it stale.
_RESCORE: list[dict[str, Any]] = [
    {
        "$set": {
            "hot_score": {
                "$add": [
                    "$age_base",
                    {
                        "$log10": {
                            "$add": [
                                1,
                                {"$max": [0, "$like_count"]},
                                {"$multiply": [2, {"$max": [0, "$comment_count"]}]},
                            ]
                        }
                    },
                ]
            }
        }
    }
]


class PostRepository(Repository[Post]):
    model = Post

    async def page_where(
        self, query: Mapping[str, Any], request: PageRequest, *, sort_field: str = "_id"
    ) -> Page[Post]:
        return await self.page(query, request, sort_field=sort_field, descending=True)

    async def bump(self, post_id: str, *, likes: int = 0, comments: int = 0) -> None:
        oid = parse_object_id(post_id)
        if oid is None or not (likes or comments):
            return
        collection = Post.get_pymongo_collection()
        await collection.update_one(
            {"_id": oid}, {"$inc": {"like_count": likes, "comment_count": comments}}
        )
        await collection.update_one({"_id": oid}, _RESCORE)

    async def update_content(self, post_id: str, fields: Mapping[str, Any]) -> Post | None:
        oid = parse_object_id(post_id)
        if oid is None:
            return None
        await Post.get_pymongo_collection().update_one({"_id": oid}, {"$set": dict(fields)})
        return await self.get(post_id)

    async def set_status(
        self, post_id: str, status: ContentStatus, *, only_from: list[ContentStatus] | None = None
    ) -> bool:
        """True when this call changed the status (guards one-off side effects)."""
        oid = parse_object_id(post_id)
        if oid is None:
            return False
        query: dict[str, Any] = {"_id": oid, "status": {"$ne": status}}
        if only_from is not None:
            query["status"] = {"$in": list(only_from)}
        result = await Post.get_pymongo_collection().update_one(query, {"$set": {"status": status}})
        return result.modified_count == 1

    async def set_author_privacy(self, author_id: str, privacy: Privacy) -> None:
        await Post.get_pymongo_collection().update_many(
            {"author_id": author_id, "author_privacy": {"$ne": privacy}},
            {"$set": {"author_privacy": privacy}},
        )

    async def ids_by_author(self, author_id: str) -> list[str]:
        cursor = Post.get_pymongo_collection().find({"author_id": author_id}, {"_id": 1})
        return [str(row["_id"]) async for row in cursor]

    async def delete_by_id(self, post_id: str) -> bool:
        oid = parse_object_id(post_id)
        if oid is None:
            return False
        result = await Post.get_pymongo_collection().delete_one({"_id": oid})
        return result.deleted_count == 1
