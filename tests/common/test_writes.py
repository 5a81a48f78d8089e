"""The coalescing HTTP protocol (common/transport/writes.py) under a real uvicorn server:
answers are whole, streamed parts leave when written, and a closing answer still arrives."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from common.serving import serve_in_loop

WAIT = 10.0


def _app(release: asyncio.Event) -> Starlette:
    async def answer(request: Request) -> Response:
        return JSONResponse({"n": int(request.query_params["n"]), "pad": "x" * 20_000})

    async def parts() -> AsyncIterator[bytes]:
        yield b"first;"
        # The client must have read the first part before the second is written: a part
        # held back until the next write would never arrive.
        await release.wait()
        yield b"second"

    async def stream(_: Request) -> Response:
        return StreamingResponse(parts(), media_type="text/plain")

    return Starlette(routes=[Route("/answer", answer), Route("/stream", stream)])


async def test_answers_on_one_kept_alive_connection_are_whole() -> None:
    async with (
        serve_in_loop(_app(asyncio.Event())) as base,
        httpx.AsyncClient(base_url=base, trust_env=False, timeout=WAIT) as http,
    ):
        for n in range(3):
            response = await http.get("/answer", params={"n": n})
            assert response.json() == {"n": n, "pad": "x" * 20_000}
            assert response.headers["content-length"] == str(len(response.content))


async def test_a_streamed_part_leaves_before_the_app_waits() -> None:
    release = asyncio.Event()
    async with (
        serve_in_loop(_app(release)) as base,
        httpx.AsyncClient(base_url=base, trust_env=False, timeout=WAIT) as http,
        http.stream("GET", "/stream") as response,
    ):
        chunks = response.aiter_raw()
        async with asyncio.timeout(WAIT):
            assert await anext(chunks) == b"first;"
        release.set()
        assert b"".join([part async for part in chunks]) == b"second"


async def test_a_connection_close_answer_arrives_before_the_close() -> None:
    async with serve_in_loop(_app(asyncio.Event())) as base:
        host, port = base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(b"GET /answer?n=7 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        async with asyncio.timeout(WAIT):
            raw = await reader.read()  # until the server closes
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert body == b'{"n":7,"pad":"' + b"x" * 20_000 + b'"}'
