"""Comments, threaded one level deep: a reply to a reply joins its top-level comment.

`commentCount` counts what readers can see: published comments whose thread
(top-level comment) is published too. Every change to a comment's existence
or status moves the count by the difference inside the same transaction, and
every change to a reply writes its top-level comment (`touch_thread`), so a
reply and a moderator's action on its thread always conflict instead of
counting from two different snapshots.
"""

from __future__ import annotations

from typing import Any

from common.errors import Forbidden, NotFound
from common.events import Event
from common.events.catalog import PostCommented
from common.repository import Page, PageRequest
from subgraphs.community.domain import text as texts
from subgraphs.community.models import Comment, ContentStatus, TargetType, utc_now
from subgraphs.community.repository import Session
from subgraphs.community.service.deps import Deps, Unit
from subgraphs.community.service.limits import Action
from subgraphs.community.service.posts import WORD_FILTER_REASON, PostService
from subgraphs.community.service.scope import Viewer, ensure_active

PUBLISHED = ContentStatus.PUBLISHED


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
        held = texts.matches_filter(cleaned, self._deps.word_filter)
        await self._deps.limits.spend(Action.COMMENT, user_id)

        async def work(unit: Unit) -> Comment:
            session = unit.session
            await ensure_active(self._repos, user_id, session=session)
            post = await self._posts.visible(viewer, post_id, session=session)
            root = None
            if parent_id is not None:
                root = await self._thread_root(viewer, post_id, parent_id, session=session)
            comment = Comment(
                post_id=post_id,
                post_author_id=post.author_id,
                author_id=user_id,
                parent_id=str(root.id) if root else None,
                text=cleaned,
                status=ContentStatus.HELD if held else PUBLISHED,
            )
            await self._repos.comments.insert(comment, session=session)
            counted = 0 if held or (root is not None and root.status is not PUBLISHED) else 1
            if held:
                await self._repos.cases.open(
                    TargetType.COMMENT,
                    str(comment.id),
                    user_id,
                    WORD_FILTER_REASON,
                    held=True,
                    session=session,
                )
            else:
                await unit.publish(
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
            # Always written, even when nothing is counted: a concurrent delete of the
            # post then conflicts with this comment instead of leaving it orphaned.
            if await self._repos.posts.bump(post_id, comments=counted, session=session) is None:
                raise NotFound("Post not found.")
            return comment

        return await self._deps.write_on(post_id, work)

    async def edit(self, viewer: Viewer, comment_id: str, body: str) -> Comment:
        cleaned = texts.clean_text(body, field="text", max_chars=texts.COMMENT_MAX_CHARS)

        async def work(unit: Unit) -> Comment:
            session = unit.session
            comment = await self._own(viewer, comment_id, session=session)
            fields: dict[str, Any] = {"text": cleaned, "edited_at": utc_now()}
            held = comment.status is PUBLISHED and texts.matches_filter(
                cleaned, self._deps.word_filter
            )
            if held:
                fields["status"] = ContentStatus.HELD
                await self._recount(comment, ContentStatus.HELD, session=session)
            updated = await self._repos.comments.update_fields(comment_id, fields, session=session)
            if updated is None:
                raise NotFound("Comment not found.")
            if held:
                await self._repos.cases.open(
                    TargetType.COMMENT,
                    comment_id,
                    comment.author_id,
                    WORD_FILTER_REASON,
                    held=True,
                    session=session,
                )
            return updated

        return await self._deps.write(work)

    async def delete(self, viewer: Viewer, comment_id: str) -> None:
        async def work(unit: Unit) -> None:
            comment = await self._own(viewer, comment_id, session=unit.session)
            await self.remove_row(comment, session=unit.session)

        await self._deps.write(work)

    async def set_status(
        self, comment_id: str, status: ContentStatus, *, session: Session
    ) -> Comment | None:
        """A moderator's status change with the count following; the comment as it was."""
        comment = await self._repos.comments.get(comment_id, session=session)
        if comment is None:
            return None
        await self._recount(comment, status, session=session)
        await self._repos.comments.set_status(comment_id, status, session=session)
        return comment

    async def visible(self, viewer: Viewer, comment_id: str) -> Comment:
        comment = await self._repos.comments.get(comment_id)
        if comment is None or not self._can_see(viewer, comment):
            raise NotFound("Comment not found.")
        await self._posts.visible(viewer, comment.post_id)
        return comment

    async def visible_many(self, viewer: Viewer, comment_ids: list[str]) -> dict[str, Comment]:
        """`visible` for many ids at once (entity references): the ones the viewer may read."""
        found = await self._repos.comments.get_many(comment_ids)
        shown = {i: c for i, c in found.items() if self._can_see(viewer, c)}
        posts = await self._posts.by_ids(sorted({c.post_id for c in shown.values()}))
        return {
            i: c
            for i, c in shown.items()
            if c.post_id in posts and viewer.can_see_post(posts[c.post_id])
        }

    async def top_level(self, viewer: Viewer, post_id: str, request: PageRequest) -> Page[Comment]:
        query = {"post_id": post_id, "parent_id": None, **_listing_filter(viewer)}
        return await self._repos.comments.page_for(query, request)

    async def replies(self, viewer: Viewer, comment_id: str, request: PageRequest) -> Page[Comment]:
        query = {"parent_id": comment_id, **_listing_filter(viewer)}
        return await self._repos.comments.page_for(query, request)

    async def remove_row(self, comment: Comment, *, session: Session) -> None:
        """Delete a comment (a top-level one with its replies) and uncount what was counted."""
        current = await self._repos.comments.get(str(comment.id), session=session)
        if current is None:
            return  # gone already (say, with its thread): nothing left to uncount
        await self._recount(current, None, session=session)
        await self._repos.comments.delete_by_id(str(current.id), session=session)
        if current.parent_id is None:
            await self._repos.comments.delete_replies(str(current.id), session=session)
        await self._repos.cases.resolve(TargetType.COMMENT, str(current.id), session=session)

    async def _recount(
        self, comment: Comment, status: ContentStatus | None, *, session: Session
    ) -> None:
        """Move the post's count from `comment` as stored to `status` (None: deleted)."""
        if comment.parent_id is None:
            # A thread counts with its published replies, or not at all.
            replies = await self._repos.comments.published_replies(str(comment.id), session=session)
            before = 1 + replies if comment.status is PUBLISHED else 0
            after = 1 + replies if status is PUBLISHED else 0
        else:
            root = await self._repos.comments.touch_thread(comment.parent_id, session=session)
            shown = root is not None and root.status is PUBLISHED
            before = int(shown and comment.status is PUBLISHED)
            after = int(shown and status is PUBLISHED)
        if after != before:
            await self._repos.posts.bump(comment.post_id, comments=after - before, session=session)

    async def _thread_root(
        self, viewer: Viewer, post_id: str, parent_id: str, *, session: Session
    ) -> Comment:
        parent = await self._repos.comments.get(parent_id, session=session)
        if parent is None or parent.post_id != post_id or not self._can_see(viewer, parent):
            raise NotFound("Comment not found.", field="parentId")
        root_id = parent.parent_id or parent_id
        # Written: a concurrent delete or status change of the thread conflicts with us.
        root = await self._repos.comments.touch_thread(root_id, session=session)
        if root is None:
            raise NotFound("Comment not found.", field="parentId")
        if root.author_id in viewer.hidden:
            raise Forbidden("You cannot reply in this thread.")
        return root

    async def _own(self, viewer: Viewer, comment_id: str, *, session: Session) -> Comment:
        user_id = viewer.require_user()
        comment = await self._repos.comments.get(comment_id, session=session)
        if comment is None or comment.status is ContentStatus.REMOVED:
            raise NotFound("Comment not found.")
        if comment.author_id != user_id:
            if not self._can_see(viewer, comment):
                raise NotFound("Comment not found.")
            # A comment on a post the caller cannot see does not exist for them either:
            # FORBIDDEN would confirm that it (and the post) exist.
            await self._posts.visible(viewer, comment.post_id, session=session)
            raise Forbidden("Only the author can change this comment.")
        return comment

    @staticmethod
    def _can_see(viewer: Viewer, comment: Comment) -> bool:
        if viewer.moderator:
            return True
        if comment.author_id == viewer.user_id:
            return comment.status is not ContentStatus.REMOVED
        return comment.status is PUBLISHED and comment.author_id not in viewer.hidden


def _listing_filter(viewer: Viewer) -> dict[str, Any]:
    shown: list[dict[str, Any]] = [{"status": PUBLISHED}]
    if viewer.user_id:
        shown.append({"author_id": viewer.user_id, "status": ContentStatus.HELD})
    return {"author_id": {"$nin": sorted(viewer.hidden)}, "$or": shown}
