"""Comments, threaded one level deep: a reply to a reply joins its top-level comment."""

from __future__ import annotations

from typing import Any

from common.errors import Forbidden, NotFound
from common.events import Event
from common.events.catalog import PostCommented
from common.repository import Page, PageRequest
from subgraphs.community import text as texts
from subgraphs.community.models import Comment, ContentStatus, TargetType, utc_now
from subgraphs.community.service.deps import Deps
from subgraphs.community.service.posts import WORD_FILTER_REASON, PostService
from subgraphs.community.service.scope import Viewer, ensure_active


class CommentService:
    def __init__(self, deps: Deps, posts: PostService) -> None:
        self._deps = deps
        self._repos = deps.repos
        self._posts = posts

    async def add(
        self, viewer: Viewer, post_id: str, body: str, *, parent_id: str | None = None
    ) -> Comment:
        user_id = viewer.require_user()
        cleaned = texts.clean_text(body, field="text", max_chars=texts.COMMENT_MAX_CHARS)
        post = await self._posts.visible(viewer, post_id)
        await ensure_active(self._repos, user_id)
        top_level = await self._thread_root(viewer, post_id, parent_id) if parent_id else None
        held = texts.matches_filter(cleaned, self._deps.word_filter)
        comment = Comment(
            post_id=post_id,
            post_author_id=post.author_id,
            author_id=user_id,
            parent_id=str(top_level.id) if top_level else None,
            text=cleaned,
            status=ContentStatus.HELD if held else ContentStatus.PUBLISHED,
        )
        await self._repos.comments.insert(comment)
        await self._repos.posts.bump(post_id, comments=1)
        if top_level is not None and await self._repos.comments.get(str(top_level.id)) is None:
            # The thread was deleted while we wrote: whoever deletes our row fixes the count.
            await self._remove(comment)
            raise NotFound("Comment not found.", field="parentId")
        if held:
            await self._repos.cases.open(
                TargetType.COMMENT, str(comment.id), user_id, WORD_FILTER_REASON, held=True
            )
        else:
            await self._deps.publish(
                Event.of(
                    "community.post.commented",
                    user_id=user_id,
                    data=PostCommented(
                        post_id=post_id,
                        author_id=post.author_id,
                        comment_id=str(comment.id),
                        commenter_id=user_id,
                    ),
                )
            )
        return comment

    async def edit(self, viewer: Viewer, comment_id: str, body: str) -> Comment:
        comment = await self._own(viewer, comment_id)
        cleaned = texts.clean_text(body, field="text", max_chars=texts.COMMENT_MAX_CHARS)
        fields: dict[str, Any] = {"text": cleaned, "edited_at": utc_now()}
        held = comment.status is ContentStatus.PUBLISHED and texts.matches_filter(
            cleaned, self._deps.word_filter
        )
        if held:
            fields["status"] = ContentStatus.HELD
        updated = await self._repos.comments.update_fields(comment_id, fields)
        if updated is None:
            raise NotFound("Comment not found.")
        if held:
            await self._repos.cases.open(
                TargetType.COMMENT, comment_id, comment.author_id, WORD_FILTER_REASON, held=True
            )
        return updated

    async def delete(self, viewer: Viewer, comment_id: str) -> None:
        await self._remove(await self._own(viewer, comment_id))

    async def visible(self, viewer: Viewer, comment_id: str) -> Comment:
        comment = await self._repos.comments.get(comment_id)
        if comment is None or not self._can_see(viewer, comment):
            raise NotFound("Comment not found.")
        await self._posts.visible(viewer, comment.post_id)
        return comment

    async def top_level(self, viewer: Viewer, post_id: str, request: PageRequest) -> Page[Comment]:
        query = {"post_id": post_id, "parent_id": None, **_listing_filter(viewer)}
        return await self._repos.comments.page_for(query, request)

    async def replies(self, viewer: Viewer, comment_id: str, request: PageRequest) -> Page[Comment]:
        query = {"parent_id": comment_id, **_listing_filter(viewer)}
        return await self._repos.comments.page_for(query, request)

    async def remove_row(self, comment: Comment) -> None:
        await self._remove(comment)

    async def _remove(self, comment: Comment) -> None:
        """Delete a comment (and its replies); counters follow only what was really deleted."""
        if not await self._repos.comments.delete_by_id(str(comment.id)):
            return
        removed = 1
        if comment.parent_id is None:
            removed += await self._repos.comments.delete_replies(str(comment.id))
        await self._repos.posts.bump(comment.post_id, comments=-removed)
        await self._repos.cases.resolve(TargetType.COMMENT, str(comment.id))

    async def _thread_root(self, viewer: Viewer, post_id: str, parent_id: str) -> Comment:
        parent = await self._repos.comments.get(parent_id)
        if parent is None or parent.post_id != post_id or not self._can_see(viewer, parent):
            raise NotFound("Comment not found.", field="parentId")
        if parent.parent_id is not None:
            parent = await self._repos.comments.get(parent.parent_id)
            if parent is None:
                raise NotFound("Comment not found.", field="parentId")
        if parent.author_id in viewer.hidden:
            raise Forbidden("You cannot reply in this thread.")
        return parent

    async def _own(self, viewer: Viewer, comment_id: str) -> Comment:
        user_id = viewer.require_user()
        comment = await self._repos.comments.get(comment_id)
        if comment is None or comment.status is ContentStatus.REMOVED:
            raise NotFound("Comment not found.")
        if comment.author_id != user_id:
            if not self._can_see(viewer, comment):
                raise NotFound("Comment not found.")
            raise Forbidden("Only the author can change this comment.")
        return comment

    @staticmethod
    def _can_see(viewer: Viewer, comment: Comment) -> bool:
        if viewer.moderator:
            return True
        if comment.author_id == viewer.user_id:
            return comment.status is not ContentStatus.REMOVED
        return comment.status is ContentStatus.PUBLISHED and comment.author_id not in viewer.hidden


def _listing_filter(viewer: Viewer) -> dict[str, Any]:
    shown: list[dict[str, Any]] = [{"status": ContentStatus.PUBLISHED}]
    if viewer.user_id:
        shown.append({"author_id": viewer.user_id, "status": ContentStatus.HELD})
    return {"author_id": {"$nin": sorted(viewer.hidden)}, "$or": shown}
