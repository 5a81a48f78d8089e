"""The `/graphql` WebSocket route: subprotocol negotiation, then one session per socket."""

from __future__ import annotations

import logging
import re
import uuid

from starlette.routing import WebSocketRoute
from starlette.types import Receive, Scope, Send

from common.auth import TokenVerifier
from router.config import RouterConfig
from router.service import Router
from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.pool import UpstreamPool
from router.subscriptions.protocol import SUBPROTOCOL, CloseCode
from router.subscriptions.session import ClientSession
from router.subscriptions.shared import SharedResolutions

logger = logging.getLogger("router.subscriptions")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._\-]{1,128}$")


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            given: str = value.decode("latin-1")
            if _REQUEST_ID.match(given):
                return given
    return uuid.uuid4().hex


class SubscriptionEndpoint:
    def __init__(
        self, router: Router, verifier: TokenVerifier | None, config: SubscriptionConfig
    ) -> None:
        self.router = router
        self.verifier = verifier
        self.config = config
        self.shared = SharedResolutions(max_concurrent=config.max_concurrent_event_resolutions)
        self.upstreams = UpstreamPool(config)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (await receive())["type"] != "websocket.connect":
            return
        request_id = _request_id(scope)
        headers = [(b"x-request-id", request_id.encode())]
        if SUBPROTOCOL not in scope.get("subprotocols", ()):
            await send({"type": "websocket.accept", "headers": headers})
            await _close(send, CloseCode.SUBPROTOCOL_NOT_ACCEPTABLE, "Subprotocol not acceptable")
            return
        await send({"type": "websocket.accept", "subprotocol": SUBPROTOCOL, "headers": headers})
        if not self.router.started:
            await _close(send, CloseCode.TRY_AGAIN_LATER, "The router is starting")
            return
        session = ClientSession(
            self.router, self.verifier, self.config, send, request_id, self.shared, self.upstreams
        )
        await session.run(receive)


async def _close(send: Send, code: int, reason: str) -> None:
    await send({"type": "websocket.close", "code": code, "reason": reason})


def subscription_route(router: Router, config: RouterConfig) -> WebSocketRoute:
    # The same verifier as HTTP requests: one policy for a token, whatever the transport.
    if config.token_verifier is None:
        logger.warning("no token verifier: socket tokens are left to the subgraphs to verify")
    endpoint = SubscriptionEndpoint(router, config.token_verifier, config.subscriptions)
    return WebSocketRoute("/graphql", endpoint)
