"""Verification of LifeGraph access tokens (RS256 JWTs signed by the users subgraph)."""

from __future__ import annotations

import base64
import json
import logging

import httpx
from joserfc import jwt
from joserfc.errors import JoseError

from common.auth.keys import KeySource
from common.auth.principal import Principal, Role
from common.errors import Unauthenticated

log = logging.getLogger(__name__)

ALGORITHM = "RS256"


class TokenVerifier:
    def __init__(self, keys: KeySource, *, issuer: str, audience: str, leeway: int = 30) -> None:
        self._keys = keys
        self._claims = jwt.JWTClaimsRegistry(
            leeway=leeway,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": audience},
            sub={"essential": True},
            exp={"essential": True},
        )

    async def verify(self, token: str) -> Principal:
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
