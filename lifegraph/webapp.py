"""The LifeGraph web app at `/`: the Vite build shipped in this package (lifegraph/web_dist).

`lifegraph web build` writes web_dist from clients/web; the build is committed, so an
installed `lifegraph up` serves the app with no Node and nothing fetched at run time.
The page loads only its own files, so its policy is 'self' throughout, plus the media
storage's origin when that is elsewhere (`web_media_origins`: photos and uploads); `connect-src
'self'` covers the router's `/graphql` over HTTP and its WebSocket (CSP Level 3 lets
'self' match ws: and wss: on the same host).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from common.transport.headers import SECURITY_HEADERS, SecurityHeadersMiddleware

WEB_DIST = Path(__file__).parent / "web_dist"


def content_security_policy(media_origins: Sequence[str] = ()) -> str:
    """The app's policy: its own files, plus `media_origins` for photos and uploads."""
    media = "".join(f" {origin}" for origin in media_origins)
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src 'self' data:{media}",
            f"connect-src 'self'{media}",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "object-src 'none'",
        )
    )


# Vite names every asset by its content hash, so a fetched file never changes.
_IMMUTABLE = (b"cache-control", b"public, max-age=31536000, immutable")


class _Immutable:
    """Marks each successful response of `app` as cacheable for good."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] == 200:
                message = {**message, "headers": [*message.get("headers", ()), _IMMUTABLE]}
            await send(message)

        await self.app(scope, receive, send_cached)


def web_routes(dist: Path = WEB_DIST, *, media_origins: Sequence[str] = ()) -> list[BaseRoute]:
    """`/` and `/assets/*` for the app built into `dist`; none when it was never built.

    `media_origins`: where media lives when not on this server (`web_media_origins`).
    """
    index = dist / "index.html"
    if not index.is_file():
        return []
    page = index.read_bytes()
    # no-cache: a new build's page (naming new asset hashes) is picked up at once.
    headers = {name.decode(): value.decode() for name, value in SECURITY_HEADERS}
    headers |= {
        "content-security-policy": content_security_policy(media_origins),
        "cache-control": "no-cache",
    }

    async def app_page(_: Request) -> Response:
        return Response(page, media_type="text/html", headers=headers)

    assets = StaticFiles(directory=dist / "assets")
    return [
        Route("/", app_page, methods=["GET", "HEAD"]),
        Mount("/assets", app=SecurityHeadersMiddleware(_Immutable(assets))),
    ]
