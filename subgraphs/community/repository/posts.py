"""Posts: feeds, counters and status changes. Every feed page is one keyset query."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pymongo import ReturnDocument

from common.repository import Page, PageRequest, parse_object_id
from subgraphs.community.models import ContentStatus, Post, Privacy, utc_now
from subgraphs.community.repository.base import CommunityRepository, Session


def _counted(field: str, delta: int) -> dict[str, Any]:
    return {"$add": [{"$ifNull": [f"${field}", 0]}, delta]}


# Trending score = age_base + log10(1 + likes + 2 * comments), recomputed by the
# server from the stored counters in the same update that moves them.
_RESCORE: dict[str, Any] = {
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


class PostRepository(CommunityRepository[Post]):
    model = Post

    async def page_where(
        self, query: Mapping[str, Any], request: PageRequest, *, sort_field: str = "_id"
    ) -> Page[Post]:
        return await self.page(query, request, sort_field=sort_field, descending=True)

    async def bump(
        self, post_id: str, *, likes: int = 0, comments: int = 0, session: Session = None
    ) -> Post | None:
        """Move the counters (and the score) and mark activity; the post after, None if gone.

        Always a real write, even with zero deltas: it is what makes a like,
        comment or save conflict with a concurrent delete of the post.
        """
        oid = parse_object_id(post_id)
        if oid is None:
            return None
        row = await self.collection().find_one_and_update(
            {"_id": oid},
            [
                {
                    "$set": {
                        "like_count": _counted("like_count", likes),
                        "comment_count": _counted("comment_count", comments),
                        "activity_at": utc_now(),
                    }
                },
                _RESCORE,
            ],
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        return self.parse(row)

    async def update_content(
        self, post_id: str, fields: Mapping[str, Any], *, session: Session = None
    ) -> Post | None:
        return await self.set_fields(post_id, fields, session=session)

    async def set_status(
        self, post_id: str, status: ContentStatus, *, session: Session = None
    ) -> Post | None:
        """The post as it was before; None if there is no such post."""
        return await self.set_fields(post_id, {"status": status}, before=True, session=session)

    async def set_author_privacy(
        self, author_id: str, privacy: Privacy, *, session: Session = None
    ) -> None:
        await self.collection().update_many(
            {"author_id": author_id, "author_privacy": {"$ne": privacy}},
            {"$set": {"author_privacy": privacy}},
            session=session,
        )

    async def unlink_goal(
        self, goal_id: str, *, except_author: str | None = None, session: Session = None
    ) -> int:
        """Drop links to a goal (all, or all but its owner's): they may never be shown."""
        query: dict[str, Any] = {"goal_id": goal_id}
        if except_author is not None:
            query["author_id"] = {"$ne": except_author}
        result = await self.collection().update_many(
            query, {"$set": {"goal_id": None}}, session=session
        )
        return result.modified_count

    async def ids_by_author(self, author_id: str, *, session: Session = None) -> list[str]:
        cursor = self.collection().find({"author_id": author_id}, {"_id": 1}, session=session)
        return [str(row["_id"]) async for row in cursor]

    async def delete_by_id(self, post_id: str, *, session: Session = None) -> bool:
        oid = parse_object_id(post_id)
        if oid is None:
            return False
        result = await self.collection().delete_one({"_id": oid}, session=session)
        return result.deleted_count == 1
