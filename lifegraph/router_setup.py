"""The router as LifeGraph runs it: tokens checked at the edge, limits shared through Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from types import MappingProxyType

from redis.asyncio import Redis
from starlette.applications import Starlette
from starlette.routing import Mount

from common.auth import RemoteKeySource, TokenVerifier
from common.ratelimit import RedisRateLimiter
from common.settings import Settings
from router.app import create_router_app
from router.config import RouterConfig
from router.edge.persisted import RedisPersistedQueries


@dataclass(frozen=True)
class RouterSetup:
    config: RouterConfig
    redis: Redis | None

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()


def router_setup(
    settings: Settings, supergraph_sdl: str, subgraph_urls: Mapping[str, str] | None = None
) -> RouterSetup:
    # Redis clients connect on first use, so building the config does no I/O;
    # whoever runs the router closes the client with `close()`.
    redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
    prefix = f"{settings.redis_prefix}:router"
    config = RouterConfig(
        supergraph_sdl=supergraph_sdl,
        subgraph_urls=MappingProxyType(dict(subgraph_urls or {})),
        cors_origins=tuple(settings.cors_origins),
        token_verifier=TokenVerifier(
            RemoteKeySource(settings.jwks_url, max_age=settings.jwks_cache_seconds),
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
        ),
        rate_limit=settings.router_rate_limit,
        rate_limit_window=settings.router_rate_limit_window_seconds,
        rate_limiter=RedisRateLimiter(redis, prefix=prefix) if redis else None,
        persisted_queries=RedisPersistedQueries(redis, prefix=prefix) if redis else None,
        max_cost=settings.router_max_cost,
        trusted_proxies=settings.router_trusted_proxy_hops,
        subgraph_timeout=settings.router_subgraph_timeout_seconds,
        subgraph_timeouts=MappingProxyType(dict(settings.router_subgraph_timeouts)),
    )
    return RouterSetup(config, redis)


def create_lifegraph_router(
    settings: Settings, supergraph_sdl: str, subgraph_urls: Mapping[str, str] | None = None
) -> Starlette:
    """The router app with a lifespan that also releases what the set-up opened."""
    setup = router_setup(settings, supergraph_sdl, subgraph_urls)
    router = create_router_app(setup.config)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with router.router.lifespan_context(router):
            try:
                yield
            finally:
                await setup.close()

    return Starlette(routes=[Mount("/", app=router)], lifespan=lifespan)
