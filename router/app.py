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
from router.reload import ServesRouter, SupergraphReloader
from router.service import Router
from router.streaming.endpoint import StreamingEndpoint
from router.subscriptions.endpoint import SubscriptionEndpoint, subscription_route
from router.subscriptions.hub import SubscriptionHub


def create_router_app(config: RouterConfig) -> Starlette:
    router = Router(config)
    endpoint = GraphQLEndpoint(router)
    # Sockets and HTTP streams share upstream subscriptions and event resolutions.
    hub = SubscriptionHub.for_router(router, config.subscriptions)
    streams = StreamingEndpoint(router, endpoint, hub)
    sockets = subscription_route(router, config, hub)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        # `app` below, not the argument: mounted in another app (lifegraph up), the
        # lifespan is that app's, and its state is not the router's.
        await router.start()
        reloader = None
        if config.supergraph_file is not None:
            holders: list[ServesRouter] = [endpoint, streams]
            if isinstance(sockets.endpoint, SubscriptionEndpoint):
                holders.append(sockets.endpoint)
            reloader = SupergraphReloader(app.state, config.supergraph_file, holders)
            await reloader.start(config.supergraph_poll_seconds)
            app.state.reloader = reloader
        try:
            yield
        finally:
            if reloader is not None:
                await reloader.stop()
            await app.state.router.close()  # the one serving now, after any reload

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
            sockets,
            *public_routes(router),
        ],
        middleware=middleware,
        lifespan=lifespan,
    )
    app.state.router = router
    return app
