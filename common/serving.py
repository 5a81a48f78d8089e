"""Run an ASGI app on uvicorn inside the current event loop (embedded host, tests, benchmarks)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.types import ASGIApp


def bind_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


@asynccontextmanager
async def serve_in_loop(
    app: ASGIApp, *, host: str = "127.0.0.1", port: int = 0, startup_timeout: float = 30.0
) -> AsyncIterator[str]:
    """Serve `app` until the block exits; yields its base URL once startup has completed."""
    sock = bind_socket(host, port)
    bound_port = sock.getsockname()[1]
    # proxy_headers off: uvicorn would otherwise rewrite the peer address from
    # X-Forwarded-For, and the app (settings.trusted_proxies) is what decides that.
    config = uvicorn.Config(
        app, lifespan="on", log_level="warning", ws="websockets-sansio", proxy_headers=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        async with asyncio.timeout(startup_timeout):
            while not server.started:
                if task.done():
                    task.result()
                    raise RuntimeError("server stopped during startup")
                await asyncio.sleep(0.01)
        yield f"http://{host}:{bound_port}"
    finally:
        server.should_exit = True
        try:
            await task
        finally:
            sock.close()
