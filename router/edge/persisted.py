"""Automatic persisted queries (Apollo's APQ protocol) and the optional safelist."""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from common.lru import LruCache
from router.edge.errors import (
    PERSISTED_QUERY_HASH_MISMATCH,
    PERSISTED_QUERY_NOT_FOUND,
    PERSISTED_QUERY_NOT_IN_LIST,
    persisted_query_error,
)
from router.executor.errors import BAD_USER_INPUT

_SHA256 = re.compile(r"^[0-9a-f]{64}$")

logger = logging.getLogger("router.edge")


class PersistedQueryStore(Protocol):
    async def get(self, sha256: str) -> str | None: ...

    async def put(self, sha256: str, query: str) -> None: ...


class InMemoryPersistedQueries:
    def __init__(self, capacity: int = 1000) -> None:
        self._queries: LruCache[str, str] = LruCache(capacity)

    async def get(self, sha256: str) -> str | None:
        return self._queries.get(sha256)

    async def put(self, sha256: str, query: str) -> None:
        self._queries.put(sha256, query)


class RedisPersistedQueries:
    """Shared by every router replica, so a query registered on one works on all."""

    def __init__(self, redis: Redis, *, prefix: str = "lifegraph", ttl: int | None = None) -> None:
        self._redis = redis
        self._prefix = prefix
        self._ttl = ttl

    def _key(self, sha256: str) -> str:
        return f"{self._prefix}:apq:{sha256}"

    async def get(self, sha256: str) -> str | None:
        value = await self._redis.get(self._key(sha256))
        if value is None:
            return None
        return value.decode() if isinstance(value, bytes) else str(value)

    async def put(self, sha256: str, query: str) -> None:
        await self._redis.set(self._key(sha256), query, ex=self._ttl)


def sha256_of(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


class PersistedQueries:
    """Turns a request's `query` + `extensions.persistedQuery` into the query text to run.

    In safelist mode only operations registered at start-up run, sent by hash or in full;
    clients cannot register new ones.

    A shared store that cannot be reached (Redis down) degrades like the rate limiter:
    logged, and this replica keeps its own LRU meanwhile, so requests still run (a hash
    it has not seen gets PERSISTED_QUERY_NOT_FOUND and the client sends the query).
    """

    def __init__(
        self,
        store: PersistedQueryStore,
        *,
        safelist: bool,
        registered: tuple[str, ...] = (),
        fallback_size: int = 1000,
    ) -> None:
        self.store = store
        self.safelist = safelist
        self.registered = registered
        self._listed: dict[str, str] = {sha256_of(q): q for q in registered}
        self._fallback = InMemoryPersistedQueries(fallback_size)
        self._store_down = False

    async def start(self) -> None:
        for query in self.registered:
            await self._put(sha256_of(query), query)

    async def _get(self, sha256: str) -> str | None:
        try:
            found = await self.store.get(sha256)
        except (RedisError, OSError) as exc:
            self._unavailable(exc)
            return await self._fallback.get(sha256)
        self._available()
        return found if found is not None else await self._fallback.get(sha256)

    async def _put(self, sha256: str, query: str) -> None:
        try:
            await self.store.put(sha256, query)
        except (RedisError, OSError) as exc:
            self._unavailable(exc)
            await self._fallback.put(sha256, query)
            return
        self._available()

    def _unavailable(self, exc: Exception) -> None:
        if not self._store_down:  # once per outage, not once per request
            self._store_down = True
            logger.warning("persisted query store unavailable (%s); using this replica's LRU", exc)

    def _available(self) -> None:
        if self._store_down:
            self._store_down = False
            logger.warning("persisted query store reachable again")

    async def resolve(self, query: Any, extensions: Any) -> Any:
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if persisted is None:
            if self.safelist and isinstance(query, str) and sha256_of(query) not in self._listed:
                raise _not_in_list()
            return query
        sha256 = _checked_hash(persisted)
        if isinstance(query, str) and query:
            if sha256_of(query) != sha256:
                raise persisted_query_error(
                    "provided sha does not match query",
                    BAD_USER_INPUT,
                    reason=PERSISTED_QUERY_HASH_MISMATCH,
                )
            if self.safelist and sha256 not in self._listed:
                raise _not_in_list()
            return query
        found = self._listed.get(sha256) if self.safelist else await self._get(sha256)
        if found is None:
            raise persisted_query_error("PersistedQueryNotFound", PERSISTED_QUERY_NOT_FOUND)
        return found

    async def register(self, query: str, extensions: Any) -> None:
        """Stores a query sent with its hash; call it only once the query parsed and validated,
        so the store never holds what would not run. `resolve` checked the hash already."""
        persisted = extensions.get("persistedQuery") if isinstance(extensions, dict) else None
        if persisted is None or self.safelist:
            return
        await self._put(_checked_hash(persisted), query)


def _checked_hash(persisted: Any) -> str:
    if not isinstance(persisted, dict):
        raise persisted_query_error("extensions.persistedQuery must be an object", BAD_USER_INPUT)
    if persisted.get("version") != 1:
        raise persisted_query_error(
            "Unsupported persisted query version; only version 1 is known", BAD_USER_INPUT
        )
    sha256 = persisted.get("sha256Hash")
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise persisted_query_error(
            "persistedQuery.sha256Hash must be a lowercase hex SHA-256", BAD_USER_INPUT
        )
    return sha256


def _not_in_list() -> Exception:
    return persisted_query_error(
        "Only registered operations are accepted here", PERSISTED_QUERY_NOT_IN_LIST
    )
