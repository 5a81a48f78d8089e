"""Follows, blocks and the profile projection fed by the users subgraph's events."""

from __future__ import annotations

from datetime import datetime

from common.errors import BadUserInput, Forbidden, NotFound
from common.events import Event
from common.events.catalog import UserFollowed
from common.repository import Page, PageRequest
from subgraphs.community import text as texts
from subgraphs.community.models import Block, Follow, Privacy, Profile
from subgraphs.community.service.deps import Deps
from subgraphs.community.service.scope import (
    MAX_BLOCKS,
    MAX_FOLLOWING,
    Viewer,
    ensure_active,
    privacy_of,
)

USER_ID_MAX_CHARS = 64
_EMPTY: Page[Follow] = Page(items=[], has_next_page=False, cursors=[])


class SocialService:
    def __init__(self, deps: Deps) -> None:
        self._deps = deps
        self._repos = deps.repos

    async def follow(self, viewer: Viewer, target_id: str) -> None:
        user_id = viewer.require_user()
        target = _clean_user_id(target_id)
        if target == user_id:
            raise BadUserInput("You cannot follow yourself.", field="userId")
        me = await ensure_active(self._repos, user_id)
        profile = await self._repos.profiles.by_user(target)
        if profile is not None and profile.deleted:
            raise NotFound("User not found.", field="userId")
        if target in viewer.hidden or await self._repos.blocks.between(user_id, target):
            raise Forbidden("You cannot follow this user.")
        if me is not None and me.following_count >= MAX_FOLLOWING:
            raise BadUserInput(f"You can follow at most {MAX_FOLLOWING} people.", field="userId")
        if not await self._repos.follows.add(user_id, target):
            return
        # Counted at once: a concurrent block that deletes this row counts it down.
        await self._count_follow(user_id, target, +1)
        if await self._repos.blocks.between(user_id, target):
            # A block landed between our check and the insert: it wins.
            await self.drop_follow(user_id, target)
            raise Forbidden("You cannot follow this user.")
        await self._publish_follow("community.user.followed", user_id, target)

    async def unfollow(self, viewer: Viewer, target_id: str) -> None:
        await self.drop_follow(viewer.require_user(), _clean_user_id(target_id))

    async def drop_follow(self, follower_id: str, followee_id: str) -> None:
        if await self._repos.follows.remove(follower_id, followee_id):
            await self._count_follow(follower_id, followee_id, -1)
            await self._publish_follow("community.user.unfollowed", follower_id, followee_id)

    async def block(self, viewer: Viewer, target_id: str) -> None:
        user_id = viewer.require_user()
        target = _clean_user_id(target_id)
        if target == user_id:
            raise BadUserInput("You cannot block yourself.", field="userId")
        if len(viewer.hidden) >= MAX_BLOCKS:
            raise BadUserInput(f"You can block at most {MAX_BLOCKS} people.", field="userId")
        await self._repos.blocks.add(user_id, target)
        # Blocking ends following both ways; redoing it on a repeat block is harmless.
        await self.drop_follow(user_id, target)
        await self.drop_follow(target, user_id)

    async def unblock(self, viewer: Viewer, target_id: str) -> None:
        await self._repos.blocks.remove(viewer.require_user(), _clean_user_id(target_id))

    async def blocked(self, viewer: Viewer, request: PageRequest) -> Page[Block]:
        return await self._repos.blocks.page_blocked_by(viewer.require_user(), request)

    async def followers(self, viewer: Viewer, user_id: str, request: PageRequest) -> Page[Follow]:
        if not await self._lists_visible(viewer, user_id):
            return _EMPTY
        return await self._repos.follows.page_followers(user_id, request, hidden=viewer.hidden)

    async def following(self, viewer: Viewer, user_id: str, request: PageRequest) -> Page[Follow]:
        if not await self._lists_visible(viewer, user_id):
            return _EMPTY
        return await self._repos.follows.page_following(user_id, request, hidden=viewer.hidden)

    async def followed_among(self, viewer: Viewer, user_ids: list[str]) -> set[str]:
        if viewer.user_id is None:
            return set()
        return await self._repos.follows.followed_among(viewer.user_id, user_ids)

    async def profiles(self, user_ids: list[str]) -> dict[str, Profile]:
        return await self._repos.profiles.by_users(user_ids)

    async def search(self, viewer: Viewer, query: str, request: PageRequest) -> Page[Profile]:
        return await self._repos.profiles.search(
            texts.query_terms(query), request, hidden=viewer.hidden
        )

    async def sync_profile(
        self, user_id: str, at: datetime, *, display_name: str, privacy: Privacy | None
    ) -> None:
        """Apply a users event; older or repeated events change nothing."""
        fields: dict[str, object] = {
            "display_name": display_name,
            "search_terms": texts.search_terms(display_name),
        }
        if privacy is not None:
            fields["privacy"] = privacy
        await self._repos.profiles.apply_sync(user_id, at, fields)
        profile = await self._repos.profiles.by_user(user_id)
        if profile is not None and not profile.deleted:
            await self._repos.posts.set_author_privacy(user_id, profile.privacy)

    async def _lists_visible(self, viewer: Viewer, user_id: str) -> bool:
        profile = await self._repos.profiles.by_user(user_id)
        return viewer.can_see_author(user_id, privacy_of(profile))

    async def _count_follow(self, follower_id: str, followee_id: str, delta: int) -> None:
        await self._repos.profiles.bump(follower_id, following=delta)
        await self._repos.profiles.bump(followee_id, followers=delta)

    async def _publish_follow(self, kind: str, follower_id: str, followee_id: str) -> None:
        await self._deps.publish(
            Event.of(
                kind,
                user_id=follower_id,
                data=UserFollowed(follower_id=follower_id, followee_id=followee_id),
            )
        )


def _clean_user_id(user_id: str) -> str:
    cleaned = user_id.strip()
    if not cleaned or len(cleaned) > USER_ID_MAX_CHARS:
        raise BadUserInput("`userId` is not a valid user id.", field="userId")
    return cleaned
