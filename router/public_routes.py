"""Public non-GraphQL routes that subgraphs declare (the goals calendar feed), served at
the router's root: a deployment that exposes only the router serves them too.

The router forwards GET and HEAD under each declared prefix to the owning subgraph,
beside its `/graphql`, and passes the answer back. Only what a cacheable public
document needs crosses in either direction; no cookie and no `Authorization` (these
routes authenticate by the secret in their path).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from common.requestid import request_id_for
from router.executor.errors import SubgraphRequestError
from router.service import Router

logger = logging.getLogger("router.public_routes")

# A calendar of the most occurrences a feed may hold is well below this.
MAX_BODY_BYTES = 16 << 20
_REQUEST_HEADERS = ("accept", "if-none-match", "if-modified-since")
_RESPONSE_HEADERS = (
    "content-type",
    "cache-control",
    "etag",
    "last-modified",
    "content-disposition",
)


def public_routes(router: Router) -> list[BaseRoute]:
    return [
        Route(f"{prefix}{{rest:path}}", _forwarder(router, subgraph), methods=["GET", "HEAD"])
        for prefix, subgraph in router.config.public_routes.items()
    ]


def _forwarder(router: Router, subgraph: str) -> Callable[[Request], Awaitable[Response]]:
    async def forward(request: Request) -> Response:
        request_id = request_id_for(request.scope)
        headers = {k: v for k in _REQUEST_HEADERS if (v := request.headers.get(k)) is not None}
        headers["x-request-id"] = request_id
        path = request.url.path
        if request.url.query:
            path += f"?{request.url.query}"
        try:
            # The router serving now: a supergraph reload replaces it (router/reload.py).
            serving: Router = request.app.state.router
            client = serving.clients[subgraph]
            answer = await client.get(path, headers, max_bytes=MAX_BODY_BYTES)
        except SubgraphRequestError as exc:
            logger.warning("public route %s failed (request %s): %s", path, request_id, exc)
            return PlainTextResponse("The service behind this address is unavailable.", 502)
        kept = {k: v for k, v in answer.headers.items() if k.lower() in _RESPONSE_HEADERS}
        return Response(answer.body, status_code=answer.status, headers=kept)

    return forward
