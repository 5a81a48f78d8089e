"""Signing keys and access tokens for tests of subgraphs other than users."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterable
from typing import Any

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from common.auth import Role


class TestKeys:
    __test__ = False  # not a pytest test class

    def __init__(self, *, issuer: str, audience: str) -> None:
        self.issuer = issuer
        self.audience = audience
        self.signing = RSAKey.generate_key(2048, parameters={"kid": f"test-{uuid.uuid4().hex[:8]}"})
        self.key_set = KeySet([self.signing])

    def token(
        self,
        user_id: str,
        *,
        roles: Iterable[Role | str] = (Role.USER,),
        ttl: int = 900,
        key: RSAKey | None = None,
        **overrides: Any,
    ) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": user_id,
            # As users' tokens do: the member's name when the token was issued.
            "name": f"Member {user_id}",
            "roles": [str(r) for r in roles],
            "iat": now,
            "exp": now + ttl,
            **overrides,
        }
        signer = key or self.signing
        return jwt.encode({"alg": "RS256", "kid": signer.kid}, claims, signer)

    def bearer(self, user_id: str, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(user_id, **kwargs)}"}
