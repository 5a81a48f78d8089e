from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    USER = "user"
    MODERATOR = "moderator"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling, as proven by a verified access token."""

    user_id: str
    roles: frozenset[Role] = frozenset({Role.USER})
    claims: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # OAuth-style scopes (`scope` claim) of a delegated token, e.g. one traded for an
    # API key; None for a member's own sign-in, which may do anything they may.
    scopes: frozenset[str] | None = None

    def may(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes

    @property
    def display_name(self) -> str | None:
        """The member's name when the token was issued (`name` claim), if it carries one."""
        name = self.claims.get("name")
        return name if isinstance(name, str) and name else None

    def is_self_or_admin(self, user_id: str) -> bool:
        return self.user_id == user_id or self.has_role(Role.ADMIN)

    def has_role(self, role: Role) -> bool:
        # Admins can do whatever moderators can.
        if role is Role.MODERATOR:
            return bool(self.roles & {Role.MODERATOR, Role.ADMIN})
        return role in self.roles


def sees_profile(viewer: Principal | None, owner_id: str, privacy: str) -> bool:
    """Whether `viewer` sees more of a member's profile than the display name.

    One rule for every subgraph that shows profile fields (users owns them, chat
    provides some beside messages). Follows live in community, which the others
    never read, so a followers-only profile is shown to others as if it were private.
    """
    if viewer is not None and viewer.is_self_or_admin(owner_id):
        return True
    return privacy == "public"
