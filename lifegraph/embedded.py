"""The embedded default: every subgraph (and the router) in one process and one event loop."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route

from common.app import SubgraphDefinition, SubgraphHost
from common.infra import open_infrastructure
from common.requestid import RequestIdMiddleware
from common.settings import Settings
from common.transport.headers import SecurityHeadersMiddleware
from lifegraph.router_setup import create_lifegraph_router


def subgraph_url(settings: Settings, name: str) -> str:
    return f"http://{settings.host}:{settings.port}/subgraphs/{name}/graphql"


def create_embedded_app(
    settings: Settings,
    definitions: Mapping[str, SubgraphDefinition[Any]],
    *,
    supergraph_sdl: str | None,
) -> Starlette:
    """Subgraphs at /subgraphs/<name>; the router, when there is a supergraph, at /."""
    hosts = [SubgraphHost(d, settings) for d in definitions.values()]
    router = create_lifegraph_router(settings, supergraph_sdl) if supergraph_sdl else None

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            infra = await stack.enter_async_context(open_infrastructure(settings))
            for host in hosts:
                await host.start(infra)
                stack.push_async_callback(host.stop)
            await infra.bus.start_consuming()
            if router is not None:
                # Mounted apps get no lifespan of their own from Starlette.
                await stack.enter_async_context(router.router.lifespan_context(router))
            yield

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok", "subgraphs": [h.name for h in hosts]})

    routes: list[BaseRoute] = [Mount(f"/subgraphs/{h.name}", app=h.asgi) for h in hosts]
    routes.append(Mount("/", app=router) if router is not None else Route("/health", health))
    app = Starlette(routes=routes, lifespan=lifespan)
    # The mounted router and subgraphs add these too; the outer layer covers what is
    # neither (404s, /health without a supergraph) and decides the request id.
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestIdMiddleware)
    return app
