"""Comments, likes and saves: the rows whose existence the post counters mirror.

Inside a transaction a row is looked for before it is inserted: a duplicate key
would abort the whole transaction, while a row committed by someone else after
our snapshot began makes the insert a write conflict, and the unit of work is
re-run (and then finds the row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.repository import Page, PageRequest, parse_object_id
from subgraphs.community.models import Comment, ContentStatus, Like, Save, utc_now
from subgraphs.community.repository.base import CommunityRepository, Session


class CommentRepository(CommunityRepository[Comment]):
    model = Comment

    async def page_for(self, query: Mapping[str, Any], request: PageRequest) -> Page[Comment]:
        # Conversations read oldest first.
        return await self.page(query, request, descending=False)

    async def update_fields(
        self, comment_id: str, fields: Mapping[str, Any], *, session: Session = None
    ) -> Comment | None:
        return await self.set_fields(comment_id, fields, session=session)

    async def set_status(
        self, comment_id: str, status: ContentStatus, *, session: Session = None
    ) -> Comment | None:
        """The comment as it was before; None if there is no such comment."""
        return await self.set_fields(comment_id, {"status": status}, before=True, session=session)

    async def touch_thread(self, root_id: str, *, session: Session = None) -> Comment | None:
        """Write the top-level comment of a thread whose replies change; it, or None if gone."""
        oid = parse_object_id(root_id)
        if oid is None:
            return None
        row = await self.collection().find_one_and_update(
            {"_id": oid},
            {"$set": {"thread_touched_at": utc_now()}},
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        return self.parse(row)

    async def published_replies(self, root_id: str, *, session: Session = None) -> int:
        return await self.collection().count_documents(
            {"parent_id": root_id, "status": ContentStatus.PUBLISHED}, session=session
        )

    async def delete_by_id(self, comment_id: str, *, session: Session = None) -> bool:
        oid = parse_object_id(comment_id)
        if oid is None:
            return False
        result = await self.collection().delete_one({"_id": oid}, session=session)
        return result.deleted_count == 1

    async def delete_replies(self, parent_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"parent_id": parent_id}, session=session)

    async def delete_for_posts(self, post_ids: list[str], *, session: Session = None) -> int:
        return await self.delete_where({"post_id": {"$in": post_ids}}, session=session)

    async def by_author(self, author_id: str, *, session: Session = None) -> list[Comment]:
        cursor = self.collection().find({"author_id": author_id}, session=session)
        return [Comment.model_validate(row) async for row in cursor]


class LikeRepository(CommunityRepository[Like]):
    model = Like

    async def add(self, post_id: str, user_id: str, *, session: Session = None) -> bool:
        """True only when this call created the like: the counter moves on that alone."""
        key = {"post_id": post_id, "user_id": user_id}
        if await self.collection().find_one(key, {"_id": 1}, session=session) is not None:
            return False
        return await _insert_new(Like(post_id=post_id, user_id=user_id), session)

    async def remove(self, post_id: str, user_id: str, *, session: Session = None) -> bool:
        result = await self.collection().delete_one(
            {"post_id": post_id, "user_id": user_id}, session=session
        )
        return result.deleted_count == 1

    async def liked_among(self, user_id: str, post_ids: Iterable[str]) -> set[str]:
        cursor = self.collection().find(
            {"user_id": user_id, "post_id": {"$in": list(post_ids)}}, {"post_id": 1}
        )
        return {row["post_id"] async for row in cursor}

    async def post_ids_liked_by(self, user_id: str, *, session: Session = None) -> list[str]:
        cursor = self.collection().find({"user_id": user_id}, {"post_id": 1}, session=session)
        return [row["post_id"] async for row in cursor]

    async def delete_for_posts(self, post_ids: list[str], *, session: Session = None) -> int:
        return await self.delete_where({"post_id": {"$in": post_ids}}, session=session)


class SaveRepository(CommunityRepository[Save]):
    model = Save

    async def add(self, post_id: str, user_id: str, *, session: Session = None) -> bool:
        key = {"user_id": user_id, "post_id": post_id}
        if await self.collection().find_one(key, {"_id": 1}, session=session) is not None:
            return False
        return await _insert_new(Save(post_id=post_id, user_id=user_id), session)

    async def remove(self, post_id: str, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"post_id": post_id, "user_id": user_id}, session=session)

    async def page_for_user(self, user_id: str, request: PageRequest) -> Page[Save]:
        return await self.page({"user_id": user_id}, request)

    async def saved_among(self, user_id: str, post_ids: Iterable[str]) -> set[str]:
        cursor = self.collection().find(
            {"user_id": user_id, "post_id": {"$in": list(post_ids)}}, {"post_id": 1}
        )
        return {row["post_id"] async for row in cursor}

    async def delete_for_posts(self, post_ids: list[str], *, session: Session = None) -> int:
        return await self.delete_where({"post_id": {"$in": post_ids}}, session=session)

    async def delete_for_user(self, user_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"user_id": user_id}, session=session)


async def _insert_new(doc: Like | Save, session: Session) -> bool:
    try:
        await doc.insert(session=session)
    except DuplicateKeyError:
        if session is not None:
            raise  # the transaction is aborted server-side; the unit of work re-runs
        return False
    return True
