from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from common.serving import ShutdownTimeout, serve_in_loop


async def _peer(request: Request) -> Response:
    return PlainTextResponse(request.client.host if request.client else "")


async def test_the_app_sees_the_real_peer_whatever_x_forwarded_for_says() -> None:
    app = Starlette(routes=[Route("/", _peer)])
    async with serve_in_loop(app) as url, httpx.AsyncClient() as client:
        response = await client.get(url, headers={"X-Forwarded-For": "203.0.113.9"})
    assert response.text == "127.0.0.1"


async def test_shutdown_cancels_a_request_that_never_finishes() -> None:
    entered = asyncio.Event()

    async def forever(_: Request) -> Response:
        entered.set()
        await asyncio.Event().wait()
        return PlainTextResponse("unreachable")

    app = Starlette(routes=[Route("/", forever)])
    async with httpx.AsyncClient() as client:
        async with asyncio.timeout(15):  # without a graceful-shutdown timeout: forever
            async with serve_in_loop(app, graceful_shutdown_timeout=1) as url:
                pending = asyncio.create_task(client.get(url, timeout=30))
                await entered.wait()
        (answer,) = await asyncio.gather(pending, return_exceptions=True)
    # Cut off: a 500 if the response had not started, else a dropped connection.
    assert isinstance(answer, httpx.HTTPError) or (
        isinstance(answer, httpx.Response) and answer.status_code == 500
    )


async def test_a_lifespan_that_never_shuts_down_fails_the_shutdown_instead_of_hanging() -> None:
    release = asyncio.Event()

    @asynccontextmanager
    async def stuck(_: Starlette) -> AsyncIterator[None]:
        yield
        await release.wait()  # e.g. a background task that ignores cancellation

    app = Starlette(lifespan=stuck)
    try:
        async with asyncio.timeout(15):
            with pytest.raises(ShutdownTimeout, match="longer than"):
                async with serve_in_loop(
                    app, graceful_shutdown_timeout=1, lifespan_shutdown_timeout=0.5
                ):
                    pass
    finally:
        release.set()
