"""Granting and revoking roles by email address: how operators make the first admin."""

from __future__ import annotations

from common.auth import Role
from common.db import Database
from common.errors import BadUserInput, NotFound
from subgraphs.users.domain.roles import ranked
from subgraphs.users.domain.validation import email_key
from subgraphs.users.repository.users import RoleStore


async def grant_role(database: Database, email: str, role: Role) -> list[str]:
    """Give the account with this address `role`; its roles afterwards."""
    roles = await RoleStore(database).change(
        email_key(email), lambda current: ranked([*current, role.value])
    )
    return _found(roles, email)


async def revoke_role(database: Database, email: str, role: Role) -> list[str]:
    """Take `role` from the account with this address; its roles afterwards."""
    if role is Role.USER:
        raise BadUserInput("Every member keeps the user role.", field="role")
    roles = await RoleStore(database).change(
        email_key(email), lambda current: ranked(set(current) - {role.value})
    )
    return _found(roles, email)


def _found(roles: list[str] | None, email: str) -> list[str]:
    if roles is None:
        raise NotFound(f"There is no account with the address {email}.")
    return roles
