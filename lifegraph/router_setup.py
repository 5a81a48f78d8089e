"""The router as LifeGraph runs it: tokens checked at the edge, limits shared through Redis."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from opentelemetry.sdk.trace import TracerProvider
from redis.asyncio import Redis
from starlette.applications import Starlette
from starlette.routing import Mount

from common.auth import RemoteKeySource, TokenVerifier
from common.infra import connect_redis
from common.ratelimit import RedisRateLimiter
from common.settings import RouterSettings
from common.tracing import otlp_tracer_provider, shut_down
from common.transport.cors import cors_origins
from common.transport.secret import router_headers
from lifegraph.playground import DEFAULT_QUERY, ROOT_DESCRIPTIONS
from lifegraph.webapp import web_routes
from router.app import create_router_app
from router.config import RouterConfig
from router.edge.idempotency import RedisIdempotencyStore
from router.edge.persisted import RedisPersistedQueries
from router.executor.breaker import BreakerSettings
from router.executor.inprocess import InProcessApp
from router.executor.retry import RetrySettings
from router.header_rules import HeaderRules


@dataclass(frozen=True)
class RouterSetup:
    config: RouterConfig
    redis: Redis | None
    tracer_provider: TracerProvider | None = None

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()
        if self.tracer_provider is not None:
            await shut_down(self.tracer_provider)


# How often `--watch` looks at the supergraph file: a stat a second costs nothing.
_WATCH_POLL_SECONDS = 1.0


def router_setup(
    settings: RouterSettings,
    supergraph_sdl: str,
    subgraph_urls: Mapping[str, str] | None = None,
    public_routes: Mapping[str, str] | None = None,
    in_process: Mapping[str, InProcessApp] | None = None,
) -> RouterSetup:
    # Both refuse to build outside development without their setting.
    headers = router_headers(settings)
    origins = cors_origins(settings)
    # Redis clients connect on first use, so building the config does no I/O;
    # whoever runs the router closes the client with `close()`.
    redis = connect_redis(settings.redis_url) if settings.redis_url else None
    prefix = f"{settings.redis_prefix}:router"
    tracing = (
        otlp_tracer_provider(settings.otlp_traces_endpoint, settings.otlp_service_name)
        if settings.otlp_traces_endpoint
        else None
    )
    config = RouterConfig(
        supergraph_sdl=supergraph_sdl,
        subgraph_urls=MappingProxyType(dict(subgraph_urls or {})),
        subgraph_timeout=settings.router_subgraph_timeout_seconds,
        cors_origins=origins,
        token_verifier=TokenVerifier(
            RemoteKeySource(settings.jwks_url, max_age=settings.jwks_cache_seconds),
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
        ),
        rate_limit=settings.router_rate_limit,
        rate_limit_window=settings.router_rate_limit_window_seconds,
        rate_limiter=RedisRateLimiter(redis, prefix=prefix) if redis else None,
        persisted_queries=(
            RedisPersistedQueries(redis, prefix=prefix, ttl=settings.apq_ttl_seconds)
            if redis
            else None
        ),
        max_cost=settings.router_max_cost,
        idempotency_store=RedisIdempotencyStore(redis, prefix=prefix) if redis else None,
        idempotency_ttl=settings.router_idempotency_ttl_seconds,
        trusted_proxies=tuple(settings.trusted_proxies),
        max_request_body_bytes=settings.max_request_body_bytes,
        max_batch_size=settings.router_max_batch_size,
        subgraph_headers=MappingProxyType(headers),
        introspection=introspection_enabled(settings),
        max_depth=settings.graphql_max_depth,
        max_aliases=settings.graphql_max_aliases,
        max_height=settings.graphql_max_height,
        max_tokens=settings.graphql_max_tokens,
        max_input_items=settings.graphql_max_input_items,
        default_list_size=settings.graphql_default_list_size,
        subgraph_timeouts=MappingProxyType(dict(settings.router_subgraph_timeouts)),
        deduplicate_subgraph_requests=settings.router_deduplicate_subgraph_requests,
        circuit_breaker=circuit_breaker(settings),
        graphiql_default_query=DEFAULT_QUERY,
        root_descriptions=ROOT_DESCRIPTIONS,
        public_routes=MappingProxyType(dict(public_routes or {})),
        header_rules=HeaderRules.parse(settings.router_header_rules),
        retry=retry_settings(settings),
        in_process_subgraphs=MappingProxyType(dict(in_process or {})),
        tracer_provider=tracing,
    )
    return RouterSetup(config, redis, tracing)


def circuit_breaker(settings: RouterSettings) -> BreakerSettings | None:
    if settings.router_circuit_breaker_failures == 0:
        return None
    return BreakerSettings(
        failures=settings.router_circuit_breaker_failures,
        cooldown=settings.router_circuit_breaker_cooldown_seconds,
    )


def retry_settings(settings: RouterSettings) -> RetrySettings | None:
    if settings.router_retry_attempts == 0:
        return None
    return RetrySettings(
        attempts=settings.router_retry_attempts,
        ratio=settings.router_retry_budget_ratio,
        min_per_second=settings.router_retry_min_per_second,
    )


def introspection_enabled(settings: RouterSettings) -> bool:
    if settings.router_introspection is not None:
        return settings.router_introspection
    return settings.local_environment


def create_lifegraph_router(
    settings: RouterSettings,
    supergraph_sdl: str,
    subgraph_urls: Mapping[str, str] | None = None,
    public_routes: Mapping[str, str] | None = None,
    *,
    supergraph_file: Path | None = None,
    watch: bool = False,
    in_process: Mapping[str, InProcessApp] | None = None,
) -> Starlette:
    """The router, and the web app at `/`, with a lifespan that releases what the set-up opened.

    `supergraph_file` (where `supergraph_sdl` was read): SIGHUP reloads it, and with
    `watch` so does every change to it (docs/router.md "Hot reload"). `in_process`:
    subgraph URLs this process serves itself -> their apps (the embedded host).
    """
    setup = router_setup(settings, supergraph_sdl, subgraph_urls, public_routes, in_process)
    config = dataclasses.replace(
        setup.config,
        supergraph_file=supergraph_file,
        supergraph_poll_seconds=_WATCH_POLL_SECONDS if watch and supergraph_file else None,
    )
    router = create_router_app(config)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with router.router.lifespan_context(router):
            try:
                yield
            finally:
                await setup.close()

    web = web_routes(media_origins=settings.web_media_origins)
    return Starlette(routes=[*web, Mount("/", app=router)], lifespan=lifespan)
