"""The embedded default (`lifegraph up`) in its own process, on a temporary data directory."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.kit import wait_ready
from common.mongo_server import free_port


@dataclass(frozen=True)
class System:
    url: str
    pid: int


def _environment(port: int, *, deduplicate: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIFEGRAPH_")}
    # The embedded default: in-process bus and Redis stand-ins, its own database.
    for name in ("AMQP_URL", "REDIS_URL", "MONGODB_URL"):
        env.pop(name, None)
    # The load comes from one user; the edge's per-user limit would measure itself.
    env["LIFEGRAPH_ROUTER_RATE_LIMIT"] = str(10**9)
    env["LIFEGRAPH_LOG_LEVEL"] = "WARNING"
    # `lifegraph up --port` leaves the JWKS URL at its default port (4000).
    env["LIFEGRAPH_JWKS_URL"] = f"http://127.0.0.1:{port}/subgraphs/users/.well-known/jwks.json"
    # One user's concurrent identical requests share subgraph calls: off, each pays in full.
    env["LIFEGRAPH_ROUTER_DEDUPLICATE_SUBGRAPH_REQUESTS"] = str(deduplicate).lower()
    return env


@asynccontextmanager
async def embedded_system(*, deduplicate: bool = True) -> AsyncIterator[System]:
    """`lifegraph up` as a subprocess: the load driver never shares its CPU accounting."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="lifegraph-bench-") as data_dir:
        process = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "lifegraph", "up", "--port", str(port)),
            *("--data-dir", str(Path(data_dir))),
            env=_environment(port, deduplicate=deduplicate),
            stdout=asyncio.subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            await wait_ready(f"{url}/health", within=90.0, process=process, every=0.2)
            yield System(url, process.pid)
        finally:
            # SIGTERM unwinds `lifegraph up`, which stops its embedded database.
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
