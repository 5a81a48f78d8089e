"""Likes and saves. A like is a row; the post's counter moves in the same transaction."""

from __future__ import annotations

from common.errors import NotFound
from common.events import Event
from common.events.catalog import PostLiked
from common.repository import Page, PageRequest
from subgraphs.community.models import Post, Save
from subgraphs.community.service.deps import Deps, Unit
from subgraphs.community.service.limits import Action
from subgraphs.community.service.posts import PostService
from subgraphs.community.service.scope import Viewer, ensure_active


class ReactionService:
    def __init__(self, deps: Deps, posts: PostService) -> None:
        self._deps = deps
        self._repos = deps.repos
        self._posts = posts

    async def like(self, viewer: Viewer, post_id: str) -> Post:
        user_id = viewer.require_user()
        await self._deps.limits.spend(Action.LIKE, user_id)

        async def work(unit: Unit) -> Post:
            await ensure_active(self._repos, user_id, session=unit.session)
            post = await self._posts.visible(viewer, post_id, session=unit.session)
            if not await self._repos.likes.add(post_id, user_id, session=unit.session):
                return post  # liked already: nothing changes, nothing is announced
            await unit.publish(
                Event.of(
                    "community.post.liked",
                    user_id=user_id,
                    data=PostLiked(post_id=post_id, author_id=post.author_id, liker_id=user_id),
                )
            )
            # Last: the post is the contended document; holding it briefly keeps conflicts rare.
            return _exists(await self._repos.posts.bump(post_id, likes=1, session=unit.session))

        return await self._deps.write_on(post_id, work)

    async def unlike(self, viewer: Viewer, post_id: str) -> Post:
        user_id = viewer.require_user()
        await self._deps.limits.spend(Action.LIKE, user_id)

        async def work(unit: Unit) -> Post:
            post = await self._posts.visible(viewer, post_id, session=unit.session)
            if not await self._repos.likes.remove(post_id, user_id, session=unit.session):
                return post  # not liked: nothing changes, nothing is announced
            await unit.publish(unliked(post_id, post.author_id, user_id))
            return _exists(await self._repos.posts.bump(post_id, likes=-1, session=unit.session))

        return await self._deps.write_on(post_id, work)

    async def save(self, viewer: Viewer, post_id: str) -> Post:
        user_id = viewer.require_user()

        async def work(unit: Unit) -> Post:
            await ensure_active(self._repos, user_id, session=unit.session)
            post = await self._posts.visible(viewer, post_id, session=unit.session)
            if await self._repos.saves.add(post_id, user_id, session=unit.session):
                # Written so a concurrent delete of the post conflicts with this save.
                await self._repos.posts.bump(post_id, session=unit.session)
            return post

        return await self._deps.write_on(post_id, work)

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


def unliked(post_id: str, author_id: str, liker_id: str) -> Event:
    """`community.post.unliked`: a like that was announced is withdrawn."""
    return Event.of(
        "community.post.unliked",
        user_id=liker_id,
        data=PostLiked(post_id=post_id, author_id=author_id, liker_id=liker_id),
    )


def _exists(post: Post | None) -> Post:
    if post is None:
        raise NotFound("Post not found.")
    return post
