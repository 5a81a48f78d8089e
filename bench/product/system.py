"""The embedded default (`lifegraph up`) in its own process, on a temporary data directory."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class System:
    url: str
    pid: int


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _environment(port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIFEGRAPH_")}
    # The embedded default: in-process bus and Redis stand-ins, its own database.
    for name in ("AMQP_URL", "REDIS_URL", "MONGODB_URL"):
        env.pop(name, None)
    # The load comes from one user; the edge's per-user limit would measure itself.
    env["LIFEGRAPH_ROUTER_RATE_LIMIT"] = str(10**9)
    env["LIFEGRAPH_LOG_LEVEL"] = "WARNING"
    # `lifegraph up --port` leaves the JWKS URL at its default port (4000).
    env["LIFEGRAPH_JWKS_URL"] = f"http://127.0.0.1:{port}/subgraphs/users/.well-known/jwks.json"
    return env


async def _wait_ready(url: str, process: asyncio.subprocess.Process, within: float = 90.0) -> None:
    deadline = time.monotonic() + within
    async with httpx.AsyncClient(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"lifegraph up exited with {process.returncode}")
            try:
                if (await client.get(f"{url}/health")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not become ready within {within}s")


@asynccontextmanager
async def embedded_system() -> AsyncIterator[System]:
    """`lifegraph up` as a subprocess: the load driver never shares its CPU accounting."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="lifegraph-bench-") as data_dir:
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "lifegraph", "up", "--port", str(port)),
            *("--data-dir", str(Path(data_dir))),
            env=_environment(port),
            stdout=asyncio.subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            await _wait_ready(url, process)
            yield System(url, process.pid)
        finally:
            # SIGTERM unwinds `lifegraph up`, which stops its embedded database.
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
