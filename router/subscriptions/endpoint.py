"""The `/graphql` WebSocket route: subprotocol negotiation, then one session per socket."""

from __future__ import annotations

import logging
from collections.abc import Collection
from urllib.parse import urlsplit

from starlette.routing import WebSocketRoute
from starlette.types import Receive, Scope, Send

from common.auth import TokenVerifier
from common.requestid import request_id_for
from router.config import RouterConfig
from router.service import Router
from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.hub import SubscriptionHub
from router.subscriptions.protocol import SUBPROTOCOL, CloseCode
from router.subscriptions.session import ClientSession

logger = logging.getLogger("router.subscriptions")

# RFC 6455 policy violation; sent before accept, the handshake fails with HTTP 403.
_POLICY_VIOLATION = 1008


def _header(scope: Scope, wanted: bytes) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == wanted:
            found: str = value.decode("latin-1")
            return found
    return None


def origin_allowed(scope: Scope, allowed: Collection[str]) -> bool:
    """Browsers always send Origin on a socket handshake and CORS does not apply to
    sockets: without this check any site could open one with the visitor's cookies or
    stored token. Clients without an Origin are not browsers and pass."""
    origin = _header(scope, b"origin")
    if origin is None or "*" in allowed or origin in allowed:
        return True
    # A page served by this same host (GraphiQL, the embedded web app).
    host = _header(scope, b"host")
    return host is not None and urlsplit(origin).netloc == host


class SubscriptionEndpoint:
    def __init__(
        self,
        router: Router,
        verifier: TokenVerifier | None,
        config: SubscriptionConfig,
        *,
        origins: Collection[str] = (),
        hub: SubscriptionHub | None = None,
    ) -> None:
        self.router = router
        self.verifier = verifier
        self.config = config
        self.origins = origins
        hub = hub or SubscriptionHub.for_router(router, config)
        self.shared = hub.shared
        self.upstreams = hub.upstreams

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (await receive())["type"] != "websocket.connect":
            return
        if not origin_allowed(scope, self.origins):
            await _close(send, _POLICY_VIOLATION, "Origin not allowed")
            return
        request_id = request_id_for(scope)
        headers = [(b"x-request-id", request_id.encode())]
        if SUBPROTOCOL not in scope.get("subprotocols", ()):
            await send({"type": "websocket.accept", "headers": headers})
            await _close(send, CloseCode.SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable")
            return
        await send({"type": "websocket.accept", "subprotocol": SUBPROTOCOL, "headers": headers})
        if not self.router.started:
            await _close(send, CloseCode.TRY_AGAIN_LATER, "The router is starting")
            return
        client_headers = {
            name.decode("latin-1").lower(): value.decode("latin-1")
            for name, value in scope.get("headers", ())
        }
        session = ClientSession(
            self.router,
            self.verifier,
            self.config,
            send,
            request_id,
            self.shared,
            self.upstreams,
            client_headers,
        )
        await session.run(receive)


async def _close(send: Send, code: int, reason: str) -> None:
    await send({"type": "websocket.close", "code": code, "reason": reason})


def subscription_route(
    router: Router, config: RouterConfig, hub: SubscriptionHub | None = None
) -> WebSocketRoute:
    # The same verifier as HTTP requests: one policy for a token, whatever the transport.
    if config.token_verifier is None:
        logger.warning("no token verifier: socket tokens are left to the subgraphs to verify")
    endpoint = SubscriptionEndpoint(
        router, config.token_verifier, config.subscriptions, origins=config.cors_origins, hub=hub
    )
    return WebSocketRoute("/graphql", endpoint)
