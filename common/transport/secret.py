"""Subgraphs behind the router: a shared secret the router sends on every subgraph call.

With the secret set, a subgraph's GraphQL endpoint (HTTP and WebSocket) answers only
calls carrying it, so its introspection and `_service` are the router's alone too.
The secret is required in every environment but `development` and the test suite's
`test`.
"""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

from common.errors import Forbidden
from common.settings import CommonSettings
from common.transport.responses import send_error

ROUTER_SECRET_HEADER = "x-lifegraph-router-secret"  # noqa: S105 (a header name)
_HEADER = ROUTER_SECRET_HEADER.encode()
# WebSocket close code for a policy violation (RFC 6455); before accept it becomes HTTP 403.
_POLICY_VIOLATION = 1008


class MissingRouterSecret(RuntimeError):
    pass


def router_secret(settings: CommonSettings) -> str | None:
    """The configured secret; refuses (raises) outside development when there is none."""
    secret = settings.router_secret.get_secret_value() if settings.router_secret else None
    if not secret and not settings.local_environment:
        raise MissingRouterSecret(
            "LIFEGRAPH_ROUTER_SECRET must be set in the "
            f"{str(settings.environment)!r} environment: "
            "subgraphs accept calls only from the router"
        )
    return secret or None


def router_headers(settings: CommonSettings) -> dict[str, str]:
    """What the router adds to every subgraph call (HTTP requests and socket handshakes)."""
    secret = router_secret(settings)
    return {ROUTER_SECRET_HEADER: secret} if secret else {}


def carries_secret(scope: Scope, secret: str) -> bool:
    expected = secret.encode()
    for name, value in scope.get("headers", ()):
        if name == _HEADER:
            return hmac.compare_digest(value, expected)
    return False


class RouterOnlyMiddleware:
    """Refuses calls without the router's secret; `secret=None` lets every call through.

    >>> view = RouterOnlyMiddleware(view, secret=router_secret(settings))
    """

    def __init__(self, app: ASGIApp, *, secret: str | None) -> None:
        self.app = app
        self.secret = secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.secret is None or scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if carries_secret(scope, self.secret):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "http":
            await send_error(
                send, 403, Forbidden("This endpoint accepts calls only from the router.")
            )
            return
        await receive()  # websocket.connect
        await send({"type": "websocket.close", "code": _POLICY_VIOLATION, "reason": "Forbidden"})
