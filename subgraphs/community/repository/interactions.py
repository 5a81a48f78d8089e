"""Comments, likes and saves: the rows whose existence the post counters mirror."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pymongo.errors import DuplicateKeyError

from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.community.models import Comment, ContentStatus, Like, Save


class CommentRepository(Repository[Comment]):
    model = Comment

    async def page_for(self, query: Mapping[str, Any], request: PageRequest) -> Page[Comment]:
        # Conversations read oldest first.
        return await self.page(query, request, descending=False)

    async def update_fields(self, comment_id: str, fields: Mapping[str, Any]) -> Comment | None:
        oid = parse_object_id(comment_id)
        if oid is None:
            return None
        await Comment.get_pymongo_collection().update_one({"_id": oid}, {"$set": dict(fields)})
        return await self.get(comment_id)

    async def set_status(self, comment_id: str, status: ContentStatus) -> bool:
        oid = parse_object_id(comment_id)
        if oid is None:
            return False
        result = await Comment.get_pymongo_collection().update_one(
            {"_id": oid, "status": {"$ne": status}}, {"$set": {"status": status}}
        )
        return result.modified_count == 1

    async def delete_by_id(self, comment_id: str) -> bool:
        oid = parse_object_id(comment_id)
        if oid is None:
            return False
        result = await Comment.get_pymongo_collection().delete_one({"_id": oid})
        return result.deleted_count == 1

    async def delete_replies(self, parent_id: str) -> int:
        return await self.delete_where({"parent_id": parent_id})

    async def delete_for_posts(self, post_ids: list[str]) -> int:
        return await self.delete_where({"post_id": {"$in": post_ids}})

    async def by_author(self, author_id: str) -> list[Comment]:
        found: list[Comment] = await Comment.find({"author_id": author_id}).to_list()
        return found


class LikeRepository(Repository[Like]):
    model = Like

    async def add(self, post_id: str, user_id: str) -> bool:
        """True only when this call created the like: the counter moves on that alone."""
        try:
            await Like(post_id=post_id, user_id=user_id).insert()
        except DuplicateKeyError:
            return False
        return True

    async def remove(self, post_id: str, user_id: str) -> bool:
        result = await Like.get_pymongo_collection().delete_one(
            {"post_id": post_id, "user_id": user_id}
        )
        return result.deleted_count == 1

    async def liked_among(self, user_id: str, post_ids: Iterable[str]) -> set[str]:
        cursor = Like.get_pymongo_collection().find(
            {"user_id": user_id, "post_id": {"$in": list(post_ids)}}, {"post_id": 1}
        )
        return {row["post_id"] async for row in cursor}

    async def count_for(self, post_id: str) -> int:
        return await Like.get_pymongo_collection().count_documents({"post_id": post_id})

    async def post_ids_liked_by(self, user_id: str) -> list[str]:
        cursor = Like.get_pymongo_collection().find({"user_id": user_id}, {"post_id": 1})
        return [row["post_id"] async for row in cursor]

    async def delete_for_posts(self, post_ids: list[str]) -> int:
        return await self.delete_where({"post_id": {"$in": post_ids}})


class SaveRepository(Repository[Save]):
    model = Save

    async def add(self, post_id: str, user_id: str) -> None:
        try:
            await Save(post_id=post_id, user_id=user_id).insert()
        except DuplicateKeyError:
            return

    async def remove(self, post_id: str, user_id: str) -> None:
        await self.delete_where({"post_id": post_id, "user_id": user_id})

    async def page_for_user(self, user_id: str, request: PageRequest) -> Page[Save]:
        return await self.page({"user_id": user_id}, request)

    async def saved_among(self, user_id: str, post_ids: Iterable[str]) -> set[str]:
        cursor = Save.get_pymongo_collection().find(
            {"user_id": user_id, "post_id": {"$in": list(post_ids)}}, {"post_id": 1}
        )
        return {row["post_id"] async for row in cursor}

    async def delete_for_posts(self, post_ids: list[str]) -> int:
        return await self.delete_where({"post_id": {"$in": post_ids}})

    async def delete_for_user(self, user_id: str) -> int:
        return await self.delete_where({"user_id": user_id})
