"""`create_router_app`: the router as a Starlette application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from common.requestid import RequestIdMiddleware
from common.transport.body import RequestBodyMiddleware
from common.transport.headers import SecurityHeadersMiddleware
from router.config import RouterConfig
from router.graphiql import graphiql_asset
from router.http import GraphQLEndpoint, health, metrics
from router.public_routes import public_routes
from router.service import Router
from router.streaming.endpoint import StreamingEndpoint
from router.subscriptions.endpoint import subscription_route
from router.subscriptions.hub import SubscriptionHub


def create_router_app(config: RouterConfig) -> Starlette:
    router = Router(config)
    endpoint = GraphQLEndpoint(router)
    # Sockets and HTTP streams share upstream subscriptions and event resolutions.
    hub = SubscriptionHub.for_router(router, config.subscriptions)
    streams = StreamingEndpoint(router, endpoint, hub)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await router.start()
        try:
            yield
        finally:
            await router.close()

    # Outermost first: every response, refusals included, has one request id and the headers.
    middleware = [Middleware(RequestIdMiddleware), Middleware(SecurityHeadersMiddleware)]
    if config.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors_origins),
                allow_methods=["GET", "POST", "OPTIONS"],
                # traceparent/tracestate: browsers with OpenTelemetry continue their traces.
                allow_headers=[
                    "authorization",
                    "content-type",
                    "x-request-id",
                    "idempotency-key",
                    "traceparent",
                    "tracestate",
                    # Apollo Client sends its name and version for per-client metrics.
                    "apollographql-client-name",
                    "apollographql-client-version",
                ],
                # Retry-After: a throttled browser client must be able to read it.
                expose_headers=["x-request-id", "retry-after", "idempotent-replayed"],
                allow_credentials=True,
            )
        )
    middleware.append(Middleware(RequestBodyMiddleware, max_bytes=config.max_request_body_bytes))
    app = Starlette(
        routes=[
            Route("/graphql", streams.post, methods=["POST"]),
            Route("/graphql", endpoint.get, methods=["GET"]),
            Route("/graphiql/assets/{name}", graphiql_asset, methods=["GET"]),
            Route("/health", health, methods=["GET"]),
            Route("/metrics", metrics, methods=["GET"]),
            subscription_route(router, config, hub),
            *public_routes(router),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.router = router
    return app
