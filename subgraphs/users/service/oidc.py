"""Sign-in with OpenID Connect providers (Google, Apple): authorization URL, code exchange,
ID token validation. Protocol only; what an identity means for accounts is in `oauth`."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

import httpx
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey

from common.auth import RemoteKeySource
from common.errors import Unauthenticated
from common.settings import OAuthProviderSettings
from common.urlguard import RefusedUrl, UrlGuard

log = logging.getLogger(__name__)

METADATA_MAX_AGE = 3600.0
JWKS_MAX_AGE = 3600.0
# Google and Apple sign ID tokens with RS256 (also the OpenID Connect default).
ID_TOKEN_ALGORITHMS = ["RS256"]


@dataclass(frozen=True, slots=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True, slots=True)
class ProvenIdentity:
    subject: str
    email: str | None
    email_verified: bool
    name: str | None


class OidcProvider:
    def __init__(
        self, name: str, config: OAuthProviderSettings, guard: UrlGuard | None = None
    ) -> None:
        self.name = name
        self._config = config
        # Every URL the server itself calls (discovery, token, JWKS) goes through the
        # guard: the discovery document is someone else's and could point inward.
        self._guard = guard or UrlGuard()
        self._metadata: ProviderMetadata | None = None
        self._fetched_at = float("-inf")
        self._keys: RemoteKeySource | None = None
        self._keys_url = ""

    async def authorization_url(
        self, *, redirect_uri: str, state: str, nonce: str, code_verifier: str
    ) -> str:
        meta = await self._meta()
        extra: dict[str, str] = {}
        if self._is_apple:
            # Apple posts the result back when name or email are requested.
            extra["response_mode"] = "form_post"
        url = prepare_grant_uri(
            meta.authorization_endpoint,
            client_id=self._config.client_id,
            response_type="code",
            redirect_uri=redirect_uri,
            scope=" ".join(self._config.scopes),
            state=state,
            nonce=nonce,
            code_challenge=create_s256_code_challenge(code_verifier),
            code_challenge_method="S256",
            **extra,
        )
        return str(url)

    async def exchange(
        self, *, code: str, redirect_uri: str, code_verifier: str, nonce: str
    ) -> ProvenIdentity:
        meta = await self._meta()
        # client_secret_post with PKCE (RFC 6749 4.1.3, RFC 7636 4.5).
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": code_verifier,
            "client_id": self._config.client_id,
            "client_secret": self._client_secret(meta) or "",
        }
        try:
            await self._guard.check(meta.token_endpoint)
            async with httpx.AsyncClient(timeout=10.0, transport=self._guard.transport()) as http:
                response = await http.post(
                    meta.token_endpoint, data=form, headers={"Accept": "application/json"}
                )
            token = _token_response(response)
        except (httpx.HTTPError, ValueError, RefusedUrl) as exc:
            log.warning("%s token endpoint failed", self.name, exc_info=True)
            raise Unauthenticated(f"{self.name} could not be reached; try again.") from exc
        if "error" in token:
            reason = token.get("error_description") or token["error"]
            raise Unauthenticated(f"{self.name} refused the sign-in: {reason}.")
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise Unauthenticated(f"{self.name} returned no ID token.")
        claims = await self._verify_id_token(id_token, meta, nonce)
        email = claims.get("email")
        return ProvenIdentity(
            subject=str(claims["sub"]),
            email=email if isinstance(email, str) else None,
            # Apple sends the flag as a string.
            email_verified=claims.get("email_verified") in (True, "true"),
            name=claims.get("name") if isinstance(claims.get("name"), str) else None,
        )

    async def _verify_id_token(
        self, id_token: str, meta: ProviderMetadata, nonce: str
    ) -> dict[str, Any]:
        key = await self._signing_key(id_token, meta)
        registry = jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": meta.issuer},
            aud={"essential": True, "value": self._config.client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            decoded = jwt.decode(id_token, key, algorithms=ID_TOKEN_ALGORITHMS)
            registry.validate(decoded.claims)
        except (JoseError, ValueError) as exc:
            raise Unauthenticated(f"The ID token from {self.name} is not valid: {exc}") from exc
        return decoded.claims

    async def _signing_key(self, id_token: str, meta: ProviderMetadata) -> RSAKey:
        try:
            kid = jws.extract_compact(id_token.encode()).headers().get("kid")
        except (JoseError, ValueError) as exc:
            raise Unauthenticated(f"The ID token from {self.name} is malformed.") from exc
        if not isinstance(kid, str) or not kid:
            raise Unauthenticated(f"The ID token from {self.name} names no signing key.")
        if self._keys is None or self._keys_url != meta.jwks_uri:
            # Cached by kid; a kid not seen yet (the provider rotated) fetches the set
            # again. No refetch cooldown: ID tokens come from the provider's token
            # endpoint over our own request, never from a client.
            self._keys = RemoteKeySource(
                meta.jwks_uri, max_age=JWKS_MAX_AGE, refetch_cooldown=0.0, guard=self._guard
            )
            self._keys_url = meta.jwks_uri
        try:
            key = await self._keys.get_key(kid)
        except (httpx.HTTPError, ValueError, RefusedUrl) as exc:
            log.warning("%s JWKS fetch failed", self.name, exc_info=True)
            raise Unauthenticated(f"{self.name} could not be reached; try again.") from exc
        if key is None:
            raise Unauthenticated(f"The ID token from {self.name} is signed by an unknown key.")
        return key

    @property
    def _is_apple(self) -> bool:
        return bool(self._config.team_id and self._config.key_id and self._config.private_key)

    def _client_secret(self, meta: ProviderMetadata) -> str | None:
        if not self._is_apple:
            secret = self._config.client_secret
            return secret.get_secret_value() if secret else None
        assert self._config.private_key is not None
        key = ECKey.import_key(self._config.private_key.get_secret_value())
        now = int(time.time())
        claims = {
            "iss": self._config.team_id,
            "iat": now,
            "exp": now + 300,
            # Apple's documented audience is its issuer, https://appleid.apple.com.
            "aud": meta.issuer,
            "sub": self._config.client_id,
        }
        header = {"alg": "ES256", "kid": self._config.key_id}
        return jwt.encode(header, claims, key, algorithms=["ES256"])

    async def _meta(self) -> ProviderMetadata:
        if self._metadata is None or time.monotonic() - self._fetched_at > METADATA_MAX_AGE:
            try:
                await self._guard.check(self._config.discovery_url)
                transport = self._guard.transport()
                async with httpx.AsyncClient(timeout=10.0, transport=transport) as http:
                    response = await http.get(self._config.discovery_url)
                    response.raise_for_status()
                    raw = response.json()
                self._metadata = ProviderMetadata(
                    issuer=raw["issuer"],
                    authorization_endpoint=raw["authorization_endpoint"],
                    token_endpoint=raw["token_endpoint"],
                    jwks_uri=raw["jwks_uri"],
                )
            except (httpx.HTTPError, ValueError, KeyError, RefusedUrl) as exc:
                log.warning("%s discovery failed", self.name, exc_info=True)
                raise Unauthenticated(f"{self.name} could not be reached; try again.") from exc
            self._fetched_at = time.monotonic()
        return self._metadata


def _token_response(response: httpx.Response) -> dict[str, Any]:
    """The token endpoint's JSON object, errors included (RFC 6749 5.2 answers them with 400);
    an HTTP error for anything else (a gateway's 502 page, a rate limit's HTML)."""
    if response.status_code >= 500:
        response.raise_for_status()
    try:
        token = response.json()
    except ValueError:
        token = None
    if not isinstance(token, dict):
        response.raise_for_status()
        raise ValueError(f"the token response is not a JSON object (HTTP {response.status_code})")
    return token
