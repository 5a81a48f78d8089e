"""Accounts: profile, preferences, life areas, roles, privacy of what others see, deletion."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from common.auth import Principal, Role, sees_profile
from common.errors import BadUserInput, NotFound
from common.events import OutboxPublisher, OutboxTransaction
from common.events.catalog import MediaCompleted
from common.repository import Page, PageRequest
from common.vocabulary import LIFE_AREAS
from subgraphs.users import events
from subgraphs.users.domain import validation
from subgraphs.users.domain.passwords import Passwords
from subgraphs.users.domain.roles import ranked
from subgraphs.users.models import Privacy, Theme, User, utcnow
from subgraphs.users.repository import Repositories
from subgraphs.users.repository.media import AVATAR_PURPOSE


class Access(Enum):
    """How much of an account a viewer may see."""

    FULL = "full"  # the owner, or an admin: everything, email included
    PROFILE = "profile"  # a public profile seen by someone else
    NAME_ONLY = "name_only"  # a private (or followers-only) profile seen by someone else


def access_for(user: User, viewer: Principal | None) -> Access:
    owner = str(user.id)
    if viewer is not None and viewer.is_self_or_admin(owner):
        return Access.FULL
    if sees_profile(viewer, owner, user.preferences.privacy):
        return Access.PROFILE
    return Access.NAME_ONLY


@dataclass(frozen=True, slots=True)
class ProfileChanges:
    display_name: str | None = None
    avatar_url: str | None = None
    bio: str | None = None
    timezone: str | None = None
    locale: str | None = None
    # "" clears it.
    avatar_media_id: str | None = None


@dataclass(frozen=True, slots=True)
class PreferenceChanges:
    in_app: bool | None = None
    email: bool | None = None
    push: bool | None = None
    theme: Theme | None = None
    language: str | None = None
    privacy: Privacy | None = None


@dataclass(frozen=True, slots=True)
class LifeAreaChanges:
    scores: Mapping[str, int | None] = field(default_factory=dict)


class AccountService:
    def __init__(
        self, repos: Repositories, passwords: Passwords, publisher: OutboxPublisher
    ) -> None:
        self._repos = repos
        self._passwords = passwords
        self._publisher = publisher

    async def get(self, user_id: str) -> User | None:
        return await self._repos.users.get(user_id)

    async def get_many(self, ids: Iterable[str]) -> dict[str, User]:
        return await self._repos.users.get_many(ids)

    async def list(self, request: PageRequest) -> Page[User]:
        return await self._repos.users.list_page(request)

    async def update_profile(self, user_id: str, changes: ProfileChanges) -> User:
        fields: dict[str, Any] = {}
        if changes.display_name is not None:
            fields["display_name"] = validation.display_name(changes.display_name)
        if changes.avatar_url is not None:
            fields["avatar_url"] = validation.avatar_url(changes.avatar_url)
        if changes.bio is not None:
            fields["bio"] = validation.bio(changes.bio)
        if changes.timezone is not None:
            fields["timezone"] = validation.timezone(changes.timezone)
        if changes.locale is not None:
            fields["locale"] = validation.language_tag(changes.locale, field="locale")
        if changes.avatar_media_id is not None:
            fields["avatar_media_id"] = await self._own_avatar(user_id, changes.avatar_media_id)
        return await self._update(user_id, fields)

    async def record_completed_media(self, media: MediaCompleted) -> None:
        """Remember verified avatars (from `media.media.completed`) for ownership checks."""
        await self._repos.completed_media.record(media)

    async def _own_avatar(self, user_id: str, media_id: str) -> str | None:
        if media_id == "":
            return None
        media = await self._repos.completed_media.find(media_id)
        # Unknown, another user's, not yet completed (its event still on its way) or
        # uploaded for another purpose: one answer, which tells nothing about others' media.
        if media is None or media.owner_id != user_id or media.purpose != AVATAR_PURPOSE:
            raise NotFound(
                "No completed avatar upload of yours has this id.", field="avatarMediaId"
            )
        return media_id

    async def update_preferences(self, user_id: str, changes: PreferenceChanges) -> User:
        fields: dict[str, Any] = {}
        channels = {"in_app": changes.in_app, "email": changes.email, "push": changes.push}
        for channel, on in channels.items():
            if on is not None:
                fields[f"preferences.notifications.{channel}"] = on
        if changes.theme is not None:
            fields["preferences.theme"] = changes.theme.value
        if changes.language is not None:
            fields["preferences.language"] = validation.language_tag(
                changes.language, field="language"
            )
        if changes.privacy is not None:
            fields["preferences.privacy"] = changes.privacy.value
        return await self._update(user_id, fields)

    async def update_life_areas(self, user_id: str, changes: LifeAreaChanges) -> User:
        fields: dict[str, Any] = {}
        for area, value in changes.scores.items():
            if area not in LIFE_AREAS:
                raise BadUserInput(f"'{area}' is not a life area.", field=area)
            if value is not None:
                fields[f"life_areas.{area}"] = validation.score(value, field=area)
        return await self._update(user_id, fields)

    async def set_roles(self, actor: Principal, user_id: str, roles: Iterable[Role]) -> User:
        wanted = {Role.USER, *roles}
        if user_id == actor.user_id and Role.ADMIN not in wanted:
            # Otherwise the last admin can lock everyone out of administration.
            raise BadUserInput("You cannot remove your own admin role.", field="roles")
        user = await self._repos.users.update_fields(
            user_id, {"roles": ranked(r.value for r in wanted), "updated_at": utcnow()}
        )
        if user is None:
            raise NotFound("There is no such user.")
        return user

    async def delete(self, user_id: str, *, password: str | None) -> None:
        user = await self._repos.users.get(user_id)
        if user is None:
            raise NotFound("The account no longer exists.")
        if user.password_hash is not None and not (
            password and await self._passwords.verify(user.password_hash, password)
        ):
            raise BadUserInput("The password is not correct.", field="password")

        async def work(tx: OutboxTransaction) -> None:
            # All or nothing: never credentials pointing at no account, never a
            # deleted account whose data the other subgraphs are not told to delete.
            repos, session = self._repos, tx.session
            await repos.families.delete_for_user(user_id, session=session)
            await repos.refresh_tokens.delete_for_user(user_id, session=session)
            await repos.one_time_tokens.delete_for_user(user_id, session=session)
            await repos.oauth_identities.delete_for_user(user_id, session=session)
            await repos.api_keys.delete_for_user(user_id, session=session)
            await repos.completed_media.forget_owner(user_id, session=session)
            await repos.phone_verifications.delete_where({"user_id": user_id}, session=session)
            if not await repos.users.remove(user_id, session=session):
                raise NotFound("The account no longer exists.")
            await tx.publish(events.deleted(user_id))

        await self._publisher.run_in_transaction(work)

    async def _update(self, user_id: str, fields: dict[str, Any]) -> User:
        if not fields:
            user = await self._repos.users.get(user_id)
            if user is None:
                raise NotFound("The account no longer exists.")
            return user

        async def work(tx: OutboxTransaction) -> User:
            user = await self._repos.users.update_fields(
                user_id, {**fields, "updated_at": utcnow()}, session=tx.session
            )
            if user is None:
                raise NotFound("The account no longer exists.")
            await tx.publish(events.updated(user))
            return user

        return await self._publisher.run_in_transaction(work)
