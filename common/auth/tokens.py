"""Verification of LifeGraph access tokens (RS256 JWTs signed by the users subgraph)."""

from __future__ import annotations

import base64
import json
import logging
import time
from collections.abc import Callable

import httpx
from joserfc import jwt
from joserfc.errors import ExpiredTokenError, JoseError

from common.auth.keys import KeySource
from common.auth.principal import Principal, Role
from common.errors import Unauthenticated
from common.lru import LruCache

log = logging.getLogger(__name__)

ALGORITHM = "RS256"


class TokenExpired(Unauthenticated):
    """A well-signed token past its `exp`: the client should refresh it and try again."""


class TokenVerifier:
    """Verifies access tokens; a token verified once is trusted again until it expires.

    One request reaches several subgraphs (seven verifications of one token per home
    screen in the embedded host), so a verified token is remembered, by its exact text,
    until its `exp` or for `cache_seconds`, whichever is sooner. `cache_seconds` stays
    below the JWKS cache's age, so a withdrawn key is not trusted longer than before.
    Failures are never remembered.

    ```python
    verifier = TokenVerifier(keys, issuer=settings.jwt_issuer, audience=settings.jwt_audience)
    principal = await verifier.verify_header(request.headers.get("authorization"))
    ```
    """

    def __init__(
        self,
        keys: KeySource,
        *,
        issuer: str,
        audience: str,
        leeway: int = 30,
        cache_size: int = 1024,
        cache_seconds: float = 60.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._verified: LruCache[str, tuple[float, Principal]] = LruCache(cache_size)
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._claims = jwt.JWTClaimsRegistry(
            leeway=leeway,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            sub={"essential": True},
            exp={"essential": True},
        )

    async def verify(self, token: str) -> Principal:
        """The principal a token proves, or `Unauthenticated` (bad, expired, unknown key).

        ```python
        principal = await verifier.verify(token)
        ```
        """
        now = self._clock()
        cached = self._verified.get(token)
        if cached is not None and now < cached[0]:
            return cached[1]
        principal = await self._verify(token)
        expires = principal.claims.get("exp")
        if isinstance(expires, int | float):
            self._verified.put(token, (min(float(expires), now + self._cache_seconds), principal))
        return principal

    async def _verify(self, token: str) -> Principal:
        kid = self._unverified_kid(token)
        try:
            key = await self._keys.get_key(kid)
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("jwks unavailable", extra={"error": str(exc)})
            raise Unauthenticated("Signing keys are unavailable; try again shortly.") from exc
        if key is None:
            raise Unauthenticated("The token was signed by an unknown key.")
        try:
            # Pinning the algorithm list is what rejects `alg: none` and HS256-with-public-key.
            decoded = jwt.decode(token, key, algorithms=[ALGORITHM])
            self._claims.validate(decoded.claims)
        except ExpiredTokenError as exc:
            raise TokenExpired(f"Invalid token: {exc.description or exc.error}.") from exc
        except JoseError as exc:
            raise Unauthenticated(f"Invalid token: {exc.description or exc.error}.") from exc
        claims = decoded.claims
        roles = frozenset(
            Role(r) for r in claims.get("roles", []) if r in Role.__members__.values()
        )
        scope = claims.get("scope")
        scopes = frozenset(scope.split()) if isinstance(scope, str) else None
        return Principal(
            user_id=str(claims["sub"]),
            roles=roles or frozenset({Role.USER}),
            claims=claims,
            scopes=scopes,
        )

    async def verify_header(self, authorization: str | None) -> Principal | None:
        """The principal of an `Authorization: Bearer <token>` header; None without one.

        ```python
        principal = await verifier.verify_header(request.headers.get("authorization"))
        ```
        """
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("Authorization must be 'Bearer <token>'.")
        return await self.verify(token.strip())

    @staticmethod
    def _unverified_kid(token: str) -> str:
        header = _decode_header(token)
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise Unauthenticated("The token has no key id.")
        if header.get("alg") != ALGORITHM:
            raise Unauthenticated(f"Only {ALGORITHM} tokens are accepted.")
        return kid


def _decode_header(token: str) -> dict[str, object]:
    head = token.split(".", 1)[0]
    try:
        value = json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))
    except (ValueError, UnicodeDecodeError) as exc:
        raise Unauthenticated("The token is malformed.") from exc
    if not isinstance(value, dict):
        raise Unauthenticated("The token is malformed.")
    return value
