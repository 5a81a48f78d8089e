from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis

from common.auth import StaticKeySource, TokenVerifier
from common.ratelimit import RedisRateLimiter
from common.testing.tokens import TestKeys
from tests.router.edge.conftest import EdgeRouter
from tests.router.kit import Recorder

pytestmark = pytest.mark.redis

ISSUER, AUDIENCE = "https://lifegraph.test", "lifegraph-test"
ME = {"query": "{ me { id } }"}


@pytest.fixture
async def redis(redis_url: str, unique: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url)
    try:
        yield client
    finally:
        keys = [k async for k in client.scan_iter(match=f"t{unique}:*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()


@pytest.fixture(scope="module")
def keys() -> TestKeys:
    return TestKeys(issuer=ISSUER, audience=AUDIENCE)


@pytest.fixture
async def client(
    edge_router: EdgeRouter, redis: Redis, unique: str, keys: TestKeys
) -> AsyncIterator[httpx.AsyncClient]:
    verifier = TokenVerifier(StaticKeySource(keys.key_set), issuer=ISSUER, audience=AUDIENCE)
    async with edge_router(
        token_verifier=verifier,
        rate_limit=2,
        rate_limit_window=60,
        rate_limiter=RedisRateLimiter(redis, prefix=f"t{unique}"),
        trusted_proxies=("127.0.0.1",),
    ) as client:
        yield client


async def test_over_the_limit_is_429_with_retry_after(
    client: httpx.AsyncClient, keys: TestKeys, recorder: Recorder, redis: Redis, unique: str
) -> None:
    headers = keys.bearer("ada")
    for _ in range(2):
        assert (await client.post("/graphql", json=ME, headers=headers)).status_code == 200
    recorder.clear()
    response = await client.post("/graphql", json=ME, headers=headers)
    assert response.status_code == 429
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 60
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "RATE_LIMITED", "retryAfter": retry_after}
    assert recorder.calls == []
    # the counter lives in Redis, where every router replica sees it
    assert await redis.get(f"t{unique}:rl:router:user:ada") == b"3"


async def test_limits_are_per_user(client: httpx.AsyncClient, keys: TestKeys) -> None:
    for _ in range(2):
        await client.post("/graphql", json=ME, headers=keys.bearer("ada"))
    assert (await client.post("/graphql", json=ME, headers=keys.bearer("ada"))).status_code == 429
    assert (await client.post("/graphql", json=ME, headers=keys.bearer("bob"))).status_code == 200


async def test_anonymous_limits_are_per_client_ip(client: httpx.AsyncClient) -> None:
    # The test client is a trusted proxy: the address it appended is the client's.
    first = {"x-forwarded-for": "203.0.113.7"}
    second = {"x-forwarded-for": "203.0.113.8"}
    for _ in range(2):
        assert (await client.post("/graphql", json=ME, headers=first)).status_code == 200
    assert (await client.post("/graphql", json=ME, headers=first)).status_code == 429
    assert (await client.post("/graphql", json=ME, headers=second)).status_code == 200


async def test_in_process_limiter_when_no_redis(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router(rate_limit=1) as client:
        assert (await client.post("/graphql", json=ME)).status_code == 200
        recorder.clear()
        response = await client.post("/graphql", json=ME)
    assert response.status_code == 429
    assert response.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert recorder.calls == []


async def test_an_unreachable_redis_fails_open(edge_router: EdgeRouter) -> None:
    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    try:
        async with edge_router(rate_limit=1, rate_limiter=RedisRateLimiter(down)) as client:
            statuses = [(await client.post("/graphql", json=ME)).status_code for _ in range(2)]
    finally:
        await down.aclose()
    assert statuses == [200, 200]
