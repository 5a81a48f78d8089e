"""What the users subgraph tells the others: registrations, profile changes, deletions.

It consumes nothing: every other subgraph depends on users, never the reverse.
"""

from __future__ import annotations

from common.events import Event
from common.events.catalog import UserDeleted, UserRegistered, UserUpdated
from subgraphs.users.models import User

REGISTERED = "users.user.registered"
UPDATED = "users.user.updated"
DELETED = "users.user.deleted"


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
        ),
    )


def _proven_email(user: User) -> str | None:
    # Mail goes only to addresses the owner has verified (or a provider vouched for).
    return user.email if user.email_verified else None


def deleted(user_id: str) -> Event:
    return Event.of(DELETED, user_id=user_id, data=UserDeleted(user_id=user_id))
