"""Where verification keys come from: a fixed key set, or a JWKS URL cached by `kid`."""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

import httpx
from joserfc.jwk import KeySet, RSAKey

from common.urlguard import UrlGuard


class KeySource(Protocol):
    """Where `TokenVerifier` finds the public key of a token's `kid` (None: unknown key).

    ```python
    verifier = TokenVerifier(StaticKeySource(key_set), issuer=issuer, audience=audience)
    ```
    """

    async def get_key(self, kid: str) -> RSAKey | None:
        """The RSA public key with this `kid`, or None when the source has no such key."""


class StaticKeySource:
    """A fixed key set, for tests and for a process that holds the keys itself.

    ```python
    open_infrastructure(settings, key_source=StaticKeySource(test_keys.key_set))
    ```
    """

    def __init__(self, key_set: KeySet) -> None:
        self._keys = {k.kid: k for k in key_set.keys if isinstance(k, RSAKey) and k.kid}

    async def get_key(self, kid: str) -> RSAKey | None:
        return self._keys.get(kid)


class RemoteKeySource:
    """Fetches a JWKS lazily; an unknown `kid` triggers at most one refetch per cooldown.

    The cooldown stops a flood of tokens with made-up kids from turning into a
    flood of JWKS requests.

    ```python
    keys = RemoteKeySource(settings.jwks_url, max_age=settings.jwks_cache_seconds)
    ```
    """

    def __init__(
        self,
        url: str,
        *,
        client: httpx.AsyncClient | None = None,
        max_age: float = 300.0,
        refetch_cooldown: float = 10.0,
        guard: UrlGuard | None = None,
    ) -> None:
        self._url = url
        self._client = client
        # For a URL from someone else's document (an OIDC provider's jwks_uri): fetched
        # only from public addresses. The router's own JWKS URL is operator-set.
        self._guard = guard
        self._max_age = max_age
        self._cooldown = refetch_cooldown
        self._keys: dict[str, RSAKey] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def get_key(self, kid: str) -> RSAKey | None:
        now = time.monotonic()
        stale = now - self._fetched_at > self._max_age
        unknown = kid not in self._keys and now - self._fetched_at > self._cooldown
        if stale or unknown:
            async with self._lock:
                # Decided again under the lock: who waited behind a refresh uses its keys.
                # (Deciding on the `stale` seen before waiting refetched once per waiter:
                # every request verifying a token when the cache aged out, one by one.)
                age = time.monotonic() - self._fetched_at
                if age > self._max_age or (kid not in self._keys and age > self._cooldown):
                    await self._refresh()
        return self._keys.get(kid)

    async def _refresh(self) -> None:
        if self._guard is not None:
            await self._guard.check(self._url)
        transport = self._guard.transport() if self._guard is not None else None
        client = self._client or httpx.AsyncClient(timeout=5.0, transport=transport)
        try:
            response = await client.get(self._url)
            response.raise_for_status()
            key_set = KeySet.import_key_set(response.json())
        finally:
            if self._client is None:
                await client.aclose()
        self._keys = {k.kid: k for k in key_set.keys if isinstance(k, RSAKey) and k.kid}
        self._fetched_at = time.monotonic()
