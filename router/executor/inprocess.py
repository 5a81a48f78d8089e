"""Subgraph requests to an ASGI app in this process, without a socket.

The embedded host (`lifegraph up`) serves the router and every subgraph in one
event loop; over loopback HTTP each subgraph fetch paid for an aiohttp request,
uvicorn's parsing and the host's outer middleware. Here the request goes to the
subgraph's own ASGI app, the one its HTTP route serves, so it passes the same
layers (router secret, body limit, request id, token verification, operation
limits, error masking) and answers with the same bytes.

What the socket did, this keeps:
- the subgraph sees the peer it would have seen (the URL's host), so its trust
  in the router's `X-LifeGraph-Client-IP` is decided as over HTTP;
- each request runs in a task of its own with a fresh context, as uvicorn runs
  it: nothing of the router's context variables reaches the subgraph;
- a caller that gives up (timeout, cancellation) leaves the subgraph's work to
  finish, as a closed connection did; `close()` cancels what is still running.

With a `direct` call (the subgraph host's `DirectGraphQL`), the request goes to
the subgraph's GraphQL view past the app's layers, which that call repeats for
the router's ordinary requests; what it declines (answers None) goes to the app.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Scope

log = logging.getLogger(__name__)

_DISCONNECT: Message = {"type": "http.disconnect"}


class DirectCall(Protocol):
    """The app's answer to an ordinary POST without its ASGI layers, or None to use the app."""

    async def __call__(self, scope: Scope, body: bytes) -> tuple[int, bytes] | None: ...


@dataclass(frozen=True, slots=True)
class InProcessApp:
    """A subgraph's ASGI app, the path prefix it is mounted at in this process, and
    optionally its direct call (`common.transport.direct.DirectGraphQL`)."""

    app: ASGIApp
    root_path: str = ""
    direct: DirectCall | None = None


@dataclass(slots=True)
class AsgiAnswer:
    """What the app sent back: the status and the whole body."""

    status: int = 0
    body: list[bytes] = field(default_factory=list)
    complete: bool = False

    def content(self) -> bytes:
        return b"".join(self.body)


class AsgiTransport:
    """POSTs to `url`'s path on `app`, as an HTTP client would send them to `url`.

    `app` is what serves `url` below `root_path` (the prefix it is mounted at):

    ```python
    url = "http://127.0.0.1:4000/subgraphs/goals/graphql"
    transport = AsgiTransport(host.asgi, url, root_path="/subgraphs/goals")
    status, body = await transport.post(b'{"query":"{__typename}"}', headers)
    ```
    """

    def __init__(
        self, app: ASGIApp, url: str, *, root_path: str = "", direct: DirectCall | None = None
    ) -> None:
        self.app = app
        self.direct = direct
        parts = urlsplit(url)
        host = parts.hostname or "127.0.0.1"
        port = parts.port or (443 if parts.scheme == "https" else 80)
        # As Starlette's Mount hands it on: the whole path, the prefix in root_path.
        self._path = parts.path
        self._root_path = root_path
        self._scheme = parts.scheme or "http"
        self._server = (host, port)
        self._client = (host, 0)
        self._running: set[asyncio.Task[None]] = set()

    async def post(self, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        """The app's status and body for one POST; runs on if the caller stops waiting."""
        answer = AsgiAnswer()
        task = asyncio.create_task(
            self._serve(body, headers, answer), context=contextvars.Context()
        )
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        # Shielded: cancelling the caller must not cancel the subgraph mid-write.
        await asyncio.shield(task)
        if not answer.complete:
            # The app raised or returned before a whole response; uvicorn answers 500.
            return 500, b""
        return answer.status, answer.content()

    async def close(self) -> None:
        """Cancel requests still running after their callers gave up, and wait for them."""
        running = list(self._running)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)

    async def _serve(self, body: bytes, headers: Mapping[str, str], answer: AsgiAnswer) -> None:
        finished = asyncio.Event()
        sent_body = False

        async def receive() -> Message:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": body, "more_body": False}
            # As on a connection: nothing more until the exchange is over.
            await finished.wait()
            return _DISCONNECT

        async def send(message: Message) -> None:
            kind = message["type"]
            if kind == "http.response.start":
                answer.status = message["status"]
            elif kind == "http.response.body":
                answer.body.append(message.get("body", b""))
                if not message.get("more_body", False):
                    answer.complete = True
                    finished.set()

        scope = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": self._scheme,
            "path": self._path,
            "raw_path": self._path.encode(),
            "root_path": self._root_path,
            "app_root_path": "",
            "query_string": b"",
            "headers": [
                (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()
            ],
            "client": self._client,
            "server": self._server,
            "state": {},
            "extensions": {},
        }
        try:
            if self.direct is not None:
                answered = await self.direct(scope, body)
                if answered is not None:
                    answer.status, content = answered
                    answer.body.append(content)
                    answer.complete = True
                    return
            await self.app(scope, receive, send)
        except Exception:
            # As uvicorn does: the failure is logged here, the caller sees a 500.
            log.exception("in-process subgraph request failed", extra={"path": self._path})
        finally:
            finished.set()
