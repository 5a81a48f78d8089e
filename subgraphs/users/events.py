"""What the users subgraph tells the others: registrations, profile changes, deletions.

It consumes one thing: `media.media.completed`, so `updateProfile(avatarMediaId:)` can
check that the media is the caller's completed avatar (docs/media.md).
"""

from __future__ import annotations

from typing import Protocol

from common.events import Event
from common.events.catalog import (
    MediaCompleted,
    SecurityAlert,
    UserDeleted,
    UserRegistered,
    UserUpdated,
)
from subgraphs.users.models import User


class AccountRecorder(Protocol):
    async def record_completed_media(self, media: MediaCompleted) -> None:
        """Remember verified avatars for ownership checks."""
        ...


REGISTERED = "users.user.registered"
UPDATED = "users.user.updated"
DELETED = "users.user.deleted"
SECURITY_ALERT = "users.security.alert"


def registered(user: User) -> Event:
    user_id = str(user.id)
    return Event.of(
        REGISTERED,
        user_id=user_id,
        data=UserRegistered(
            user_id=user_id,
            display_name=user.display_name,
            timezone=user.timezone,
            email=_proven_email(user),
            phone=user.phone,
        ),
    )


def updated(user: User) -> Event:
    user_id = str(user.id)
    return Event.of(
        UPDATED,
        user_id=user_id,
        data=UserUpdated(
            user_id=user_id,
            display_name=user.display_name,
            avatar_url=user.avatar_url,
            timezone=user.timezone,
            profile_privacy=user.preferences.privacy.value,
            life_areas=user.life_areas.model_dump(),
            email=_proven_email(user),
            phone=user.phone,
        ),
    )


def _proven_email(user: User) -> str | None:
    # Mail goes only to addresses the owner has verified (or a provider vouched for).
    return user.email if user.email_verified else None


def password_changed(user_id: str) -> Event:
    alert = SecurityAlert(user_id=user_id, reason="password_changed")
    return Event.of(SECURITY_ALERT, user_id=user_id, data=alert)


def deleted(user_id: str) -> Event:
    return Event.of(DELETED, user_id=user_id, data=UserDeleted(user_id=user_id))


MEDIA_COMPLETED = "media.media.completed"


class MediaConsumer:
    """Completed media into the projection the avatar check reads."""

    def __init__(self, accounts: AccountRecorder) -> None:
        self._accounts = accounts

    async def on_media_completed(self, event: Event) -> None:
        media = MediaCompleted.model_validate(event.data)
        await self._accounts.record_completed_media(media)
