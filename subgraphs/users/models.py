"""The users subgraph's documents: accounts, refresh-token families, one-time tokens, OAuth."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from beanie import Document
from pydantic import BaseModel, Field
from pymongo import ASCENDING, IndexModel

from common.media_refs import MEDIA_REF_INDEXES, MediaRef


def utcnow() -> datetime:
    return datetime.now(UTC)


class Privacy(StrEnum):
    PUBLIC = "public"
    FOLLOWERS = "followers"
    PRIVATE = "private"


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class NotificationChannels(BaseModel):
    in_app: bool = True
    email: bool = True
    push: bool = False


class Preferences(BaseModel):
    notifications: NotificationChannels = Field(default_factory=NotificationChannels)
    theme: Theme = Theme.SYSTEM
    language: str = "en"
    privacy: Privacy = Privacy.PUBLIC


class LifeAreas(BaseModel):
    health: int = 50
    finance: int = 50
    family: int = 50
    career: int = 50
    learning: int = 50
    creativity: int = 50


class Totp(BaseModel):
    secret: str
    confirmed: bool = False
    # The last accepted time step: a code is good for one sign-in only.
    last_counter: int = -1


class User(Document):
    email: str
    # Lowercased: the unique index that makes addresses unique whatever their case.
    email_key: str
    email_verified: bool = False
    password_hash: str | None = None
    display_name: str
    avatar_url: str | None = None
    # A completed AVATAR media of the user's (the media subgraph serves its URLs).
    avatar_media_id: str | None = None
    bio: str | None = None
    timezone: str = "UTC"
    locale: str = "en"
    preferences: Preferences = Field(default_factory=Preferences)
    life_areas: LifeAreas = Field(default_factory=LifeAreas)
    roles: list[str] = Field(default_factory=lambda: ["user"])
    totp: Totp | None = None
    # A mobile number the member proved with a texted code, E.164; for SMS notifications.
    phone: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def totp_enabled(self) -> bool:
        return self.totp is not None and self.totp.confirmed

    class Settings:
        name = "users"
        indexes = [IndexModel([("email_key", ASCENDING)], unique=True)]


class PhoneVerification(Document):
    """A code texted to a number the member wants on their account; one pending per member."""

    user_id: str
    phone: str
    salt: str
    code_hash: str
    attempts: int = 0
    expires_at: datetime
    created_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "phone_verifications"
        indexes = [IndexModel([("user_id", ASCENDING)], unique=True)]


class RefreshFamily(Document):
    """One sign-in and every refresh token rotated from it."""

    user_id: str
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = None
    revoked_reason: str | None = None

    class Settings:
        name = "refresh_families"
        indexes = [IndexModel([("user_id", ASCENDING)])]


class RefreshToken(Document):
    # SHA-256 of the opaque token: a database leak yields nothing usable.
    token_hash: str
    family_id: str
    user_id: str
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    rotated_at: datetime | None = None
    # Once rotated: the pair the rotation issued, sealed under this token
    # (domain/tokens.py), handed out again within the reuse grace window.
    successor: str | None = None

    class Settings:
        name = "refresh_tokens"
        indexes = [
            IndexModel([("token_hash", ASCENDING)], unique=True),
            IndexModel([("family_id", ASCENDING)]),
            IndexModel([("user_id", ASCENDING)]),
        ]


class TokenPurpose(StrEnum):
    PASSWORD_RESET = "password_reset"  # noqa: S105 (a purpose, not a password)
    EMAIL_VERIFICATION = "email_verification"


class OneTimeToken(Document):
    token_hash: str
    purpose: TokenPurpose
    user_id: str
    # The address a verification token was sent to: a changed address must not be verified.
    email_key: str
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None

    class Settings:
        name = "one_time_tokens"
        indexes = [
            IndexModel([("token_hash", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING)]),
            IndexModel([("expires_at", ASCENDING)], expireAfterSeconds=24 * 3600),
        ]


class OAuthState(Document):
    """What `oauthStart` must remember for `oauthFinish`: short-lived, used once."""

    state: str
    provider: str
    nonce: str
    code_verifier: str
    redirect_uri: str
    expires_at: datetime

    class Settings:
        name = "oauth_states"
        indexes = [
            IndexModel([("state", ASCENDING)], unique=True),
            IndexModel([("expires_at", ASCENDING)], expireAfterSeconds=0),
        ]


class OAuthIdentity(Document):
    provider: str
    subject: str
    user_id: str
    email: str | None = None
    created_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "oauth_identities"
        indexes = [
            IndexModel([("provider", ASCENDING), ("subject", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING)]),
        ]


class ApiKey(Document):
    """A named credential a member gives a script or integration, traded for access tokens."""

    user_id: str
    name: str
    scopes: list[str]
    # SHA-256 of the secret: 256 random bits need no slow hash, and a leak yields nothing usable.
    token_hash: str
    # The start of the secret, so its owner can tell keys apart.
    prefix: str
    created_at: datetime = Field(default_factory=utcnow)
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    class Settings:
        name = "api_keys"
        indexes = [
            IndexModel([("token_hash", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("_id", ASCENDING)]),
        ]


class CompletedMedia(MediaRef):
    """Avatars the media subgraph verified (`media.media.completed`): whose. What
    `updateProfile(avatarMediaId:)` checks ownership against, without a call. An avatar
    is not exclusive: `holder` stays unset."""

    class Settings:
        name = "completed_media"
        indexes = MEDIA_REF_INDEXES


MODELS: list[type[Document]] = [
    User,
    RefreshFamily,
    RefreshToken,
    OneTimeToken,
    OAuthState,
    OAuthIdentity,
    ApiKey,
    CompletedMedia,
    PhoneVerification,
]
