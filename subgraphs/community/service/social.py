"""Follows, blocks and the profile projection fed by the users subgraph's events.

Follows and blocks between two users always write both profiles (counters or
`lock`), so a follow and a concurrent block conflict and one of them re-runs:
a block can never be committed beside a follow it did not see.
"""

from __future__ import annotations

from datetime import datetime

from common.auth import Principal, sees_profile
from common.errors import BadUserInput, Forbidden
from common.events import Event
from common.events.catalog import UserBlocked, UserFollowed
from common.known_users import require_known
from common.repository import Page, PageRequest
from subgraphs.community.domain import text as texts
from subgraphs.community.models import Block, Follow, Privacy, Profile
from subgraphs.community.repository import Session
from subgraphs.community.service.deps import Deps, Unit
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

        async def work(unit: Unit) -> None:
            session = unit.session
            await self._repos.profiles.claim([user_id, target], session=session)
            me = await ensure_active(self._repos, user_id, session=session)
            await self._require_known(target, session=session)
            if target in viewer.hidden or await self._repos.blocks.between(
                user_id, target, session=session
            ):
                raise Forbidden("You cannot follow this user.")
            if me.following_count >= MAX_FOLLOWING:
                raise BadUserInput(
                    f"You can follow at most {MAX_FOLLOWING} people.", field="userId"
                )
            if await self._repos.follows.add(user_id, target, session=session):
                await self._count_follow(user_id, target, +1, session=session)
                await unit.publish(_follow_event("community.user.followed", user_id, target))

        await self._deps.write_on(target, work, also=[user_id])

    async def unfollow(self, viewer: Viewer, target_id: str) -> None:
        user_id, target = viewer.require_user(), _clean_user_id(target_id)

        async def work(unit: Unit) -> None:
            await self._repos.profiles.claim([user_id, target], session=unit.session)
            await self.drop_follow(user_id, target, unit)

        await self._deps.write_on(target, work, also=[user_id])

    async def drop_follow(self, follower_id: str, followee_id: str, unit: Unit) -> None:
        if await self._repos.follows.remove(follower_id, followee_id, session=unit.session):
            await self._count_follow(follower_id, followee_id, -1, session=unit.session)
            await unit.publish(_follow_event("community.user.unfollowed", follower_id, followee_id))

    async def block(self, viewer: Viewer, target_id: str) -> None:
        user_id = viewer.require_user()
        target = _clean_user_id(target_id)
        if target == user_id:
            raise BadUserInput("You cannot block yourself.", field="userId")
        if len(viewer.hidden) >= MAX_BLOCKS:
            raise BadUserInput(f"You can block at most {MAX_BLOCKS} people.", field="userId")

        async def work(unit: Unit) -> None:
            await self._repos.profiles.claim([user_id, target], session=unit.session)
            await self._repos.profiles.lock(user_id, session=unit.session)
            await self._require_known(target, session=unit.session)
            await self._repos.profiles.lock(target, session=unit.session)
            if await self._repos.blocks.add(user_id, target, session=unit.session):
                # Media hides the blocker's post photos from the blocked and back.
                await unit.publish(_block_event("community.user.blocked", user_id, target))
            # Blocking ends following both ways; redoing it on a repeat block is harmless.
            await self.drop_follow(user_id, target, unit)
            await self.drop_follow(target, user_id, unit)

        await self._deps.write_on(target, work, also=[user_id])

    async def unblock(self, viewer: Viewer, target_id: str) -> None:
        user_id, target = viewer.require_user(), _clean_user_id(target_id)

        async def work(unit: Unit) -> None:
            if await self._repos.blocks.remove(user_id, target, session=unit.session):
                await unit.publish(_block_event("community.user.unblocked", user_id, target))

        await self._deps.write(work)

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
        self,
        user_id: str,
        at: datetime,
        *,
        display_name: str,
        privacy: Privacy | None,
        session: Session = None,
    ) -> None:
        """Apply a users event; older or repeated events change nothing.

        The profile write conflicts with any post being written by the user at
        the same time (`ensure_active` locks the profile), so every post ends up
        with the privacy that committed last.
        """
        fields: dict[str, object] = {
            "display_name": display_name,
            "search_terms": texts.search_terms(display_name),
        }
        if privacy is not None:
            fields["privacy"] = privacy
        if not await self._repos.profiles.apply_sync(user_id, at, fields, session=session):
            return
        profile = await self._repos.profiles.by_user(user_id, session=session)
        if profile is not None and not profile.deleted:
            await self._repos.posts.set_author_privacy(user_id, profile.privacy, session=session)

    @staticmethod
    def shows_counts(
        viewer: Viewer, principal: Principal | None, user_id: str, profile: Profile | None
    ) -> bool:
        """Whether follower/following counts of `user_id` are shown to this caller.

        The kit's profile rule (the owner and admins always, others for a public
        profile), widened by what this subgraph knows: the followers of a
        FOLLOWERS profile see its counts, as they see its lists.
        """
        privacy = privacy_of(profile)
        return sees_profile(principal, user_id, privacy) or viewer.can_see_author(user_id, privacy)

    async def _require_known(self, user_id: str, *, session: Session) -> None:
        """Only accounts this subgraph has heard of (users' events, or their own
        token-proven writes here) may be followed or blocked: a made-up id stores nothing."""
        profile = await self._repos.profiles.by_user(user_id, session=session)
        known = {user_id} if profile is not None and not profile.deleted else set()
        require_known([user_id], known, field="userId")

    async def _lists_visible(self, viewer: Viewer, user_id: str) -> bool:
        profile = await self._repos.profiles.by_user(user_id)
        return viewer.can_see_author(user_id, privacy_of(profile))

    async def _count_follow(
        self, follower_id: str, followee_id: str, delta: int, *, session: Session
    ) -> None:
        await self._repos.profiles.bump(follower_id, following=delta, session=session)
        await self._repos.profiles.bump(followee_id, followers=delta, session=session)


def _follow_event(kind: str, follower_id: str, followee_id: str) -> Event:
    return Event.of(
        kind,
        user_id=follower_id,
        data=UserFollowed(follower_id=follower_id, followee_id=followee_id),
    )


def _block_event(kind: str, blocker_id: str, blocked_id: str) -> Event:
    return Event.of(
        kind, user_id=blocker_id, data=UserBlocked(blocker_id=blocker_id, blocked_id=blocked_id)
    )


def _clean_user_id(user_id: str) -> str:
    cleaned = user_id.strip()
    if not cleaned or len(cleaned) > USER_ID_MAX_CHARS:
        raise BadUserInput("`userId` is not a valid user id.", field="userId")
    return cleaned
