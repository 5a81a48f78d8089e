"""The JWKS cache: fetched once when it ages out, however many verifications wait on it."""

from __future__ import annotations

import asyncio
import time

import httpx

from common.auth import RemoteKeySource
from common.testing.tokens import TestKeys

URL = "https://keys.test/.well-known/jwks.json"


class JwksServer:
    """The JWKS endpoint as httpx reaches it: counts its fetches, answers when released."""

    def __init__(self, keys: TestKeys) -> None:
        self.body = keys.key_set.as_dict()
        self.fetches = 0
        self.fetching = asyncio.Event()
        self.release = asyncio.Event()
        self.release.set()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.fetches += 1
        self.fetching.set()
        await self.release.wait()
        return httpx.Response(200, json=self.body)


async def test_an_aged_out_key_set_is_fetched_once_for_all_waiting() -> None:
    keys = TestKeys(issuer="https://lifegraph.test", audience="lifegraph-test")
    server = JwksServer(keys)
    async with httpx.AsyncClient(transport=httpx.MockTransport(server)) as client:
        source = RemoteKeySource(URL, client=client, max_age=60.0)
        kid = keys.signing.kid
        assert kid is not None
        assert await source.get_key(kid) is not None
        assert server.fetches == 1
        # As if a minute had passed: the cache is stale for everyone asking now.
        source._fetched_at = time.monotonic() - 61.0
        server.fetching.clear()
        server.release.clear()
        waiting = [asyncio.create_task(source.get_key(kid)) for _ in range(20)]
        # The first is fetching; the other 19 ran before us and wait for the lock.
        await server.fetching.wait()
        server.release.set()
        found = await asyncio.gather(*waiting)
        assert all(key is not None for key in found)
        assert server.fetches == 2
        # An unknown kid still refetches, once its cooldown has passed.
        assert await source.get_key("no-such-kid") is None
        assert server.fetches == 2
        source._fetched_at = time.monotonic() - 11.0
        assert await source.get_key("no-such-kid") is None
        assert server.fetches == 3
