"""Request bodies: bounded while they stream in, and strict JSON before any app parses them."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from common.errors import BadUserInput, LifeGraphError, PayloadTooLarge
from common.transport.jsonbody import check_body, check_json
from common.transport.responses import send_error

# GraphQL over HTTP GET carries JSON in these query parameters.
_JSON_PARAMETERS = ("variables", "extensions")


class _Refused(Exception):
    def __init__(self, status: int, error: LifeGraphError) -> None:
        super().__init__(error.message)
        self.status = status
        self.error = error


class RequestBodyMiddleware:
    """Refuses bodies over `max_bytes` (413) and malformed JSON bodies (400).

    The body is read at most `max_bytes` + one chunk into memory, whatever
    Content-Length claims, then replayed to the app.

    >>> app = RequestBodyMiddleware(app, max_bytes=1 << 20)
    """

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, exempt_prefixes: Sequence[str] = ()
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # Routes that bound and stream their own bodies (local storage uploads).
        self.exempt_prefixes = tuple(exempt_prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._exempt(scope):
            await self.app(scope, receive, send)
            return
        try:
            self._check_declared_length(scope)
            body = await self._read(receive)
            _check_json(scope, body)
        except _Refused as refused:
            await send_error(send, refused.status, refused.error)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    def _exempt(self, scope: Scope) -> bool:
        if not self.exempt_prefixes:
            return False
        # Mounted (the embedded host), `path` still starts with the mount's `root_path`.
        path, root = str(scope["path"]), str(scope.get("root_path", ""))
        local = path[len(root) :] if root and path.startswith(root) else path
        return local.startswith(self.exempt_prefixes)

    def _too_large(self) -> _Refused:
        return _Refused(
            413,
            PayloadTooLarge(
                f"Request body exceeds {self.max_bytes} bytes", maxBytes=self.max_bytes
            ),
        )

    def _check_declared_length(self, scope: Scope) -> None:
        for name, value in scope["headers"]:
            if name == b"content-length":
                if not value.isdigit():
                    raise _Refused(400, BadUserInput("Content-Length is not a number"))
                if int(value) > self.max_bytes:
                    raise self._too_large()

    async def _read(self, receive: Receive) -> bytes:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # disconnected: the app sees an empty body and the client is gone
            chunk: bytes = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_large()
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _is_json(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            media: bytes = value.split(b";")[0].strip().lower()
            return media == b"application/json" or media.endswith(b"+json")
    return False


def _check_json(scope: Scope, body: bytes) -> None:
    try:
        if _is_json(scope):
            check_body(body)
        query_string: bytes = scope.get("query_string", b"")
        if query_string:
            for name, value in parse_qsl(query_string.decode("latin-1")):
                if name in _JSON_PARAMETERS and value:
                    check_json(value, what=f"The {name} parameter")
    except BadUserInput as exc:
        raise _Refused(400, exc) from exc
