"""GraphQL over HTTP: request decoding, media types, status codes, request ids."""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from router import jsoncodec
from router.executor.errors import BAD_USER_INPUT, INTERNAL, graphql_error
from router.graphiql import GRAPHIQL_HTML
from router.service import GraphQLRequest, RequestError, Router

logger = logging.getLogger("router.http")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,128}$")
# Only these client headers travel to subgraphs; hop-by-hop headers never do.
_FORWARDED = ("authorization",)


def request_id_of(request: Request) -> str:
    given = request.headers.get("x-request-id", "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


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


class _Body(JSONResponse):
    def __init__(self, content: Any, status_code: int, media_type: str, request_id: str) -> None:
        super().__init__(content, status_code=status_code, media_type=media_type)
        self.headers["x-request-id"] = request_id

    def render(self, content: Any) -> bytes:
        return jsoncodec.dumps(content)


def _error_body(message: str, code: str = BAD_USER_INPUT) -> dict[str, Any]:
    return {"errors": [graphql_error(message, code)]}


def _forwarded_headers(request: Request, request_id: str) -> dict[str, str]:
    headers = {name: request.headers[name] for name in _FORWARDED if name in request.headers}
    headers["x-request-id"] = request_id
    return headers


def _decode_post(body: bytes) -> GraphQLRequest:
    try:
        payload = jsoncodec.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise _malformed("Request body is not valid JSON") from exc
    if not isinstance(payload, dict):
        raise _malformed("Request body must be a JSON object")
    return _graphql_request(
        payload.get("query"), payload.get("operationName"), payload.get("variables")
    )


def _decode_get(params: Mapping[str, str]) -> GraphQLRequest:
    variables: Any = params.get("variables")
    if variables:
        try:
            variables = json.loads(variables)
        except ValueError as exc:
            raise _malformed("The variables parameter is not valid JSON") from exc
    return _graphql_request(params.get("query"), params.get("operationName"), variables or None)


def _graphql_request(query: Any, operation_name: Any, variables: Any) -> GraphQLRequest:
    if not isinstance(query, str) or not query.strip():
        raise _malformed("A GraphQL request needs a non-empty 'query' string")
    if operation_name is not None and not isinstance(operation_name, str):
        raise _malformed("'operationName' must be a string")
    if variables is not None and not isinstance(variables, dict):
        raise _malformed("'variables' must be a JSON object")
    return GraphQLRequest(query, operation_name or None, variables)


class _Malformed(Exception):
    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def _malformed(message: str) -> _Malformed:
    return _Malformed(message)


class GraphQLEndpoint:
    def __init__(self, router: Router) -> None:
        self.router = router

    async def post(self, request: Request) -> Response:
        request_id = request_id_of(request)
        media_type = _response_type(request)
        if media_type is None:
            return self._not_acceptable(request_id)
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != JSON:
            return _Body(
                _error_body("Content-Type must be application/json"), 415, media_type, request_id
            )
        try:
            graphql_request = _decode_post(await request.body())
        except _Malformed as exc:
            return _Body(_error_body(str(exc)), exc.status, media_type, request_id)
        return await self._run(request, graphql_request, media_type, request_id, True)

    async def get(self, request: Request) -> Response:
        request_id = request_id_of(request)
        if _wants_html(request):
            response = HTMLResponse(GRAPHIQL_HTML)
            response.headers["x-request-id"] = request_id
            return response
        media_type = _response_type(request)
        if media_type is None:
            return self._not_acceptable(request_id)
        try:
            graphql_request = _decode_get(request.query_params)
        except _Malformed as exc:
            return _Body(_error_body(str(exc)), exc.status, media_type, request_id)
        return await self._run(request, graphql_request, media_type, request_id, False)

    async def _run(
        self,
        request: Request,
        graphql_request: GraphQLRequest,
        media_type: str,
        request_id: str,
        allow_mutations: bool,
    ) -> Response:
        try:
            result = await self.router.execute(
                graphql_request,
                _forwarded_headers(request, request_id),
                allow_mutations=allow_mutations,
                request_id=request_id,
            )
        except RequestError as exc:
            status = exc.status if exc.status != 400 or media_type == GRAPHQL_RESPONSE else 200
            response = _Body({"errors": exc.errors}, status, media_type, request_id)
            if status == 405:
                response.headers["allow"] = "POST" if allow_mutations is False else "GET, POST"
            return response
        except Exception:
            logger.exception("request %s failed", request_id)
            body = {
                "errors": [graphql_error("Internal server error", INTERNAL, requestId=request_id)]
            }
            return _Body(body, 500, media_type, request_id)
        return _Body(result, 200, media_type, request_id)

    def _not_acceptable(self, request_id: str) -> Response:
        body = _error_body(f"Accept must allow {GRAPHQL_RESPONSE} or {JSON}")
        return _Body(body, 406, JSON, request_id)


async def health(request: Request) -> Response:
    router: Router = request.app.state.router
    request_id = request_id_of(request)
    if not router.started:
        return _Body({"status": "starting", "ready": False, "subgraphs": {}}, 503, JSON, request_id)
    return _Body(await router.health(), 200, JSON, request_id)
