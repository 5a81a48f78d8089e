"""The member as GraphQL shows them (what each viewer may see), and the sign-in payload."""

from __future__ import annotations

from datetime import datetime

import strawberry

from common.auth import Principal
from common.graphql.loaders import batch_loader
from common.graphql.media import Media
from subgraphs.users import models
from subgraphs.users.schema.context import Info
from subgraphs.users.schema.enums import ProfilePrivacy, Theme, UserRole
from subgraphs.users.schema.node import Node
from subgraphs.users.service.accounts import Access, access_for
from subgraphs.users.service.sessions import Session


@strawberry.type(description="Whether each notification channel is on.")
class NotificationChannels:
    in_app: bool = strawberry.field(description="Notifications inside the apps.")
    email: bool = strawberry.field(description="Notifications by email.")
    push: bool = strawberry.field(description="Push notifications to devices.")


@strawberry.type(description="A member's settings for the apps.")
class Preferences:
    notifications: NotificationChannels = strawberry.field(
        description="Notification channels on or off."
    )
    theme: Theme = strawberry.field(description="Colour scheme.")
    language: str = strawberry.field(description="Language of the apps (BCP 47 tag).")
    privacy: ProfilePrivacy = strawberry.field(description="Who may see the profile.")


@strawberry.type(description="Self-assessed scores, 0-100, for each area of life.")
class LifeAreas:
    health: int = strawberry.field(description="Health.")
    finance: int = strawberry.field(description="Finance.")
    family: int = strawberry.field(description="Family.")
    career: int = strawberry.field(description="Career.")
    learning: int = strawberry.field(description="Learning.")
    creativity: int = strawberry.field(description="Creativity.")


@strawberry.federation.type(
    keys=["id"],
    description=(
        "A LifeGraph member. Others see the display name always, the rest of the profile "
        "only when it is public; email and preferences only the member and admins see."
    ),
)
class User(Node):
    id: strawberry.ID = strawberry.field(description="Stable identifier of the member.")
    doc: strawberry.Private[models.User]
    access: strawberry.Private[Access]

    @property
    def _profile(self) -> bool:
        return self.access is not Access.NAME_ONLY

    @property
    def _full(self) -> bool:
        return self.access is Access.FULL

    # Shareable: chat provides both beside each message (`Message.sender`), from
    # the card it keeps from our events, under the same visibility rule.
    @strawberry.federation.field(shareable=True, description="Name shown to other members.")
    def display_name(self) -> str:
        return self.doc.display_name

    @strawberry.federation.field(
        shareable=True, description="URL of the avatar image; null if hidden or unset."
    )
    def avatar_url(self) -> str | None:
        return self.doc.avatar_url if self._profile else None

    @strawberry.field(
        description="The avatar uploaded through completeUpload; null if hidden or unset."
    )
    def avatar(self) -> Media | None:
        media_id = self.doc.avatar_media_id
        return Media(id=strawberry.ID(media_id)) if media_id and self._profile else None

    @strawberry.field(description="A few words about the member; null if hidden or unset.")
    def bio(self) -> str | None:
        return self.doc.bio if self._profile else None

    @strawberry.field(description="IANA time zone; null if hidden.")
    def timezone(self) -> str | None:
        return self.doc.timezone if self._profile else None

    @strawberry.field(description="Language tag for formatting; null if hidden.")
    def locale(self) -> str | None:
        return self.doc.locale if self._profile else None

    @strawberry.field(description="Life-area scores; null if hidden.")
    def life_areas(self) -> LifeAreas | None:
        return LifeAreas(**self.doc.life_areas.model_dump()) if self._profile else None

    @strawberry.field(description="Roles of the member; null if hidden.")
    def roles(self) -> list[UserRole] | None:
        return [UserRole(r) for r in self.doc.roles] if self._profile else None

    @strawberry.field(description="When the account was created; null if hidden.")
    def created_at(self) -> datetime | None:
        return self.doc.created_at if self._profile else None

    @strawberry.field(description="Email address (the member and admins only).")
    def email(self) -> str | None:
        return self.doc.email if self._full else None

    @strawberry.field(description="Whether the email address is confirmed (member and admins).")
    def email_verified(self) -> bool | None:
        return self.doc.email_verified if self._full else None

    @strawberry.field(
        description="The verified mobile number in E.164, for SMS (member and admins only)."
    )
    def phone_number(self) -> str | None:
        return self.doc.phone if self._full else None

    @strawberry.field(description="Whether two-step sign-in is on (member and admins).")
    def totp_enabled(self) -> bool | None:
        return self.doc.totp_enabled if self._full else None

    @strawberry.field(description="Settings for the apps (member and admins).")
    def preferences(self) -> Preferences | None:
        if not self._full:
            return None
        p = self.doc.preferences
        return Preferences(
            notifications=NotificationChannels(**p.notifications.model_dump()),
            theme=Theme(p.theme.value),
            language=p.language,
            privacy=ProfilePrivacy(p.privacy.value),
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> User | None:
        services = info.context.services
        loader = info.context.loader(
            "users.by_id", lambda: batch_loader(services.accounts.get_many)
        )
        doc = await loader.load(str(id))
        return view(doc, await info.context.viewer()) if doc else None


def view(doc: models.User, viewer: Principal | None) -> User:
    return User(id=strawberry.ID(str(doc.id)), doc=doc, access=access_for(doc, viewer))


def own(doc: models.User) -> User:
    return User(id=strawberry.ID(str(doc.id)), doc=doc, access=Access.FULL)


@strawberry.type(description="Tokens for a signed-in session.")
class AuthPayload:
    access_token: str = strawberry.field(
        description="RS256 JWT for `Authorization: Bearer`; short-lived."
    )
    refresh_token: str = strawberry.field(
        description="Opaque token for `refreshToken`; usable once, then replaced."
    )
    expires_in: int = strawberry.field(description="Seconds until the access token expires.")
    user: User = strawberry.field(description="The signed-in member.")


def payload(session: Session) -> AuthPayload:
    return AuthPayload(
        access_token=session.access_token,
        refresh_token=session.refresh_token,
        expires_in=session.expires_in,
        user=own(session.user),
    )
