"""Who is online: a user with a live `notificationAdded` subscription anywhere.

Each subscription is a member of the user's Redis sorted set scored by when it
expires; a heartbeat pushes the score forward, so a replica that dies without
cleaning up stops counting after one TTL. Without Redis (embedded default) the
same bookkeeping lives in this process.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.asyncio import Redis

from common.cancellation import cancel_and_wait


class Presence:
    def __init__(self, redis: Redis | None, *, prefix: str, ttl_seconds: int) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl_seconds
        self._local: dict[str, dict[str, float]] = {}

    def _key(self, user_id: str) -> str:
        return f"{self._prefix}:notifications:presence:{user_id}"

    async def _touch(self, user_id: str, member: str) -> None:
        expires = time.time() + self._ttl
        if self._redis is None:
            self._local.setdefault(user_id, {})[member] = expires
            return
        key = self._key(user_id)
        await self._redis.zadd(key, {member: expires})
        await self._redis.expire(key, self._ttl * 2)

    async def _leave(self, user_id: str, member: str) -> None:
        if self._redis is None:
            self._local.get(user_id, {}).pop(member, None)
            return
        await self._redis.zrem(self._key(user_id), member)

    async def is_online(self, user_id: str) -> bool:
        now = time.time()
        if self._redis is None:
            return any(expires > now for expires in self._local.get(user_id, {}).values())
        return int(await self._redis.zcount(self._key(user_id), now, "+inf")) > 0

    @asynccontextmanager
    async def online(self, user_id: str) -> AsyncIterator[None]:
        """Count the user as online while the block runs (a live subscription)."""
        member = uuid.uuid4().hex
        await self._touch(user_id, member)
        heartbeat = asyncio.create_task(self._beat(user_id, member), name="presence-heartbeat")
        try:
            yield
        finally:
            try:
                await cancel_and_wait(heartbeat)
            finally:
                await self._leave(user_id, member)

    async def _beat(self, user_id: str, member: str) -> None:
        while True:
            await asyncio.sleep(self._ttl / 3)
            await self._touch(user_id, member)
