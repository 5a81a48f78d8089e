"""Run an ASGI app on uvicorn inside the current event loop (embedded host, tests, benchmarks)."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from starlette.types import ASGIApp

from common.cancellation import join
from common.transport.writes import CoalescingHttpToolsProtocol

log = logging.getLogger(__name__)

# Open connections (keep-alive, WebSockets) and in-flight requests get this
# long to finish once shutdown starts; then uvicorn cancels them.
GRACEFUL_SHUTDOWN_SECONDS = 5.0
# The app's own lifespan shutdown (stopping background tasks, closing
# connections) gets this long on top before the server task is cancelled.
LIFESPAN_SHUTDOWN_SECONDS = 10.0


class ShutdownTimeout(RuntimeError):
    """The server did not stop within its graceful and lifespan shutdown timeouts."""


def bind_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


async def stop_server(
    server: uvicorn.Server,
    task: asyncio.Task[None],
    *,
    lifespan_timeout: float = LIFESPAN_SHUTDOWN_SECONDS,
) -> None:
    """Ask `server` (running as `task`) to exit; never wait longer than its timeouts.

    uvicorn bounds the wait for connections (`timeout_graceful_shutdown`) but
    not the app's lifespan shutdown: a background task that ignores
    cancellation would hold the process (or a test's teardown) forever. Past
    the bound the server task is cancelled and `ShutdownTimeout` raised, so
    a hang becomes an error that says where it was.
    """
    server.should_exit = True
    grace = server.config.timeout_graceful_shutdown or 0
    done, _ = await asyncio.wait([task], timeout=grace + lifespan_timeout)
    if done:
        task.result()
        return
    log.error("server did not shut down in time; cancelling it", extra={"task": task.get_name()})
    server.force_exit = True
    task.cancel()
    await asyncio.wait([task], timeout=lifespan_timeout)
    if task.done():
        await join(task)
    raise ShutdownTimeout(f"server shutdown took longer than {grace + lifespan_timeout:.0f}s")


@asynccontextmanager
async def serve_in_loop(
    app: ASGIApp,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    startup_timeout: float = 30.0,
    graceful_shutdown_timeout: float = GRACEFUL_SHUTDOWN_SECONDS,
    lifespan_shutdown_timeout: float = LIFESPAN_SHUTDOWN_SECONDS,
) -> AsyncIterator[str]:
    """Serve `app` until the block exits; yields its base URL once startup has completed.

    Shutdown is bounded: `graceful_shutdown_timeout` for open connections, then
    `lifespan_shutdown_timeout` for the app's shutdown, else `ShutdownTimeout`.
    """
    sock = bind_socket(host, port)
    bound_port = sock.getsockname()[1]
    # proxy_headers off: uvicorn would otherwise rewrite the peer address from
    # X-Forwarded-For, and the app (settings.trusted_proxies) is what decides that.
    config = uvicorn.Config(
        app,
        lifespan="on",
        log_level="warning",
        ws="websockets-sansio",
        # As `lifegraph` serves: a response's head and body in one write.
        http=CoalescingHttpToolsProtocol,
        proxy_headers=False,
        timeout_graceful_shutdown=max(1, round(graceful_shutdown_timeout)),
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]), name=f"uvicorn:{bound_port}")
    try:
        async with asyncio.timeout(startup_timeout):
            while not server.started:
                if task.done():
                    task.result()
                    raise RuntimeError("server stopped during startup")
                await asyncio.sleep(0.01)
        yield f"http://{host}:{bound_port}"
    finally:
        try:
            await stop_server(server, task, lifespan_timeout=lifespan_shutdown_timeout)
        finally:
            sock.close()
