from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from common.serving import serve_in_loop


async def _peer(request: Request) -> Response:
    return PlainTextResponse(request.client.host if request.client else "")


async def test_the_app_sees_the_real_peer_whatever_x_forwarded_for_says() -> None:
    app = Starlette(routes=[Route("/", _peer)])
    async with serve_in_loop(app) as url, httpx.AsyncClient() as client:
        response = await client.get(url, headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.text == "127.0.0.1"
