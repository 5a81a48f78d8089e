from __future__ import annotations

import pytest
from redis.asyncio import Redis

from common.ratelimit import InMemoryRateLimiter, RateLimiter, RedisRateLimiter
from common.settings import Settings


async def _counts_within_window(limiter: RateLimiter) -> None:
    assert (await limiter.peek("login:a")).count == 0
    first = await limiter.hit("login:a", window_seconds=60)
    second = await limiter.hit("login:a", window_seconds=60)
    assert (first.count, second.count) == (1, 2)
    assert 0 < second.retry_after <= 60
    assert (await limiter.peek("login:b")).count == 0
    await limiter.reset("login:a")
    assert (await limiter.peek("login:a")).count == 0


async def test_in_memory_limiter() -> None:
    await _counts_within_window(InMemoryRateLimiter())


@pytest.mark.redis
async def test_redis_limiter(settings: Settings) -> None:
    assert settings.redis_url
    redis = Redis.from_url(settings.redis_url)
    try:
        await _counts_within_window(RedisRateLimiter(redis, prefix=settings.redis_prefix))
    finally:
        await redis.delete(
            *[k async for k in redis.scan_iter(f"{settings.redis_prefix}:*")] or ["-"]
        )
        await redis.aclose()
