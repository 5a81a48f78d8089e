"""Who may read what, and which time zone a user lives in."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from subgraphs.goals.domain.enums import Visibility
from subgraphs.goals.domain.timezones import is_known_zone
from subgraphs.goals.models import GoalDoc
from subgraphs.goals.repository.projections import FollowRepository, ProfileRepository

UTC_ZONE = ZoneInfo("UTC")


class Access:
    def __init__(self, follows: FollowRepository, profiles: ProfileRepository) -> None:
        self._follows = follows
        self._profiles = profiles

    async def visibilities(self, viewer_id: str | None, owner_id: str) -> list[Visibility] | None:
        """What `viewer_id` may see of `owner_id`'s goals; None means everything."""
        if viewer_id == owner_id:
            return None
        if viewer_id is not None and await self._follows.follows(viewer_id, owner_id):
            return [Visibility.PUBLIC, Visibility.FOLLOWERS]
        return [Visibility.PUBLIC]

    async def readable(self, goals: Sequence[GoalDoc], viewer_id: str | None) -> list[GoalDoc]:
        """The goals the viewer may read, in order; one follow lookup for all owners."""
        needs_follow = sorted(
            {
                g.owner_id
                for g in goals
                if g.visibility is Visibility.FOLLOWERS and g.owner_id != viewer_id
            }
        )
        followed = (
            await self._follows.followed_among(viewer_id, needs_follow)
            if viewer_id and needs_follow
            else set()
        )
        return [
            g
            for g in goals
            if g.owner_id == viewer_id
            or g.visibility is Visibility.PUBLIC
            or (g.visibility is Visibility.FOLLOWERS and g.owner_id in followed)
        ]

    async def timezone(self, user_id: str, fallback: str | None = None) -> ZoneInfo:
        """The user's zone from their profile, else the given fallback, else UTC."""
        profile = await self._profiles.for_user(user_id)
        for name in (profile.timezone if profile else None, fallback):
            if name and is_known_zone(name):
                return ZoneInfo(name)
        return UTC_ZONE

    async def life_areas(self, user_id: str) -> dict[str, int]:
        profile = await self._profiles.for_user(user_id)
        return dict(profile.life_areas) if profile else {}
