"""Likes and saves. A like is a row; the post's counter moves in the same transaction."""

from __future__ import annotations

from collections.abc import Callable

from common.errors import NotFound
from common.events import Event
from common.events.catalog import PostLiked
from common.repository import Page, PageRequest
from subgraphs.community.models import Post, Save
from subgraphs.community.repository import PostRepository
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

        async def work(unit: Unit) -> PostAfter:
            await ensure_active(self._repos, user_id, session=unit.session)
            post = await self._posts.visible(viewer, post_id, session=unit.session)
            if not await self._repos.likes.add(post_id, user_id, session=unit.session):
                return lambda: post  # liked already: nothing changes, nothing is announced
            await unit.publish(
                Event.of(
                    "community.post.liked",
                    user_id=user_id,
                    data=PostLiked(post_id=post_id, author_id=post.author_id, liker_id=user_id),
                )
            )
            return _likes_of(unit, self._repos.posts, post_id).add(1)

        return (await self._deps.write_on(post_id, work))()

    async def unlike(self, viewer: Viewer, post_id: str) -> Post:
        user_id = viewer.require_user()
        await self._deps.limits.spend(Action.LIKE, user_id)

        async def work(unit: Unit) -> PostAfter:
            post = await self._posts.visible(viewer, post_id, session=unit.session)
            if not await self._repos.likes.remove(post_id, user_id, session=unit.session):
                return lambda: post  # not liked: nothing changes, nothing is announced
            await unit.publish(unliked(post_id, post.author_id, user_id))
            return _likes_of(unit, self._repos.posts, post_id).add(-1)

        return (await self._deps.write_on(post_id, work))()

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


# The post a like or unlike answers with, read once its transaction committed.
PostAfter = Callable[[], Post]


class _LikeTally:
    """The likes one transaction adds to a post: its counter moves once, just before the commit.

    Likes on a hot post commit in batches (`Deps.write_on`); a batch of 60 is then one
    write of the contended document, not 60, and every like answers with the post
    as the batch left it.
    """

    def __init__(self, unit: Unit, posts: PostRepository, post_id: str) -> None:
        self._unit, self._posts, self._post_id = unit, posts, post_id
        self._delta = 0
        self._after: Post | None = None
        unit.before_commit(self._apply)

    def add(self, delta: int) -> PostAfter:
        self._delta += delta
        return self._post

    async def _apply(self) -> None:
        # Even at a net zero it writes: the batch then conflicts with a concurrent delete.
        after = await self._posts.bump(self._post_id, likes=self._delta, session=self._unit.session)
        if after is None:
            raise NotFound("Post not found.")  # aborts the batch; each like re-runs alone
        self._after = after

    def _post(self) -> Post:
        assert self._after is not None, "read before the transaction committed"
        return self._after


def _likes_of(unit: Unit, posts: PostRepository, post_id: str) -> _LikeTally:
    return unit.shared(("likes", post_id), lambda tx: _LikeTally(tx, posts, post_id))
