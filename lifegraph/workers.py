"""Many server processes on one port, supervised: `lifegraph router --workers N`.

The supervisor binds one listening socket per worker slot, all on the same port
with `SO_REUSEPORT`, and keeps them open for its whole life; each worker is a
spawned process serving its slot's socket. The kernel spreads new connections
over the sockets by their addresses, so every worker gets a share even when one
is busier (one shared socket lets the first worker awake accept a whole burst).
Because the supervisor holds the sockets, a worker that dies loses no queued
connection: they wait in its slot's backlog until the replacement accepts them,
and the port is never unbound.

- A worker that exits while the supervisor runs is started again; one that
  failed its own start-up (exit status 3, uvicorn's `STARTUP_FAILURE`) would fail
  the same way again, so the supervisor stops everything and exits with status 1.
- SIGTERM or SIGINT: every worker gets SIGTERM and drains (its open requests and
  connections finish within the graceful stop); past that bound it is killed.
- SIGHUP is passed on to every worker (ignored there unless the router handles it).
- Workers die with the supervisor, even when it is killed (`PR_SET_PDEATHSIG`).

Each worker is numbered (`LIFEGRAPH_WORKER`, 0..N-1, kept by its replacement) and
says so on its `/health` answers (`X-LifeGraph-Worker`), so an operator or a test
can tell which process served a connection.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait
from multiprocessing.context import SpawnProcess
from types import FrameType

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from common.gctuning import tune_for_serving
from lifegraph.stopping import STOP_MARGIN_SECONDS, serve_sockets

log = logging.getLogger(__name__)

WORKER_ENV = "LIFEGRAPH_WORKER"
WORKER_HEADER = b"x-lifegraph-worker"
# uvicorn's exit status when the app's start-up failed (lifegraph.stopping.serve).
STARTUP_FAILURE = 3
_PR_SET_PDEATHSIG = 1
_BACKLOG = 2048

AppFactory = Callable[[], ASGIApp]

UP_WORKERS_REFUSED = (
    "lifegraph up: --workers must be 1. The embedded host is one process by design: its "
    "database child, event bus, subscription fan-out, rate limits and idempotency keys live "
    "in that process, and a second one would not see them (a subscriber on one would miss "
    "events published on the other; a retried mutation could run twice). For more cores, "
    "run each subgraph with `lifegraph serve` and the router with `lifegraph router "
    '--workers N` on MongoDB, RabbitMQ and Redis (docs/router.md, "Many workers").'
)


@dataclass(frozen=True)
class WorkerOptions:
    """How each worker serves; `gc_young_threshold` as in `common.gctuning`."""

    graceful_seconds: float
    ws_max_size: int
    gc_young_threshold: int | None


def bind_reuseport(host: str, port: int, count: int) -> list[socket.socket]:
    """`count` listening sockets on one port (`port` 0: the first one's free port)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sockets: list[socket.socket] = []
    try:
        for _ in range(count):
            sock = socket.socket(family, socket.SOCK_STREAM)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            sock.bind((host, port))
            port = sock.getsockname()[1]
            sock.listen(_BACKLOG)
            sock.set_inheritable(True)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


class WorkerHeader:
    """Adds the worker's number to `/health` answers: which process served this connection."""

    def __init__(self, app: ASGIApp, index: int) -> None:
        self.app = app
        self.value = str(index).encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/health":
            await self.app(scope, receive, send)
            return

        async def send_with_worker(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), (WORKER_HEADER, self.value)]
            await send(message)

        await self.app(scope, receive, send_with_worker)


def _die_with_parent(parent: int) -> None:
    # Linux only. The supervisor spawns from its main thread, so "parent" is the process.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # the supervisor died before prctl took effect
        sys.exit(0)


def run_worker(
    factory: AppFactory, sock: socket.socket, index: int, options: WorkerOptions, parent: int
) -> None:
    """A worker process's body: build the app here (nothing is shared) and serve `sock`."""
    _die_with_parent(parent)
    # SIGHUP's default would end the worker; a router that reloads on SIGHUP installs
    # its own handler at start-up, over this one.
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    os.environ[WORKER_ENV] = str(index)
    application = WorkerHeader(factory(), index)
    tune_for_serving(options.gc_young_threshold)
    serve_sockets(
        application,
        [sock],
        graceful_seconds=options.graceful_seconds,
        ws_max_size=options.ws_max_size,
    )


class Supervisor:
    """Runs `count` workers over `sockets` until SIGTERM/SIGINT; restarts any that exits."""

    def __init__(
        self, factory: AppFactory, sockets: list[socket.socket], options: WorkerOptions
    ) -> None:
        self._factory = factory
        self._sockets = sockets
        self._options = options
        self._context = multiprocessing.get_context("spawn")
        self._workers: dict[int, SpawnProcess] = {}
        self._stopping = False
        # Signal handlers only write here; the loop wakes on it with the workers' sentinels.
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)
        self._pending: list[int] = []

    def run(self) -> int:
        """Serve until stopped; the exit status for the supervisor's process."""
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self._on_signal)
        for index in range(len(self._sockets)):
            self._start(index)
        status = 0
        try:
            while not self._stopping:
                wait([self._wake_read, *(p.sentinel for p in self._workers.values())])
                self._handle_signals()
                if not self._stopping and not self._restart_exited():
                    status = 1
                    break
        finally:
            self._stop_all()
            os.close(self._wake_read)
            os.close(self._wake_write)
        return status

    def _on_signal(self, signum: int, _: FrameType | None) -> None:
        self._pending.append(signum)
        with contextlib.suppress(BlockingIOError):
            os.write(self._wake_write, b"\0")

    def _handle_signals(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.read(self._wake_read, 64)
        while self._pending:
            signum = self._pending.pop(0)
            if signum == signal.SIGHUP:
                for process in self._workers.values():
                    if process.pid is not None and process.exitcode is None:
                        os.kill(process.pid, signal.SIGHUP)
            else:
                self._stopping = True

    def _restart_exited(self) -> bool:
        """Replace every worker that exited; False when one could not even start."""
        for index, process in list(self._workers.items()):
            if process.exitcode is None:
                continue
            if process.exitcode == STARTUP_FAILURE:
                log.error("worker %d failed to start; stopping every worker", index)
                return False
            log.warning(
                "worker %d (pid %s) exited with %s; restarting it",
                index,
                process.pid,
                process.exitcode,
            )
            self._start(index)
        return True

    def _start(self, index: int) -> None:
        process = self._context.Process(
            target=run_worker,
            args=(self._factory, self._sockets[index], index, self._options, os.getpid()),
            name=f"lifegraph-worker-{index}",
        )
        process.start()
        self._workers[index] = process

    def _stop_all(self) -> None:
        for process in self._workers.values():
            if process.pid is not None and process.exitcode is None:
                os.kill(process.pid, signal.SIGTERM)
        # Said once every worker was told: they are draining from here on.
        log.warning("stopping %d workers", len(self._workers))
        within = self._options.graceful_seconds + 2 * STOP_MARGIN_SECONDS
        for process in self._workers.values():
            process.join(within)
            if process.exitcode is None:
                log.error("worker pid %s did not stop in %.0fs; killing it", process.pid, within)
                process.kill()
                process.join()
        for sock in self._sockets:
            sock.close()


def serve_workers(
    factory: AppFactory, *, host: str, port: int, workers: int, options: WorkerOptions
) -> None:
    """Serve `factory()`'s app from `workers` processes on `host:port`; exits when they stop.

    `factory` is pickled into each spawned worker and called there, so it must be
    a module-level callable or an instance of a module-level class.
    """
    sockets = bind_reuseport(host, port, workers)
    status = Supervisor(factory, sockets, options).run()
    if status:
        sys.exit(status)
