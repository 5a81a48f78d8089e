"""WebSockets whose client is gone are not errors of the app.

A client that leaves during the handshake, or a server that closes every
socket as it stops, makes the app's next send raise `WebSocketDisconnect`;
let through, uvicorn logs it as "Exception in ASGI application" with a
traceback, once per socket, on every stop.
"""

from __future__ import annotations

import logging

from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect
from uvicorn.protocols.utils import ClientDisconnected

log = logging.getLogger(__name__)


class QuietDisconnects:
    """ASGI middleware: `app.add_middleware(QuietDisconnects)`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "websocket":
            await self.app(scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        except (WebSocketDisconnect, ClientDisconnected):
            log.debug("websocket closed before the app was done with it", exc_info=True)
