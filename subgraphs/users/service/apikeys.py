"""API keys: named, revocable credentials for scripts, traded for short-lived access tokens.

The secret is shown once and stored as its SHA-256. A token traded for a key
says so (`amr: ["api_key"]`, `scope`, `api_key_id`) and carries only the `user`
role, so a leaked key never administers or moderates; the holder of a key can
neither make nor revoke keys (see `subgraphs.users.domain.scopes`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from common.errors import BadUserInput, Conflict, NotFound, Unauthenticated
from common.repository import Page, PageRequest
from subgraphs.users.domain.tokens import hash_token
from subgraphs.users.models import ApiKey, User, utcnow
from subgraphs.users.repository import Repositories
from subgraphs.users.service.sessions import Sessions

KEY_PREFIX = "lg_"
SHOWN_CHARACTERS = 8  # of the random part: enough to tell keys apart, far too few to guess
MAX_NAME = 100
MAX_ACTIVE_KEYS = 25
INVALID_KEY = "The API key is not valid or has been revoked."


class Scope(StrEnum):
    READ = "read"
    WRITE = "write"


DEFAULT_SCOPES = (Scope.READ,)


@dataclass(frozen=True, slots=True)
class CreatedKey:
    key: ApiKey
    secret: str  # shown to the member once; only its hash is stored


@dataclass(frozen=True, slots=True)
class KeyToken:
    access_token: str
    expires_in: int
    key: ApiKey
    user: User


class ApiKeyService:
    def __init__(self, repos: Repositories, sessions: Sessions) -> None:
        self._repos = repos
        self._sessions = sessions

    async def create(
        self, user_id: str, *, name: str, scopes: Iterable[Scope] | None
    ) -> CreatedKey:
        label = " ".join(name.split())
        if not label or len(label) > MAX_NAME:
            raise BadUserInput(f"Name the key in 1 to {MAX_NAME} characters.", field="name")
        chosen = set(DEFAULT_SCOPES if scopes is None else scopes)
        if not chosen:
            raise BadUserInput("Give the key at least one scope.", field="scopes")
        if await self._repos.api_keys.count_active(user_id) >= MAX_ACTIVE_KEYS:
            raise Conflict(f"You have {MAX_ACTIVE_KEYS} API keys; revoke one first.")
        random_part = secrets.token_urlsafe(32)  # 256 random bits
        secret = f"{KEY_PREFIX}{random_part}"
        key = ApiKey(
            user_id=user_id,
            name=label,
            scopes=[s.value for s in Scope if s in chosen],
            token_hash=hash_token(secret),
            prefix=f"{KEY_PREFIX}{random_part[:SHOWN_CHARACTERS]}",
        )
        await self._repos.api_keys.insert(key)
        return CreatedKey(key=key, secret=secret)

    async def list(self, user_id: str, request: PageRequest) -> Page[ApiKey]:
        """The member's keys, newest first, revoked ones included (with when)."""
        return await self._repos.api_keys.list_page(user_id, request)

    async def revoke(self, user_id: str, key_id: str) -> ApiKey:
        revoked = await self._repos.api_keys.revoke(key_id, user_id, at=utcnow())
        if revoked is None:
            # Someone else's key is answered like no key: ids reveal nothing.
            raise NotFound("You have no API key with this id.")
        return revoked

    async def exchange(self, secret: str) -> KeyToken:
        key = await self._repos.api_keys.active_by_hash(hash_token(secret.strip()))
        user = await self._repos.users.get(key.user_id) if key else None
        if key is None or user is None:
            raise Unauthenticated(INVALID_KEY)
        now = utcnow()
        await self._repos.api_keys.touch(str(key.id), at=now)
        return KeyToken(
            access_token=self._sessions.api_key_token(key, user.display_name, now),
            expires_in=self._sessions.access_token_ttl,
            key=key,
            user=user,
        )
