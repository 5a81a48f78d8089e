"""Sign-in sessions: access tokens, and refresh tokens rotated within a family."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from common.auth import Role
from common.errors import Unauthenticated
from common.settings import UsersSettings
from subgraphs.users.domain.scopes import API_KEY_AMR
from subgraphs.users.domain.tokens import hash_token, new_opaque_token, open_with, seal_for
from subgraphs.users.models import ApiKey, RefreshFamily, RefreshToken, User, utcnow
from subgraphs.users.repository import Repositories
from subgraphs.users.service.signing import SigningKeys

log = logging.getLogger(__name__)

INVALID_REFRESH = "The refresh token is not valid; sign in again."


@dataclass(frozen=True, slots=True)
class Session:
    access_token: str
    refresh_token: str
    expires_in: int
    user: User


class Sessions:
    def __init__(
        self,
        repos: Repositories,
        keys: SigningKeys,
        settings: UsersSettings,
        *,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._repos = repos
        self._keys = keys
        self._settings = settings
        self._clock = clock

    async def start(self, user: User) -> Session:
        family = RefreshFamily(user_id=str(user.id))
        await self._repos.families.insert(family)
        return await self._issue(user, str(family.id), self._clock())

    async def rotate(self, refresh_token: str) -> Session:
        """A new pair for `refresh_token`, which is spent by it.

        Presented again within the reuse grace window (parallel requests that each
        refreshed), it returns the same new pair; after that, it revokes the family.
        """
        now = self._clock()
        token_hash = hash_token(refresh_token)
        current = await self._repos.refresh_tokens.by_hash(token_hash)
        if current is not None and current.rotated_at is None:
            won = await self._rotate_once(current, refresh_token, now)
            if won is not None:
                return won
            # A concurrent refresh with the same token won: answer as a reuse of it.
            current = await self._repos.refresh_tokens.by_hash(token_hash)
        if current is None:
            raise Unauthenticated(INVALID_REFRESH)
        return await self._reused(current, refresh_token, now)

    async def _rotate_once(
        self, current: RefreshToken, refresh_token: str, now: datetime
    ) -> Session | None:
        family = await self._repos.families.get(current.family_id)
        if current.expires_at <= now or family is None or family.revoked_at is not None:
            raise Unauthenticated(INVALID_REFRESH)
        user = await self._repos.users.get(current.user_id)
        if user is None:
            raise Unauthenticated(INVALID_REFRESH)
        # The successor is stored before the claim that names it, so a pair handed out
        # by a racing request is always usable; a losing request's row is dropped unseen.
        successor, row = await self._issue_row(user, current.family_id, now)
        pair = json.dumps([successor.access_token, successor.refresh_token]).encode()
        claimed = await self._repos.refresh_tokens.claim(
            current.token_hash, at=now, successor=seal_for(refresh_token, pair)
        )
        if claimed is None:
            await self._repos.refresh_tokens.delete(row)
            return None
        return successor

    async def _reused(self, rotated: RefreshToken, refresh_token: str, now: datetime) -> Session:
        assert rotated.rotated_at is not None
        grace = timedelta(seconds=self._settings.refresh_token_reuse_grace_seconds)
        if now - rotated.rotated_at > grace or rotated.successor is None:
            # A rotated token coming back means two parties hold the family: a thief
            # and its owner. Neither can tell which is which, so end the family.
            log.warning(
                "refresh token reuse; family revoked",
                extra={"user_id": rotated.user_id, "family_id": rotated.family_id},
            )
            await self._repos.families.revoke(rotated.family_id, at=now, reason="reuse")
            raise Unauthenticated(INVALID_REFRESH)
        family = await self._repos.families.get(rotated.family_id)
        user = await self._repos.users.get(rotated.user_id)
        pair = open_with(refresh_token, rotated.successor)
        if family is None or family.revoked_at is not None or user is None or pair is None:
            raise Unauthenticated(INVALID_REFRESH)
        access_token, successor = json.loads(pair)
        elapsed = int((now - rotated.rotated_at).total_seconds())
        return Session(
            access_token=access_token,
            refresh_token=successor,
            expires_in=max(0, self._settings.access_token_ttl_seconds - elapsed),
            user=user,
        )

    async def end(self, refresh_token: str) -> bool:
        found = await self._repos.refresh_tokens.by_hash(hash_token(refresh_token))
        if found is None:
            return False
        await self._repos.families.revoke(found.family_id, at=self._clock(), reason="logout")
        return True

    async def end_all(
        self,
        user_id: str,
        *,
        reason: str,
        keep: str | None = None,
        session: AsyncClientSession | None = None,
    ) -> int:
        return await self._repos.families.revoke_all(
            user_id, at=self._clock(), reason=reason, keep=keep, session=session
        )

    async def _issue(self, user: User, family_id: str, now: datetime) -> Session:
        return (await self._issue_row(user, family_id, now))[0]

    async def _issue_row(
        self, user: User, family_id: str, now: datetime
    ) -> tuple[Session, RefreshToken]:
        refresh = new_opaque_token()
        ttl = timedelta(seconds=self._settings.refresh_token_ttl_seconds)
        row = await self._repos.refresh_tokens.insert(
            RefreshToken(
                token_hash=hash_token(refresh),
                family_id=family_id,
                user_id=str(user.id),
                created_at=now,
                expires_at=now + ttl,
            )
        )
        session = Session(
            access_token=self.access_token(user, family_id, now),
            refresh_token=refresh,
            expires_in=self._settings.access_token_ttl_seconds,
            user=user,
        )
        return session, row

    def access_token(self, user: User, family_id: str, now: datetime) -> str:
        return self._keys.sign(
            {
                **self._claims(str(user.id), list(user.roles), user.display_name, now),
                # The session (refresh family), so "sign out other devices" can spare this one.
                "sid": family_id,
            }
        )

    def api_key_token(self, key: ApiKey, display_name: str, now: datetime) -> str:
        """A token for a script holding an API key: the member's identity, none of their
        staff roles, and the key's scopes."""
        return self._keys.sign(
            {
                **self._claims(key.user_id, [Role.USER.value], display_name, now),
                "amr": [API_KEY_AMR],
                "scope": " ".join(key.scopes),
                "api_key_id": str(key.id),
            }
        )

    @property
    def access_token_ttl(self) -> int:
        return self._settings.access_token_ttl_seconds

    def _claims(
        self, user_id: str, roles: list[str], display_name: str, now: datetime
    ) -> dict[str, Any]:
        issued = int(now.timestamp())
        return {
            "iss": self._settings.jwt_issuer,
            "aud": self._settings.jwt_audience,
            "sub": user_id,
            # Lets a subgraph that shows the member beside their writes (chat) know
            # them before users' registration event reaches it.
            "name": display_name,
            "roles": roles,
            "iat": issued,
            "exp": issued + self._settings.access_token_ttl_seconds,
            "jti": uuid.uuid4().hex,
        }
