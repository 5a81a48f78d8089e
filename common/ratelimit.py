"""Fixed-window counters for throttling, in Redis (shared by replicas) or in-process."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Protocol

from redis.asyncio import Redis


@dataclass(frozen=True, slots=True)
class Window:
    count: int
    retry_after: int


class RateLimiter(Protocol):
    async def hit(self, key: str, *, window_seconds: int) -> Window: ...

    async def peek(self, key: str) -> Window: ...

    async def reset(self, key: str) -> None: ...


class RedisRateLimiter:
    def __init__(self, redis: Redis, *, prefix: str = "lifegraph") -> None:
        self._redis = redis
        self._prefix = prefix

    def _key(self, key: str) -> str:
        return f"{self._prefix}:rl:{key}"

    async def hit(self, key: str, *, window_seconds: int) -> Window:
        async with self._redis.pipeline(transaction=True) as pipe:
            # NX: the window starts at the first hit and is not extended by later ones.
            pipe.incr(self._key(key))
            pipe.expire(self._key(key), window_seconds, nx=True)
            pipe.ttl(self._key(key))
            count, _, ttl = await pipe.execute()
        return Window(int(count), max(int(ttl), 0))

    async def peek(self, key: str) -> Window:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.get(self._key(key))
            pipe.ttl(self._key(key))
            count, ttl = await pipe.execute()
        return Window(int(count or 0), max(int(ttl), 0))

    async def reset(self, key: str) -> None:
        await self._redis.delete(self._key(key))


class InMemoryRateLimiter:
    def __init__(self) -> None:
        self._windows: dict[str, tuple[int, float]] = {}

    async def hit(self, key: str, *, window_seconds: int) -> Window:
        count, expires = self._live(key)
        if count == 0:
            expires = time.monotonic() + window_seconds
        self._windows[key] = (count + 1, expires)
        return Window(count + 1, math.ceil(expires - time.monotonic()))

    async def peek(self, key: str) -> Window:
        count, expires = self._live(key)
        return Window(count, max(math.ceil(expires - time.monotonic()), 0) if count else 0)

    async def reset(self, key: str) -> None:
        self._windows.pop(key, None)

    def _live(self, key: str) -> tuple[int, float]:
        count, expires = self._windows.get(key, (0, 0.0))
        return (count, expires) if expires > time.monotonic() else (0, 0.0)
