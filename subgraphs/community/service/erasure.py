"""Erasing a deleted user, in one transaction, while keeping everyone else's counters exact.

The whole erasure commits at once, with the `community.user.unfollowed` and
`community.post.unliked` events it causes, or not at all (and is re-run on
redelivery). The tombstone is a write to the profile that every write on the
user's behalf also makes (`ensure_active`), so a late write from a still-valid token either commits
before the erasure (and is erased) or conflicts and then finds the tombstone.
"""

from __future__ import annotations

from subgraphs.community.service.comments import CommentService
from subgraphs.community.service.deps import Deps, Unit
from subgraphs.community.service.posts import PostService
from subgraphs.community.service.reactions import unliked
from subgraphs.community.service.social import SocialService


class ErasureService:
    def __init__(
        self, deps: Deps, posts: PostService, comments: CommentService, social: SocialService
    ) -> None:
        self._deps = deps
        self._repos = deps.repos
        self._posts = posts
        self._comments = comments
        self._social = social

    async def erase_user(self, user_id: str) -> None:
        """Erase in a transaction of our own (tests, tools); the consumer uses `erase_in`."""

        async def work(unit: Unit) -> None:
            await self.erase_in(unit, user_id)

        await self._deps.write(work)

    async def erase_in(self, unit: Unit, user_id: str) -> None:
        repos, session = self._repos, unit.session
        await repos.profiles.tombstone(user_id, session=session)
        post_ids = await repos.posts.ids_by_author(user_id, session=session)
        await self._posts.purge(post_ids, session=session)
        for post_id in await repos.likes.post_ids_liked_by(user_id, session=session):
            if await repos.likes.remove(post_id, user_id, session=session):
                post = await repos.posts.bump(post_id, likes=-1, session=session)
                if post is not None:
                    await unit.publish(unliked(post_id, post.author_id, user_id))
        # Top-level comments first: deleting one takes its replies (and their counts) along.
        comments = sorted(
            await repos.comments.by_author(user_id, session=session),
            key=lambda c: c.parent_id is not None,
        )
        for comment in comments:
            await self._comments.remove_row(comment, session=session)
        await repos.saves.delete_for_user(user_id, session=session)
        for followee in await repos.follows.following_ids(user_id, limit=0, session=session):
            await self._social.drop_follow(user_id, followee, unit)
        for follower in await repos.follows.follower_ids(user_id, session=session):
            await self._social.drop_follow(follower, user_id, unit)
        await repos.blocks.delete_involving(user_id, session=session)
        await repos.reports.delete_involving(user_id, post_ids, session=session)
        await repos.goals.tombstone_owned_by(user_id, session=session)
        # Media erases the files itself (users.user.deleted); this is community's note of them.
        await repos.media.forget_owner(user_id, session=session)
        # Again, last: the follow removals above counted down on the tombstone.
        await repos.profiles.tombstone(user_id, session=session)
