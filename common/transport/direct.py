"""The router's GraphQL POSTs to a subgraph in the same process, without the ASGI layers.

The embedded host's router sends each subgraph request to the subgraph's ASGI app
(`router/executor/inprocess.py`): four middlewares, Starlette's routing, a Starlette
request and response, Strawberry's HTTP adapter. For the one request shape the
router sends (a JSON POST of one operation, carrying the router secret), this does
what those layers do, in the same order and with the same functions: the secret
check, the body limit, strict JSON, the request id, the view's own context, the
schema's execution (limits, verification, error masking are the schema's), the
view's result processing and JSON encoding. So the answer is the same bytes.

Anything out of the ordinary returns None and the caller sends the request
through the app instead, so those answers stay the app's own: no or a wrong
router secret, a declared length or a body over the limit, a body that is not
strict JSON or not one operation object with a string query, a query string, a
request for a streamed answer.

```python
direct = DirectGraphQL(view, secret=router_secret(settings), max_bytes=1 << 20)
answer = await direct(scope, body)  # (200, b'{"data":...}'), or None: use the app
```
"""

from __future__ import annotations

from typing import Any, Protocol

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Message, Scope
from strawberry.exceptions import MissingQueryError
from strawberry.schema import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from common.logs import request_id_var
from common.requestid import request_id_for
from common.transport.jsonbody import MalformedJson, loads_exact
from common.transport.secret import carries_secret

_POST_OPERATIONS = frozenset(OperationType.from_http("POST"))
_STREAMED = (b"multipart/", b"text/event-stream")


class GraphQLView(Protocol):
    """What this needs of the subgraph's Strawberry view (`common.app._SubgraphGraphQL`)."""

    schema: BaseSchema

    async def get_context(self, request: Request, response: Response) -> Any: ...

    async def get_root_value(self, request: Request) -> Any: ...

    async def get_sub_response(self, request: Request) -> Response: ...

    async def process_result(self, request: Request, result: ExecutionResult) -> Any: ...

    def encode_json(self, data: object) -> str: ...


class DirectGraphQL:
    """Answers the router's ordinary GraphQL POSTs as the subgraph's app would, or None."""

    def __init__(self, view: GraphQLView, *, secret: str | None, max_bytes: int) -> None:
        self.view = view
        self.secret = secret
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, body: bytes) -> tuple[int, bytes] | None:
        """(status, body) for the POST `scope` carrying `body`; None: send it to the app."""
        request_data = self._ordinary(scope, body)
        if request_data is None:
            return None
        # RequestIdMiddleware's part: the id the logs and the context carry.
        request_id = request_id_for(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)
        try:
            return await self._execute(scope, body, request_data)
        finally:
            request_id_var.reset(token)

    def _ordinary(self, scope: Scope, body: bytes) -> dict[str, Any] | None:
        """The request's JSON object when it is the router's usual shape, else None."""
        if self.secret is not None and not carries_secret(scope, self.secret):
            return None
        if len(body) > self.max_bytes or scope.get("query_string"):
            return None
        content_type = accept = b""
        for name, value in scope["headers"]:
            if name == b"content-length":
                return None
            if name == b"content-type":
                content_type = value.split(b";")[0].strip().lower()
            elif name == b"accept":
                accept = value.lower()
        if content_type != b"application/json" or any(s in accept for s in _STREAMED):
            return None
        try:
            data = loads_exact(body)
        except MalformedJson:
            return None
        if not (
            isinstance(data, dict)
            and isinstance(data.get("query"), str)
            and isinstance(data.get("variables"), dict | None)
            and isinstance(data.get("extensions"), dict | None)
            and isinstance(data.get("operationName"), str | None)
        ):
            return None
        return data

    async def _execute(self, scope: Scope, body: bytes, data: dict[str, Any]) -> tuple[int, bytes]:
        view = self.view
        request = Request(scope, _replay(body))
        sub_response = await view.get_sub_response(request)
        context = await view.get_context(request, sub_response)
        try:
            result = await view.schema.execute(
                data["query"],
                root_value=await view.get_root_value(request),
                variable_values=data.get("variables"),
                context_value=context,
                operation_name=data.get("operationName"),
                allowed_operation_types=_POST_OPERATIONS,
                operation_extensions=data.get("extensions"),
            )
        except CannotGetOperationTypeError as exc:
            return _plain(HTTPException(400, exc.as_http_error_reason()))
        except InvalidOperationTypeError as exc:
            return _plain(HTTPException(400, exc.as_http_error_reason("POST")))
        except MissingQueryError:
            return _plain(HTTPException(400, "No GraphQL query found in the request"))
        response_data = await view.process_result(request, result)
        status = sub_response.status_code or 200
        return status, view.encode_json(response_data).encode()


def _plain(error: HTTPException) -> tuple[int, bytes]:
    # As Strawberry's ASGI view answers its HTTP errors: the reason as plain text.
    return error.status_code, error.reason.encode()


def _replay(body: bytes) -> Any:
    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
