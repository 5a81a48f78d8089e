"""Likes and saves. A counter moves only when this call really created or removed the row."""

from __future__ import annotations

from common.errors import NotFound
from common.events import Event
from common.events.catalog import PostLiked
from common.repository import Page, PageRequest
from subgraphs.community.models import Post, Save
from subgraphs.community.service.deps import Deps
from subgraphs.community.service.posts import PostService
from subgraphs.community.service.scope import Viewer, ensure_active


class ReactionService:
    def __init__(self, deps: Deps, posts: PostService) -> None:
        self._deps = deps
        self._repos = deps.repos
        self._posts = posts

    async def like(self, viewer: Viewer, post_id: str) -> Post:
        user_id = viewer.require_user()
        post = await self._posts.visible(viewer, post_id)
        await ensure_active(self._repos, user_id)
        if await self._repos.likes.add(post_id, user_id):
            await self._repos.posts.bump(post_id, likes=1)
            await self._deps.publish(
                Event.of(
                    "community.post.liked",
                    user_id=user_id,
                    data=PostLiked(post_id=post_id, author_id=post.author_id, liker_id=user_id),
                )
            )
        return await self._reload(post_id)

    async def unlike(self, viewer: Viewer, post_id: str) -> Post:
        user_id = viewer.require_user()
        await self._posts.visible(viewer, post_id)
        if await self._repos.likes.remove(post_id, user_id):
            await self._repos.posts.bump(post_id, likes=-1)
        return await self._reload(post_id)

    async def save(self, viewer: Viewer, post_id: str) -> Post:
        user_id = viewer.require_user()
        post = await self._posts.visible(viewer, post_id)
        await ensure_active(self._repos, user_id)
        await self._repos.saves.add(post_id, user_id)
        return post

    async def unsave(self, viewer: Viewer, post_id: str) -> None:
        await self._repos.saves.remove(post_id, viewer.require_user())

    async def saved(self, viewer: Viewer, request: PageRequest) -> Page[Save]:
        """The viewer's bookmarks, newest first. A post they can no longer see resolves to null,
        so every page keeps its cursors whatever happened to the posts."""
        return await self._repos.saves.page_for_user(viewer.require_user(), request)

    async def liked_among(self, viewer: Viewer, post_ids: list[str]) -> set[str]:
        if viewer.user_id is None:
            return set()
        return await self._repos.likes.liked_among(viewer.user_id, post_ids)

    async def saved_among(self, viewer: Viewer, post_ids: list[str]) -> set[str]:
        if viewer.user_id is None:
            return set()
        return await self._repos.saves.saved_among(viewer.user_id, post_ids)

    async def _reload(self, post_id: str) -> Post:
        post = await self._repos.posts.get(post_id)
        if post is None:
            raise NotFound("Post not found.")
        return post
