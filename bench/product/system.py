"""LifeGraph under test, in its own processes: the embedded default or one process per part.

`embedded_system()` runs `lifegraph up`; `multi_process_system()` runs a database,
`lifegraph serve <name>` for every subgraph and `lifegraph router`, with the
machine's RabbitMQ and Redis under a private exchange and key prefix. Either way
the load driver never shares a server's CPU or its accounting.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.kit import wait_ready
from common.mongo_server import SecantusServer, free_port
from lifegraph.discovery import discover_subgraphs

SUPERGRAPH = Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql"
DEPLOYMENTS = ("embedded", "multi")


@dataclass(frozen=True)
class System:
    """Where the router answers and what to account: LifeGraph's processes by name."""

    url: str
    processes: dict[str, int]
    metrics_urls: list[str]
    database_port: int
    database_pids: list[int] = field(default_factory=list)


def descendants(pid: int) -> list[int]:
    """Every process below `pid`: the database may run under a launcher process."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found: list[int] = []
    frontier = [pid]
    while frontier:
        below = [child for child, parent in parents.items() if parent in frontier]
        found += below
        frontier = below
    return found


def _database_port(pid: int) -> int | None:
    """The port of the embedded database `lifegraph up` started below it."""
    for child in descendants(pid):
        try:
            with open(f"/proc/{child}/cmdline") as cmdline:
                args = cmdline.read().split("\0")
        except OSError:
            continue
        if "--port" in args:
            return int(args[args.index("--port") + 1])
    return None


def _database_pids(port: int) -> list[int]:
    """The database started on `port` and whatever runs below it (a launcher's child)."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline") as cmdline:
                args = cmdline.read().split("\0")
        except OSError:
            continue
        if "--port" in args and args[args.index("--port") + 1] == str(port):
            return [int(entry), *descendants(int(entry))]
    return []


def _environment(extra: dict[str, str], *, deduplicate: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIFEGRAPH_")}
    for name in ("AMQP_URL", "REDIS_URL", "MONGODB_URL"):
        env.pop(name, None)
    # The load comes from few users; the edge's per-user limit would measure itself.
    env["LIFEGRAPH_ROUTER_RATE_LIMIT"] = str(10**9)
    env["LIFEGRAPH_LOG_LEVEL"] = "WARNING"
    # One user's concurrent identical requests share subgraph calls: off, each pays in full.
    env["LIFEGRAPH_ROUTER_DEDUPLICATE_SUBGRAPH_REQUESTS"] = str(deduplicate).lower()
    return env | extra


async def _stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is not None:
        return
    # SIGTERM unwinds `lifegraph up`, which stops its embedded database.
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), 30)
    except TimeoutError:
        process.kill()
        await process.wait()


@asynccontextmanager
async def _started(
    args: list[str], env: dict[str, str], health: str
) -> AsyncIterator[asyncio.subprocess.Process]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "lifegraph", *args, env=env, stdout=asyncio.subprocess.DEVNULL
    )
    try:
        await wait_ready(health, within=90.0, process=process, every=0.2)
        yield process
    finally:
        await _stop(process)


@asynccontextmanager
async def embedded_system(*, deduplicate: bool = True) -> AsyncIterator[System]:
    """`lifegraph up` with the in-process bus and Redis stand-ins and its own database."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # `lifegraph up --port` leaves the JWKS URL at its default port (4000).
    env = _environment(
        {"LIFEGRAPH_JWKS_URL": f"{url}/subgraphs/users/.well-known/jwks.json"},
        deduplicate=deduplicate,
    )
    with tempfile.TemporaryDirectory(prefix="lifegraph-bench-") as data_dir:
        args = ["up", "--port", str(port), "--data-dir", data_dir]
        async with _started(args, env, f"{url}/health") as process:
            database = _database_port(process.pid)
            assert database is not None, "the embedded database was not found"
            yield System(
                url,
                {"lifegraph": process.pid},
                # One process, one metrics registry: every subgraph's operations are here.
                [f"{url}/subgraphs/users/metrics"],
                database,
                descendants(process.pid),
            )


@asynccontextmanager
async def multi_process_system(
    amqp_url: str, redis_url: str, *, deduplicate: bool = True
) -> AsyncIterator[System]:
    """A database, `lifegraph serve <name>` per subgraph (users first) and `lifegraph router`."""
    unique = uuid.uuid4().hex[:8]
    names = list(discover_subgraphs())
    names.sort(key=lambda name: name != "users")  # the others fetch its keys at start
    ports = {name: free_port() for name in [*names, "router"]}
    users = f"http://127.0.0.1:{ports['users']}"
    with tempfile.TemporaryDirectory(prefix="lifegraph-bench-") as data_dir:
        database = SecantusServer(storage=Path(data_dir) / "db")
        await asyncio.to_thread(database.start)
        try:
            env = _environment(
                {
                    "MONGODB_URL": database.url,
                    "AMQP_URL": amqp_url,
                    "REDIS_URL": redis_url,
                    "LIFEGRAPH_DATA_DIR": data_dir,
                    "LIFEGRAPH_DATABASE_PREFIX": f"bench{unique}",
                    "LIFEGRAPH_REDIS_PREFIX": f"bench{unique}",
                    "LIFEGRAPH_EVENTS_EXCHANGE": f"lifegraph.events.bench{unique}",
                    # The machine's broker is shared: the bench's queues vanish after it.
                    "LIFEGRAPH_EVENTS_QUEUE_EXPIRES_MS": "60000",
                    # One replica per subgraph; a shared key keeps cursors valid across restarts.
                    "LIFEGRAPH_CURSOR_SECRET": f"bench-{unique}",
                    "LIFEGRAPH_JWKS_URL": f"{users}/.well-known/jwks.json",
                },
                deduplicate=deduplicate,
            )
            async with AsyncExitStack() as stack:
                pids: dict[str, int] = {}
                for name in names:
                    base = f"http://127.0.0.1:{ports[name]}"
                    args = ["serve", name, "--port", str(ports[name]), "--host", "127.0.0.1"]
                    process = await stack.enter_async_context(_started(args, env, f"{base}/health"))
                    pids[name] = process.pid
                overrides = [
                    f"--subgraph-url={name}=http://127.0.0.1:{ports[name]}/graphql"
                    for name in names
                ]
                router = f"http://127.0.0.1:{ports['router']}"
                args = ["router", "--supergraph", str(SUPERGRAPH), "--port", str(ports["router"])]
                args += ["--host", "127.0.0.1", *overrides]
                process = await stack.enter_async_context(_started(args, env, f"{router}/health"))
                yield System(
                    router,
                    {"router": process.pid, **pids},
                    [f"http://127.0.0.1:{ports[name]}/metrics" for name in names],
                    database.port,
                    _database_pids(database.port),
                )
        finally:
            await asyncio.to_thread(database.stop)
