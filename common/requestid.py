"""Request ids: a well-formed client `X-Request-ID` is kept, else one is minted.

Exactly one id per request, and exactly one `X-Request-ID` on its response: when
several layers handle a request (the embedded app around the router and subgraphs),
the outermost decides and the inner ones reuse its id (`request_id_for`).
"""

from __future__ import annotations

import re
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from common.logs import request_id_var

HEADER = "x-request-id"
_HEADER = HEADER.encode()
_VALID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


def incoming_request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == _HEADER:
            candidate: str = value.decode("latin-1")
            if _VALID.match(candidate):
                return candidate
    return uuid.uuid4().hex


def request_id_for(scope: Scope) -> str:
    """The id already chosen for this request by an outer layer, else `incoming_request_id`."""
    chosen = scope.get("state", {}).get("request_id")
    return chosen if isinstance(chosen, str) and chosen else incoming_request_id(scope)


def with_request_id(
    headers: list[tuple[bytes, bytes]], request_id: str
) -> list[tuple[bytes, bytes]]:
    """`headers` with every `X-Request-ID` replaced by the one `request_id`."""
    kept = [(name, value) for name, value in headers if name.lower() != _HEADER]
    kept.append((_HEADER, request_id.encode()))
    return kept


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        request_id = request_id_for(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] in ("http.response.start", "websocket.accept"):
                headers = list(message.get("headers", ()))
                message = {**message, "headers": with_request_id(headers, request_id)}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)
