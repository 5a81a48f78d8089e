from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """A member's role (the token's `roles` claim); admins hold moderator's rights too.

    ```python
    await info.context.require_role(Role.ADMIN)
    ```
    """

    USER = "user"
    MODERATOR = "moderator"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling, as proven by a verified access token.

    ```python
    viewer = await info.context.require_viewer()
    if not viewer.is_self_or_admin(goal.owner_id):
        raise Forbidden("Not your goal.")
    ```
    """

    user_id: str
    roles: frozenset[Role] = frozenset({Role.USER})
    claims: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # OAuth-style scopes (`scope` claim) of a delegated token, e.g. one traded for an
    # API key; None for a member's own sign-in, which may do anything they may.
    scopes: frozenset[str] | None = None

    def may(self, scope: str) -> bool:
        """Whether a delegated token carries `scope`; a member's own sign-in may do anything.

        ```python
        if not viewer.may("write"):
            raise Forbidden("This token may only read.", scope="write")
        ```
        """
        return self.scopes is None or scope in self.scopes

    @property
    def display_name(self) -> str | None:
        """The member's name when the token was issued (`name` claim), if it carries one.

        ```python
        author_name = viewer.display_name or "A member"
        ```
        """
        name = self.claims.get("name")
        return name if isinstance(name, str) and name else None

    def is_self_or_admin(self, user_id: str) -> bool:
        """Whether the caller is `user_id` or an admin: who may act on a member's data.

        ```python
        if not viewer.is_self_or_admin(user_id):
            raise Forbidden("Only the member or an admin may do this.")
        ```
        """
        return self.user_id == user_id or self.has_role(Role.ADMIN)

    def has_role(self, role: Role) -> bool:
        """Whether the caller holds `role`; an admin holds `Role.MODERATOR` too.

        ```python
        moderator = viewer.has_role(Role.MODERATOR)
        ```
        """
        # Admins can do whatever moderators can.
        if role is Role.MODERATOR:
            return bool(self.roles & {Role.MODERATOR, Role.ADMIN})
        return role in self.roles


def sees_profile(viewer: Principal | None, owner_id: str, privacy: str) -> bool:
    """Whether `viewer` sees more of a member's profile than the display name.

    One rule for every subgraph that shows profile fields (users owns them, chat
    provides some beside messages). Follows live in community, which the others
    never read, so a followers-only profile is shown to others as if it were private.

    ```python
    bio = profile.bio if sees_profile(viewer, profile.user_id, profile.privacy) else None
    ```
    """
    if viewer is not None and viewer.is_self_or_admin(owner_id):
        return True
    return privacy == "public"
