"""A small OpenID Connect provider for tests: discovery, authorize, token (PKCE), JWKS.

It speaks real HTTP on loopback, so the users subgraph's authlib client is
exercised end to end.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route


@dataclass
class Account:
    """Who signs in at the provider next."""

    subject: str
    email: str | None
    email_verified: bool | str = True
    name: str | None = "Grace Hopper"


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    nonce: str
    challenge: str
    account: Account


@dataclass
class AppleClient:
    """Apple authenticates clients with an ES256 JWT signed by the developer's key."""

    team_id: str
    key_id: str
    key: ECKey


@dataclass
class LoopbackProvider:
    client_id: str
    client_secret: str | None = None
    apple: AppleClient | None = None
    issuer: str = ""
    account: Account = field(default_factory=lambda: Account("sub-1", "grace@example.org"))
    id_token_overrides: dict[str, Any] = field(default_factory=dict)
    key: RSAKey = field(
        default_factory=lambda: RSAKey.generate_key(
            2048, parameters={"kid": "op-key"}, private=True
        )
    )
    # Signs ID tokens instead of `key` without being published: a forger's key.
    rogue_key: RSAKey | None = None
    token_requests: list[dict[str, str]] = field(default_factory=list)
    jwks_requests: int = 0
    _grants: dict[str, _Grant] = field(default_factory=dict)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self._discovery),
                Route("/authorize", self._authorize),
                Route("/token", self._token, methods=["POST"]),
                Route("/jwks", self._jwks),
            ]
        )

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    async def _discovery(self, _: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.issuer,
                "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token",
                "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def _authorize(self, request: Request) -> Response:
        q = request.query_params
        problems = [
            name
            for name, ok in [
                ("response_type", q.get("response_type") == "code"),
                ("client_id", q.get("client_id") == self.client_id),
                ("code_challenge_method", q.get("code_challenge_method") == "S256"),
                ("code_challenge", bool(q.get("code_challenge"))),
                ("nonce", bool(q.get("nonce"))),
                ("state", bool(q.get("state"))),
                ("scope", "openid" in q.get("scope", "").split()),
            ]
            if not ok
        ]
        if problems:
            return JSONResponse({"error": "invalid_request", "fields": problems}, 400)
        code = secrets.token_urlsafe(24)
        self._grants[code] = _Grant(
            client_id=q["client_id"],
            redirect_uri=q["redirect_uri"],
            nonce=q["nonce"],
            challenge=q["code_challenge"],
            account=self.account,
        )
        target = f"{q['redirect_uri']}?{urlencode({'code': code, 'state': q['state']})}"
        return RedirectResponse(target, status_code=302)

    async def _token(self, request: Request) -> Response:
        form = {k: str(v) for k, v in (await request.form()).items()}
        self.token_requests.append(form)
        grant = self._grants.pop(form.get("code", ""), None)
        if grant is None or form.get("grant_type") != "authorization_code":
            return _error("invalid_grant", "unknown or used code")
        if form.get("redirect_uri") != grant.redirect_uri:
            return _error("invalid_grant", "redirect_uri differs")
        if not self._client_authenticated(form):
            return _error("invalid_client", "bad client credentials", 401)
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if not hmac.compare_digest(challenge.decode().rstrip("="), grant.challenge):
            return _error("invalid_grant", "PKCE verification failed")
        return JSONResponse(
            {
                "access_token": secrets.token_urlsafe(16),
                "token_type": "Bearer",
                "expires_in": 3600,
                "id_token": self._id_token(grant),
            }
        )

    def _client_authenticated(self, form: dict[str, str]) -> bool:
        if form.get("client_id") != self.client_id:
            return False
        secret = form.get("client_secret", "")
        if self.apple is None:
            return self.client_secret is not None and hmac.compare_digest(
                secret, self.client_secret
            )
        try:
            token = jwt.decode(secret, self.apple.key, algorithms=["ES256"])
        except (JoseError, ValueError):
            return False
        claims = token.claims
        return (
            token.header.get("kid") == self.apple.key_id
            and claims.get("iss") == self.apple.team_id
            and claims.get("sub") == self.client_id
            and claims.get("aud") == self.issuer
            and int(claims.get("exp", 0)) > time.time()
        )

    def _id_token(self, grant: _Grant) -> str:
        now = int(time.time())
        account = grant.account
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": grant.client_id,
            "sub": account.subject,
            "nonce": grant.nonce,
            "iat": now,
            "exp": now + 600,
            "email_verified": account.email_verified,
        }
        if account.email:
            claims["email"] = account.email
        if account.name:
            claims["name"] = account.name
        claims.update(self.id_token_overrides)
        signer = self.rogue_key or self.key
        return jwt.encode({"alg": "RS256", "kid": signer.kid}, claims, signer)

    async def _jwks(self, _: Request) -> Response:
        self.jwks_requests += 1
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})


def _error(error: str, description: str, status: int = 400) -> Response:
    return JSONResponse({"error": error, "error_description": description}, status)
