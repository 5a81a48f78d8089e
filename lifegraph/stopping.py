"""Serving with a bounded stop: whatever hangs, a stop signal ends the process in time."""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
from types import FrameType

import uvicorn
from starlette.types import ASGIApp

from common.transport.writes import CoalescingHttpToolsProtocol

# Beyond open connections' grace: the lifespan shutdown and the database stop.
STOP_MARGIN_SECONDS = 5.0


class BoundedStopServer(uvicorn.Server):
    """uvicorn's server, plus a deadline on the whole stop once a stop signal arrived.

    uvicorn bounds the wait for open connections (`timeout_graceful_shutdown`),
    not the lifespan shutdown after it nor the tasks `asyncio.run` cancels last;
    one call stuck there (a database that went away first) would otherwise hold
    the process until the service manager's SIGKILL, 90 s later under systemd.
    """

    def __init__(self, config: uvicorn.Config, *, stop_within: float) -> None:
        super().__init__(config)
        self._stop_within = stop_within
        self._deadline: threading.Timer | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self._deadline is None:
            self._deadline = threading.Timer(self._stop_within, _give_up, (sig, self._stop_within))
            self._deadline.daemon = True
            self._deadline.start()
        super().handle_exit(sig, frame)


def _give_up(sig: int, seconds: float) -> None:
    # Children tethered to this process (the embedded database) stop on their own.
    sys.stderr.write(f"Stopping took longer than {seconds:.0f}s; exiting now.\n")
    sys.stderr.flush()
    os._exit(128 + sig)


def serve(
    application: ASGIApp, *, host: str, port: int, graceful_seconds: float, ws_max_size: int
) -> None:
    _serve(application, graceful_seconds, ws_max_size, host=host, port=port)


def serve_sockets(
    application: ASGIApp, sockets: list[socket.socket], *, graceful_seconds: float, ws_max_size: int
) -> None:
    """`serve` on sockets bound already (by a supervisor of many workers)."""
    _serve(application, graceful_seconds, ws_max_size, sockets=sockets)


def _serve(
    application: ASGIApp,
    graceful_seconds: float,
    ws_max_size: int,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    sockets: list[socket.socket] | None = None,
) -> None:
    config = uvicorn.Config(
        application,
        host=host,
        port=port,
        log_level="warning",
        # At "warning" uvicorn drops its access lines anyway, but only after building
        # each one: seven per home screen in the embedded host.
        access_log=False,
        ws="websockets-sansio",
        # A response's head and body in one write (common/transport/writes.py).
        http=CoalescingHttpToolsProtocol,
        # Our apps read X-Forwarded-For themselves, believing only configured
        # proxies; uvicorn must not rewrite the client address first.
        proxy_headers=False,
        timeout_graceful_shutdown=int(graceful_seconds),
        ws_max_size=ws_max_size,
    )
    server = BoundedStopServer(config, stop_within=graceful_seconds + STOP_MARGIN_SECONDS)
    # uvicorn re-raises a Ctrl-C it handled gracefully: that is a clean stop.
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=sockets)
    if not server.started:
        sys.exit(3)  # uvicorn's STARTUP_FAILURE: the app's startup failed
