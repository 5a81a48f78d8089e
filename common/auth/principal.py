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

    def has_role(self, role: Role) -> bool:
        # Admins can do whatever moderators can.
        if role is Role.MODERATOR:
            return bool(self.roles & {Role.MODERATOR, Role.ADMIN})
        return role in self.roles
