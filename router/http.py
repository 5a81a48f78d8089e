"""GraphQL over HTTP: request decoding, media types, status codes, request ids, the edge."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import OperationType
from starlette.requests import Request
from starlette.responses import Response

from common.requestid import request_id_for
from common.transport.jsonbody import take_checked
from router import jsoncodec
from router.edge import EdgeRejection
from router.edge.client import forwarded_headers
from router.edge.errors import BATCH_TOO_LARGE
from router.edge.idempotency import REPLAYED_HEADER, fingerprint
from router.executor.errors import BAD_USER_INPUT, INTERNAL, graphql_error
from router.graphiql import graphiql_response
from router.service import GraphQLRequest, RequestError, RequestInfo, Router

logger = logging.getLogger("router.http")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
_METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def request_id_of(request: Request) -> str:
    return request_id_for(request.scope)


def _response_type(request: Request) -> str | None:
    accept = request.headers.get("accept", "")
    if not accept.strip():
        return JSON
    media = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in media:
        return GRAPHQL_RESPONSE
    if JSON in media or "*/*" in media or "application/*" in media:
        return JSON
    return None


def _wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept and "query" not in request.query_params


class _Body(Response):
    def __init__(self, content: Any, status_code: int, media_type: str, request_id: str) -> None:
        super().__init__(
            jsoncodec.dumps(content),
            status_code=status_code,
            headers={"x-request-id": request_id},
            media_type=media_type,
        )


def _error_body(message: str, code: str = BAD_USER_INPUT) -> dict[str, Any]:
    return {"errors": [graphql_error(message, code)]}


@dataclass(frozen=True, slots=True)
class _Incoming:
    """A decoded request before persisted queries are resolved (`query` may be absent)."""

    query: Any
    operation_name: Any
    variables: Any
    extensions: Any


def _decode_post(body: bytes, max_batch_size: int) -> _Incoming | list[_Incoming]:
    """One operation (a JSON object), or a batch of them (a JSON array, Apollo's
    BatchHttpLink) of at most `max_batch_size`."""
    # Parsed once already when the body middleware checked it.
    checked, payload = take_checked(body)
    if not checked:
        try:
            payload = jsoncodec.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise _Malformed("Request body is not valid JSON") from exc
    if isinstance(payload, list):
        if not payload:
            raise _Malformed("A batch must hold at least one operation")
        if len(payload) > max_batch_size:
            raise _Malformed(
                f"A batch may hold at most {max_batch_size} operations; this one has "
                f"{len(payload)}. Split it, or lower the client's batch size.",
                code=BATCH_TOO_LARGE,
                maxBatchSize=max_batch_size,
            )
        return [_incoming(item) for item in payload]
    if not isinstance(payload, dict):
        raise _Malformed("Request body must be a JSON object, or an array of them (a batch)")
    return _incoming(payload)


def _incoming(payload: Any) -> _Incoming:
    if not isinstance(payload, dict):
        # Decided per operation, so the rest of a batch still runs.
        return _Incoming(_NOT_AN_OBJECT, None, None, None)
    return _Incoming(
        payload.get("query"),
        payload.get("operationName"),
        payload.get("variables"),
        payload.get("extensions"),
    )


_NOT_AN_OBJECT = object()


def _decode_get(params: Mapping[str, str]) -> _Incoming:
    return _Incoming(
        params.get("query"),
        params.get("operationName"),
        _json_param(params, "variables"),
        _json_param(params, "extensions"),
    )


def _json_param(params: Mapping[str, str], name: str) -> Any:
    raw = params.get(name)
    if not raw:
        return None
    try:
        return jsoncodec.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _Malformed(f"The {name} parameter is not valid JSON") from exc


def _graphql_request(query: Any, operation_name: Any, variables: Any) -> GraphQLRequest:
    if query is _NOT_AN_OBJECT:
        raise _Malformed("Each operation of a batch must be a JSON object")
    if not isinstance(query, str) or not query.strip():
        raise _Malformed("A GraphQL request needs a non-empty 'query' string")
    if operation_name is not None and not isinstance(operation_name, str):
        raise _Malformed("'operationName' must be a string")
    if variables is not None and not isinstance(variables, dict):
        raise _Malformed("'variables' must be a JSON object")
    return GraphQLRequest(query, operation_name or None, variables)


def _fingerprint(request: GraphQLRequest) -> str:
    return fingerprint(request.query, request.operation_name, request.variables)


class _Malformed(Exception):
    def __init__(
        self, message: str, status: int = 400, code: str = BAD_USER_INPUT, **extensions: Any
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error = graphql_error(message, code, **extensions)


@dataclass(slots=True)
class _Answer:
    """One operation's answer before it becomes a response (alone or in a batch)."""

    body: dict[str, Any]
    status: int
    outcome: str
    headers: dict[str, str] = field(default_factory=dict)

    def response(self, media_type: str, request_id: str) -> Response:
        response = _Body(self.body, self.status, media_type, request_id)
        response.headers.update(self.headers)
        return response


class GraphQLEndpoint:
    def __init__(self, router: Router) -> None:
        self.router = router

    async def post(self, request: Request, *, media_type: str | None = None) -> Response:
        """`media_type`: the caller already chose the response type (router/streaming/)."""
        request_id = request_id_of(request)
        media_type = media_type or _response_type(request)
        if media_type is None:
            return self._not_acceptable(request_id)
        content_type = request.headers.get("content-type", "")
        if content_type != JSON and content_type.split(";")[0].strip().lower() != JSON:
            return _Body(
                _error_body("Content-Type must be application/json"), 415, media_type, request_id
            )
        try:
            incoming = _decode_post(await request.body(), self.router.config.max_batch_size)
        except _Malformed as exc:
            return _Body({"errors": [exc.error]}, exc.status, media_type, request_id)
        if isinstance(incoming, list):
            return await self._run_batch(request, incoming, media_type, request_id)
        answer = await self._run(request, incoming, media_type, request_id, True)
        return answer.response(media_type, request_id)

    async def _run_batch(
        self, request: Request, batch: list[_Incoming], media_type: str, request_id: str
    ) -> Response:
        """Each operation in order, through the whole edge (auth, rate limit, limits) as if
        sent alone; one array of their results. The batch itself succeeded, so 200."""
        if request.headers.get("idempotency-key") is not None:
            body = _error_body(
                "Idempotency-Key applies to one operation: send that mutation on its own"
            )
            return _Body(body, 400, media_type, request_id)
        answers = [
            await self._run(request, incoming, media_type, request_id, True) for incoming in batch
        ]
        response = _Body([a.body for a in answers], 200, media_type, request_id)
        for answer in answers:
            # Retry-After and WWW-Authenticate of refused operations reach the client too.
            response.headers.update(answer.headers)
        return response

    async def get(self, request: Request) -> Response:
        request_id = request_id_of(request)
        if _wants_html(request):
            response = graphiql_response(self.router.config.graphiql_default_query)
            response.headers["x-request-id"] = request_id
            return response
        media_type = _response_type(request)
        if media_type is None:
            return self._not_acceptable(request_id)
        try:
            incoming = _decode_get(request.query_params)
        except _Malformed as exc:
            return _Body({"errors": [exc.error]}, exc.status, media_type, request_id)
        answer = await self._run(request, incoming, media_type, request_id, False)
        return answer.response(media_type, request_id)

    async def _run(
        self,
        request: Request,
        incoming: _Incoming,
        media_type: str,
        request_id: str,
        allow_mutations: bool,
    ) -> _Answer:
        started = time.perf_counter()
        info = RequestInfo()
        with self.router.tracing.request(request.headers, request.method) as span:
            answer = await self._answer(
                request, incoming, media_type, request_id, allow_mutations, info
            )
            span.set_attribute("graphql.operation.type", info.operation_type)
            span.set_attribute("lifegraph.outcome", answer.outcome)
        self.router.metrics.request(
            info.operation_type, answer.outcome, time.perf_counter() - started
        )
        return answer

    async def _answer(
        self,
        request: Request,
        incoming: _Incoming,
        media_type: str,
        request_id: str,
        allow_mutations: bool,
        info: RequestInfo,
    ) -> _Answer:
        edge = self.router.edge
        legacy = media_type != GRAPHQL_RESPONSE
        try:
            client_ip = edge.proxies.edge_address(request)
            principal = await edge.authenticate(request.headers.get("authorization"))
            await edge.throttle(principal, client_ip or "unknown")
            query = await edge.persisted.resolve(incoming.query, incoming.extensions)
            graphql_request = _graphql_request(query, incoming.operation_name, incoming.variables)
            # Prepared (parsed, validated, limits checked) before an APQ hash is stored.
            prepared = await self.router.prepare_async(
                graphql_request.query, graphql_request.operation_name
            )
            await edge.persisted.register(graphql_request.query, incoming.extensions)
            headers = forwarded_headers(request.headers, client_ip, request_id)

            async def execute() -> dict[str, Any]:
                return await self.router.execute(
                    graphql_request,
                    headers,
                    allow_mutations=allow_mutations,
                    request_id=request_id,
                    info=info,
                    viewer=principal,
                    client_headers=request.headers,
                )

            key = request.headers.get("idempotency-key")
            replayed = False
            if key is not None and allow_mutations and prepared.kind is OperationType.MUTATION:
                scope = f"user:{principal.user_id}" if principal else f"ip:{client_ip or 'unknown'}"
                info.operation_type = OperationType.MUTATION.value
                answer = await edge.idempotency.run(
                    scope, key, _fingerprint(graphql_request), execute
                )
                result, replayed = answer.result, answer.replayed
            else:
                result = await execute()
        except EdgeRejection as exc:
            status = exc.legacy_status if legacy else exc.status
            return _Answer({"errors": [exc.error]}, status, exc.code.lower(), exc.headers)
        except _Malformed as exc:
            return _Answer({"errors": [exc.error]}, exc.status, "malformed")
        except RequestError as exc:
            status = 200 if exc.status == 400 and legacy else exc.status
            headers = {}
            if status == 405:
                headers["allow"] = "POST" if allow_mutations is False else "GET, POST"
            return _Answer({"errors": exc.errors}, status, "request_error", headers)
        except Exception:
            logger.exception("request %s failed", request_id)
            body = {
                "errors": [graphql_error("Internal server error", INTERNAL, requestId=request_id)]
            }
            return _Answer(body, 500, "internal")
        outcome = "errors" if "errors" in result else "ok"
        headers = {REPLAYED_HEADER: "true"} if replayed else {}
        return _Answer(result, 200, outcome, headers)

    def _not_acceptable(self, request_id: str) -> Response:
        body = _error_body(f"Accept must allow {GRAPHQL_RESPONSE} or {JSON}")
        return _Body(body, 406, JSON, request_id)


async def health(request: Request) -> Response:
    router: Router = request.app.state.router
    request_id = request_id_of(request)
    if not router.started:
        return _Body({"status": "starting", "ready": False, "subgraphs": {}}, 503, JSON, request_id)
    return _Body(await router.health(), 200, JSON, request_id)


async def metrics(request: Request) -> Response:
    router: Router = request.app.state.router
    return Response(router.metrics.render(), media_type=_METRICS_TYPE)
