"""The edge checks every HTTP request passes before it is planned."""

from __future__ import annotations

import logging

from redis.exceptions import RedisError

from common.auth import Principal
from common.clientaddr import TrustedProxies
from common.errors import Unauthenticated
from common.ratelimit import InMemoryRateLimiter, RateLimiter
from router.config import RouterConfig
from router.edge.errors import rate_limited, unauthenticated
from router.edge.idempotency import Idempotency, InMemoryIdempotencyStore
from router.edge.persisted import InMemoryPersistedQueries, PersistedQueries

logger = logging.getLogger("router.edge")


class Edge:
    def __init__(self, config: RouterConfig) -> None:
        self.verifier = config.token_verifier
        self.rate_limit = config.rate_limit
        self.rate_window = config.rate_limit_window
        self.limiter: RateLimiter | None = None
        if config.rate_limit is not None:
            self.limiter = config.rate_limiter or InMemoryRateLimiter()
        self.proxies = TrustedProxies(config.trusted_proxies)
        self.persisted = PersistedQueries(
            config.persisted_queries or InMemoryPersistedQueries(config.apq_cache_size),
            safelist=config.safelist,
            registered=config.registered_operations,
            fallback_size=config.apq_cache_size,
        )

        self.idempotency = Idempotency(
            config.idempotency_store or InMemoryIdempotencyStore(),
            ttl=config.idempotency_ttl,
            # A claim outlives the slowest execution, so only a dead router frees it early.
            pending_ttl=int(config.subgraph_timeout * 2) + 10,
        )

    async def start(self) -> None:
        await self.persisted.start()

    async def authenticate(self, authorization: str | None) -> Principal | None:
        """None for anonymous requests: subgraphs decide per field what those may see."""
        if self.verifier is None:
            return None
        try:
            return await self.verifier.verify_header(authorization)
        except Unauthenticated as exc:
            raise unauthenticated(exc.message) from exc

    async def throttle(self, principal: Principal | None, ip: str) -> None:
        if self.limiter is None or self.rate_limit is None:
            return
        key = f"router:user:{principal.user_id}" if principal else f"router:ip:{ip}"
        try:
            window = await self.limiter.hit(key, window_seconds=self.rate_window)
        except (RedisError, OSError):
            # Fail open: an unreachable Redis must not take the whole API down with it.
            logger.warning("rate limiter unavailable; request %s let through", key)
            return
        if window.count > self.rate_limit:
            raise rate_limited(window.retry_after)
