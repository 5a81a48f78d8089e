"""Erasing a deleted user while keeping everyone else's counters exact.

Every step removes a row and moves a counter only if that removal happened,
so a redelivered `users.user.deleted` (or one that died halfway) just finishes
the job.
"""

from __future__ import annotations

from subgraphs.community.service.comments import CommentService
from subgraphs.community.service.deps import Deps
from subgraphs.community.service.posts import PostService
from subgraphs.community.service.social import SocialService


class ErasureService:
    def __init__(
        self, deps: Deps, posts: PostService, comments: CommentService, social: SocialService
    ) -> None:
        self._repos = deps.repos
        self._posts = posts
        self._comments = comments
        self._social = social

    async def erase_user(self, user_id: str) -> None:
        repos = self._repos
        # First, so the user's still-valid tokens cannot add rows behind us.
        await repos.profiles.tombstone(user_id)
        post_ids = await repos.posts.ids_by_author(user_id)
        await self._posts.purge(post_ids)
        for post_id in await repos.likes.post_ids_liked_by(user_id):
            if await repos.likes.remove(post_id, user_id):
                await repos.posts.bump(post_id, likes=-1)
        # Top-level comments first: deleting one takes its replies (and their counts) along.
        comments = sorted(
            await repos.comments.by_author(user_id), key=lambda c: c.parent_id is not None
        )
        for comment in comments:
            await self._comments.remove_row(comment)
        await repos.saves.delete_for_user(user_id)
        for followee in await repos.follows.following_ids(user_id, limit=0):
            await self._social.drop_follow(user_id, followee)
        for follower in await repos.follows.follower_ids(user_id):
            await self._social.drop_follow(follower, user_id)
        await repos.blocks.delete_involving(user_id)
        await repos.reports.delete_involving(user_id, post_ids)
        # Again, last: the follow removals above counted down on the tombstone.
        await repos.profiles.tombstone(user_id)
