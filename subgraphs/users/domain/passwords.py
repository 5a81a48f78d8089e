"""Password policy and argon2id hashing."""

from __future__ import annotations

import asyncio
from functools import cache
from importlib import resources

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from common.errors import BadUserInput

MIN_LENGTH = 10
MAX_LENGTH = 256


@cache
def common_passwords() -> frozenset[str]:
    text = (
        resources.files("subgraphs.users.domain")
        .joinpath("common_passwords.txt")
        .read_text("utf-8")
    )
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def check_policy(password: str, *, field: str = "password") -> None:
    if len(password) < MIN_LENGTH:
        raise BadUserInput(f"The password must have at least {MIN_LENGTH} characters.", field=field)
    # argon2 takes any length, but an unbounded input is an easy way to burn our CPU.
    if len(password) > MAX_LENGTH:
        raise BadUserInput(f"The password must have at most {MAX_LENGTH} characters.", field=field)
    if password.lower() in common_passwords():
        raise BadUserInput(
            "This password is among the most common ones; choose another.", field=field
        )


class Passwords:
    """argon2id hashes, computed off the event loop (each takes tens of milliseconds)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, password_hash: str, password: str) -> bool:
        try:
            return await asyncio.to_thread(self._hasher.verify, password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    async def burn(self, password: str) -> None:
        """Spend the time a verification would, so unknown accounts answer as slowly as known."""
        await self.verify(await asyncio.to_thread(_dummy_hash), password)


@cache
def _dummy_hash() -> str:
    return PasswordHasher().hash("lifegraph-timing-equaliser")
