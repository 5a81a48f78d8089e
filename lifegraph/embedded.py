"""The embedded default: every subgraph (and the router) in one process and one event loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import pymongo
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from common.app import SubgraphDefinition, SubgraphHost
from common.infra import open_infrastructure
from common.quietws import QuietDisconnects
from common.requestid import RequestIdMiddleware
from common.settings import Settings
from common.transport.headers import SecurityHeadersMiddleware
from lifegraph.devmail import dev_mail_routes
from lifegraph.router_setup import create_lifegraph_router
from lifegraph.supergraph import public_routes
from router.executor.inprocess import InProcessApp

SHUTDOWN_DATABASE_SECONDS = 3.0


def local_base_url(settings: Settings) -> str:
    """Where this process answers itself: a wildcard bind is reached on loopback."""
    host = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(  # noqa: S104
        settings.host, settings.host
    )
    return f"http://{f'[{host}]' if ':' in host else host}:{settings.port}"


def served_at(settings: Settings, *, port: int) -> Settings:
    """`settings` for serving on `port`, with the URLs that point back at this process.

    The signing keys (JWKS) and the links in mails follow the port actually served
    unless they were set explicitly (environment or .env): the defaults name :4000,
    and on any other port every signed-in request would fail to find its keys.
    """
    served = settings.model_copy(update={"port": port})
    base = local_base_url(served)
    derived = {
        "jwks_url": f"{base}/subgraphs/users/.well-known/jwks.json",
        "public_base_url": base,
    }
    updates = {k: v for k, v in derived.items() if k not in settings.model_fields_set}
    return served.model_copy(update=updates)


def subgraph_url(settings: Settings, name: str) -> str:
    return f"{local_base_url(settings)}/subgraphs/{name}/graphql"


def create_embedded_app(
    settings: Settings,
    definitions: Mapping[str, SubgraphDefinition[Any]],
    *,
    supergraph_sdl: str | None,
) -> Starlette:
    """Subgraphs at /subgraphs/<name>; the router, when there is a supergraph, at /."""
    hosts = [SubgraphHost(d, settings) for d in definitions.values()]
    # The router reaches these subgraphs through their apps, not over loopback HTTP;
    # keyed by URL, so a supergraph naming other addresses still goes over the network.
    in_process = {
        subgraph_url(settings, h.name): InProcessApp(
            h.asgi, root_path=f"/subgraphs/{h.name}", direct=h.direct
        )
        for h in hosts
    }
    router = (
        create_lifegraph_router(
            settings,
            supergraph_sdl,
            public_routes=public_routes(definitions, supergraph_sdl),
            in_process=in_process,
        )
        if supergraph_sdl
        else None
    )

    async def stop_hosts() -> None:
        await asyncio.gather(*(host.stop() for host in hosts))

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        stack = AsyncExitStack()
        try:
            infra = await stack.enter_async_context(open_infrastructure(settings))
            stack.push_async_callback(stop_hosts)
            for host in hosts:
                await host.start(infra)
            await infra.bus.start_consuming()
            if router is not None:
                # Mounted apps get no lifespan of their own from Starlette.
                await stack.enter_async_context(router.router.lifespan_context(router))
            yield
        finally:
            # One budget for every database call of the shutdown: with the
            # database already gone, each would wait out server selection (30 s).
            with pymongo.timeout(SHUTDOWN_DATABASE_SECONDS):
                await stack.aclose()

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "subgraphs": [h.name for h in hosts]})

    routes: list[BaseRoute] = [Mount(f"/subgraphs/{h.name}", app=h.asgi) for h in hosts]
    routes += dev_mail_routes(settings)
    routes.append(Mount("/", app=router) if router is not None else Route("/health", health))
    app = Starlette(routes=routes, lifespan=lifespan)
    # What the router calls in this process, by URL (tests compare it with HTTP).
    app.state.in_process = in_process
    # The mounted router and subgraphs add these too; the outer layer covers what is
    # neither (404s, /health without a supergraph) and decides the request id.
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestIdMiddleware)
    app.add_middleware(QuietDisconnects)
    return app
