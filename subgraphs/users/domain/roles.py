"""How an account's roles are stored: in rank order, and `user` always."""

from __future__ import annotations

from collections.abc import Iterable

from common.auth import Role


def ranked(roles: Iterable[str]) -> list[str]:
    """`roles` as stored: ordered as `Role` ranks them, with `user` always among them."""
    wanted = set(roles)
    return [r.value for r in Role if r is Role.USER or r.value in wanted]
