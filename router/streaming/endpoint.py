"""`POST /graphql` with a streaming Accept header: which requests stream, and how.

- a subscription, with `multipart/mixed` (Apollo's multipart subscription protocol) or
  `text/event-stream` (graphql-sse, distinct connections mode);
- a query using `@defer`, with `multipart/mixed` (incremental delivery);
- any operation with `text/event-stream` alone: one `next` event, then `complete`.

Everything else goes on to the plain JSON endpoint, which also reports every request
error (bad JSON, unknown persisted query, invalid operation) the same way as ever.
Streams pass the edge as any request does: token verification, rate limit, operation
limits; subscriptions then run on the WebSocket transport's machinery (router/subscriptions/).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphql import OperationType
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Send

from common.auth import Principal
from router import jsoncodec
from router.defer.run import DeferredPlans, deferred_payloads, plans_for
from router.edge import EdgeRejection
from router.edge.client import forwarded_headers
from router.executor.errors import INTERNAL, graphql_error
from router.http import GRAPHQL_RESPONSE, JSON, GraphQLEndpoint, request_id_of
from router.planner import PlanningError
from router.service import PreparedOperation, RequestError, Router, planning_failed
from router.streaming.framing import (
    DEFER_BOUNDARY,
    DEFER_CONTENT_TYPE,
    EventStreamFraming,
    MultipartSubscriptionFraming,
    multipart_closing,
    multipart_opening,
    multipart_part,
)
from router.streaming.media import Accepted, accepted
from router.streaming.responses import StreamedResponse, while_connected
from router.streaming.session import HttpStreamSession, StreamFraming
from router.subscriptions.hub import SubscriptionHub
from router.subscriptions.outbox import http_chunk
from router.subscriptions.protocol import SubscribePayload
from router.subscriptions.session import viewer_of

logger = logging.getLogger("router.streaming")


@dataclass(frozen=True, slots=True)
class _Streamable:
    payload: SubscribePayload
    prepared: PreparedOperation
    extensions: Any
    framing: StreamFraming | None  # None: `@defer` over multipart


class StreamingEndpoint:
    def __init__(self, router: Router, plain: GraphQLEndpoint, hub: SubscriptionHub) -> None:
        self.router = router
        self.plain = plain
        self.hub = hub

    async def post(self, request: Request) -> Response:
        accept = accepted(request.headers.get("accept", ""))
        chosen = await self._streamable(request, accept) if accept.streams else None
        if chosen is None and accept.streams and not accept.json:
            # What does not stream is answered in JSON, with real statuses: a graphql-sse
            # client accepts only event streams, yet must see why it got none.
            return await self.plain.post(request, media_type=GRAPHQL_RESPONSE)
        if chosen is None:
            return await self.plain.post(request)
        request_id = request_id_of(request)
        started = time.perf_counter()
        response, outcome = await self._answer(request, chosen, request_id)
        # A stream's latency is its time to the first byte; its length is the client's.
        elapsed = time.perf_counter() - started
        self.router.metrics.request(chosen.prepared.kind.value, outcome, elapsed)
        return response

    async def _answer(
        self, request: Request, chosen: _Streamable, request_id: str
    ) -> tuple[Response, str]:
        try:
            return await self._stream(request, chosen, request_id), "streamed"
        except EdgeRejection as exc:
            body: dict[str, Any] = {"errors": [exc.error]}
            return _json(body, exc.status, request_id, exc.headers), exc.code.lower()
        except RequestError as exc:
            return _json({"errors": exc.errors}, exc.status, request_id), "request_error"
        except PlanningError as exc:
            failed = {"data": None, "errors": [planning_failed(exc, request_id)]}
            return _json(failed, 200, request_id), "errors"

    async def _streamable(self, request: Request, accept: Accepted) -> _Streamable | None:
        content_type = request.headers.get("content-type", "")
        if content_type.split(";")[0].strip().lower() != JSON or not self.router.started:
            return None
        try:
            body = jsoncodec.loads(await request.body())
        except (ValueError, UnicodeDecodeError):
            return None
        if not isinstance(body, dict):
            return None  # batches are answered as JSON
        extensions = body.get("extensions")
        name, variables = body.get("operationName"), body.get("variables")
        try:
            query = await self.router.edge.persisted.resolve(body.get("query"), extensions)
            valid = isinstance(query, str) and isinstance(name, str | None)
            if not valid or not isinstance(variables, dict | None):
                return None
            prepared = await self.router.prepare_async(query, name)
        except (EdgeRejection, RequestError):
            return None
        payload: SubscribePayload = {"query": query, "operationName": name, "variables": variables}
        framing = _framing(prepared, accept)
        if framing is None and not (prepared.deferred and accept.multipart):
            return None
        if prepared.deferred and prepared.kind is not OperationType.QUERY:
            return None  # refused by the plain endpoint
        if "idempotency-key" in request.headers:
            return None  # keyed mutations are replayed as JSON (router/edge/idempotency.py)
        return _Streamable(payload, prepared, extensions, framing)

    async def _stream(self, request: Request, chosen: _Streamable, request_id: str) -> Response:
        edge = self.router.edge
        client_ip = edge.proxies.edge_address(request)
        authorization = request.headers.get("authorization")
        principal = await edge.authenticate(authorization)
        await edge.throttle(principal, client_ip or "unknown")
        await edge.persisted.register(chosen.payload["query"], chosen.extensions)
        if chosen.framing is None:
            headers = forwarded_headers(request.headers, client_ip, request_id)
            return await self._defer(chosen, headers, request_id, principal, request.headers)
        session = HttpStreamSession(
            self.router,
            self.hub,
            chosen.framing,
            request_id=request_id,
            authorization=authorization,
            viewer=self._viewer(principal),
            principal=principal if self.router.edge.verifier is not None else None,
            expires_at=_expiry(principal),
            client_headers=request.headers,
        )

        async def body(receive: Receive, send: Send) -> None:
            await session.run(chosen.payload, receive, send)

        return StreamedResponse(chosen.framing.media_type, request_id, body)

    def _viewer(self, principal: Principal | None) -> Any:
        if principal is None or self.router.edge.verifier is None:
            return None
        return viewer_of(principal)

    async def _defer(
        self,
        chosen: _Streamable,
        headers: dict[str, str],
        request_id: str,
        principal: Principal | None,
        client_headers: Mapping[str, str],
    ) -> StreamedResponse:
        router = self.router
        variables = router.coerce_variables(chosen.prepared, chosen.payload.get("variables"))
        # The supergraph's auth directives hold for every part, deferred ones included.
        access = await router.access_for(chosen.prepared, variables, principal)
        plans = plans_for(router, chosen.prepared, variables, access)

        async def body(receive: Receive, send: Send) -> None:
            await while_connected(
                receive,
                _write_deferred(
                    router, plans, variables, (headers, client_headers), send, request_id
                ),
            )

        return StreamedResponse(DEFER_CONTENT_TYPE, request_id, body)


async def _write_deferred(
    router: Router,
    plans: DeferredPlans,
    variables: dict[str, Any],
    headers: tuple[dict[str, str], Mapping[str, str]],
    send: Send,
    request_id: str,
) -> None:
    """`headers`: what the router forwards, and the client's own (for the header rules)."""
    await send(http_chunk(multipart_opening(DEFER_BOUNDARY)))
    try:
        async for payload in deferred_payloads(router, plans, variables, *headers):
            await send(
                http_chunk(multipart_part(DEFER_BOUNDARY, jsoncodec.dumps(payload).decode()))
            )
    except Exception:
        logger.exception("deferred request %s failed", request_id)
        error = graphql_error("Internal server error", INTERNAL, requestId=request_id)
        last = {"incremental": [], "errors": [error], "hasNext": False}
        await send(http_chunk(multipart_part(DEFER_BOUNDARY, json.dumps(last))))
    await send({"type": "http.response.body", "body": multipart_closing().encode()})


def _framing(prepared: PreparedOperation, accept: Accepted) -> StreamFraming | None:
    if prepared.kind is OperationType.SUBSCRIPTION:
        if accept.multipart:
            return MultipartSubscriptionFraming()
        return EventStreamFraming() if accept.event_stream else None
    if accept.event_stream and not accept.json and not prepared.deferred:
        return EventStreamFraming()
    return None


def _expiry(principal: Principal | None) -> float | None:
    expires = principal.claims.get("exp") if principal else None
    return float(expires) if isinstance(expires, int | float) else None


def _json(body: dict[str, Any], status: int, request_id: str, headers: Any = None) -> Response:
    response = Response(
        jsoncodec.dumps(body), status_code=status, media_type=JSON, headers=dict(headers or {})
    )
    response.headers["x-request-id"] = request_id
    return response
