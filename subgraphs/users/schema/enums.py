"""The users subgraph's GraphQL enums."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What a member may do beyond using their own account.")
class UserRole(Enum):
    USER = "user"
    MODERATOR = "moderator"
    ADMIN = "admin"


@strawberry.enum(description="Who may see a member's profile beyond their display name.")
class ProfilePrivacy(Enum):
    PUBLIC = "public"
    FOLLOWERS = "followers"
    PRIVATE = "private"


@strawberry.enum(description="Colour scheme of the apps.")
class Theme(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@strawberry.enum(description="What a token traded for an API key may do.")
class ApiKeyScope(Enum):
    READ = "read"
    WRITE = "write"


@strawberry.enum(description="An OpenID Connect provider members can sign in with.")
class OAuthProvider(Enum):
    GOOGLE = "google"
    APPLE = "apple"
