"""Idempotency keys: a mutation retried under the same key runs once.

A client that lost the answer to a mutation (a timeout, a dropped connection) sends
it again with the same `Idempotency-Key` header and gets the first answer back, with
`Idempotent-Replayed: true`, instead of a second execution. Keys are scoped to the
verified caller (the token's user, or the client address for anonymous calls), so
one caller can never read another's answer.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from common.lru import LruCache
from router.edge.errors import EdgeRejection
from router.executor.errors import BAD_USER_INPUT

logger = logging.getLogger("router.edge")

IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED"
IDEMPOTENCY_IN_PROGRESS = "IDEMPOTENCY_IN_PROGRESS"
IDEMPOTENCY_UNAVAILABLE = "IDEMPOTENCY_UNAVAILABLE"
REPLAYED_HEADER = "idempotent-replayed"

# Printable ASCII without spaces: UUIDs, ULIDs and the like, never a document.
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a key holds: the request it was first used for and, once it ran, the answer."""

    fingerprint: str
    result: dict[str, Any] | None = None


class IdempotencyStore(Protocol):
    async def claim(self, key: str, fingerprint: str, ttl: int) -> Entry | None:
        """Take `key` for a new execution (None), or return the entry that holds it."""

    async def finish(self, key: str, entry: Entry, ttl: int) -> None: ...

    async def release(self, key: str) -> None: ...


class InMemoryIdempotencyStore:
    """One process's keys; enough for a single router, lost when it stops."""

    def __init__(self, capacity: int = 10_000) -> None:
        self._entries: LruCache[str, tuple[float, Entry]] = LruCache(capacity)

    def _live(self, key: str) -> Entry | None:
        held = self._entries.get(key)
        if held is None or held[0] < time.monotonic():
            return None
        return held[1]

    async def claim(self, key: str, fingerprint: str, ttl: int) -> Entry | None:
        existing = self._live(key)
        if existing is None:
            self._entries.put(key, (time.monotonic() + ttl, Entry(fingerprint)))
        return existing

    async def finish(self, key: str, entry: Entry, ttl: int) -> None:
        self._entries.put(key, (time.monotonic() + ttl, entry))

    async def release(self, key: str) -> None:
        self._entries.discard(key)


class RedisIdempotencyStore:
    """Shared by every router replica, so a retry that lands on another replica is seen."""

    def __init__(self, redis: Redis, *, prefix: str = "lifegraph") -> None:
        self._redis = redis
        self._prefix = prefix

    def _key(self, key: str) -> str:
        return f"{self._prefix}:idempotency:{key}"

    async def claim(self, key: str, fingerprint: str, ttl: int) -> Entry | None:
        pending = json.dumps({"fingerprint": fingerprint})
        # A key that expires between SET NX and GET is simply claimed on the next turn.
        for _ in range(3):
            if await self._redis.set(self._key(key), pending, nx=True, ex=ttl):
                return None
            raw = await self._redis.get(self._key(key))
            if raw is not None:
                stored = json.loads(raw)
                return Entry(stored["fingerprint"], stored.get("result"))
        raise RedisError("idempotency key kept expiring while being claimed")

    async def finish(self, key: str, entry: Entry, ttl: int) -> None:
        value = json.dumps({"fingerprint": entry.fingerprint, "result": entry.result})
        await self._redis.set(self._key(key), value, ex=ttl)

    async def release(self, key: str) -> None:
        await self._redis.delete(self._key(key))


def fingerprint(query: str, operation_name: str | None, variables: Mapping[str, Any] | None) -> str:
    """The same key sent with another request is a client bug, not a retry."""
    canonical = json.dumps(
        [query, operation_name, variables or {}], sort_keys=True, separators=(",", ":"), default=str
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Answer:
    result: dict[str, Any]
    replayed: bool


class Idempotency:
    """Runs a mutation at most once per (caller, key) while the key is remembered.

    Every answer of a mutation that started executing is kept, errors included: a
    subgraph that timed out may still have applied the write, so only the first
    answer is safe to give again. A request that never ran (refused at the edge or
    by validation) keeps nothing, and neither does one whose router process died:
    its claim expires after `pending_ttl` seconds.
    """

    def __init__(self, store: IdempotencyStore, *, ttl: int, pending_ttl: int) -> None:
        self.store = store
        self.ttl = ttl
        self.pending_ttl = pending_ttl

    async def run(
        self,
        scope: str,
        key: str,
        request_fingerprint: str,
        execute: Callable[[], Awaitable[dict[str, Any]]],
    ) -> Answer:
        if not _KEY.match(key):
            raise EdgeRejection(
                "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces",
                BAD_USER_INPUT,
                status=400,
            )
        stored_key = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()
        try:
            existing = await self.store.claim(stored_key, request_fingerprint, self.pending_ttl)
        except (RedisError, OSError) as exc:
            # Running without the guarantee the client asked for could apply a write twice.
            logger.warning("idempotency store unavailable: %s", exc)
            raise EdgeRejection(
                "Idempotency keys are unavailable right now; retry shortly",
                IDEMPOTENCY_UNAVAILABLE,
                status=503,
                headers={"retry-after": "1"},
            ) from exc
        if existing is not None:
            return self._replay(existing, request_fingerprint)
        try:
            result = await execute()
        except BaseException:
            await self._forget(stored_key)
            raise
        try:
            await self.store.finish(stored_key, Entry(request_fingerprint, result), self.ttl)
        except (RedisError, OSError) as exc:
            logger.warning("idempotency answer not kept: %s", exc)
        return Answer(result, replayed=False)

    async def _forget(self, stored_key: str) -> None:
        try:
            await self.store.release(stored_key)
        except (RedisError, OSError) as exc:
            logger.warning("idempotency claim not released (it expires by itself): %s", exc)

    @staticmethod
    def _replay(existing: Entry, request_fingerprint: str) -> Answer:
        if existing.fingerprint != request_fingerprint:
            raise EdgeRejection(
                "This Idempotency-Key was already used for a different request",
                IDEMPOTENCY_KEY_REUSED,
                status=422,
                legacy_status=422,
            )
        if existing.result is None:
            raise EdgeRejection(
                "A request with this Idempotency-Key is still running; retry shortly",
                IDEMPOTENCY_IN_PROGRESS,
                status=409,
                headers={"retry-after": "1"},
            )
        return Answer(existing.result, replayed=True)
