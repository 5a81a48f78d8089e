"""LifeGraph's router beside Apollo Gateway, Hive Gateway and Grafbase, on one supergraph.

Run: python -m bench.gateways [--seconds S] [--connections C] [--only NAME ...]

Three graphql-js subgraphs (products, reviews, accounts; `js/subgraphs.mjs`), composed
by Apollo's `@apollo/composition`, serve every gateway in turn on the same port. For
each gateway and query the load driver (its own process, aiohttp) keeps C requests in
flight for S seconds and the table shows throughput, latency, the subgraph requests per
client request (deduplication shows here), the gateway's CPU per request (all of its
processes) and its resident memory after the run. A gateway that cannot be installed
or started is a row saying why.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.gateways.load import SMALL, WARM_UP_SECONDS, Outcome, drive, drive_direct
from bench.gateways.node import JS, NODE, install, node_version
from bench.gateways.peers import Peer, grafbase_config, peers
from bench.kit import percentile_ms, tree_cpu_seconds, tree_rss_mb
from common.mongo_server import free_port

SCHEMA = Path(__file__).parent / "schema"
SUBGRAPHS = ("products", "reviews", "accounts")
START_WITHIN = 120.0


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    single_connection: bool = False


ROWS = (
    Row("distinct", "50 products + reviews + authors, distinct variables"),
    Row("identical", "the same, identical variables"),
    Row("small", "a small query (one subgraph)"),
    Row("latency", "distinct variables, one connection", single_connection=True),
)


@dataclass(frozen=True)
class Measured:
    outcome: Outcome
    calls_per_request: float
    cpu_ms: float

    @property
    def rps(self) -> float:
        return len(self.outcome.latencies) / self.outcome.seconds


@contextmanager
def _process(
    command: list[str], env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(  # noqa: S603 - our own commands
        command,
        env={**os.environ, **(env or {})},
        cwd=tempfile.gettempdir(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _wait_graphql(url: str, process: subprocess.Popen[bytes]) -> None:
    """Until the gateway answers the small query with data (its readiness, for every peer)."""
    deadline = time.monotonic() + START_WITHIN
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = (process.stdout.read() if process.stdout else b"").decode(errors="replace")
            raise RuntimeError(f"exited with {process.returncode}: {output.strip()[-300:]}")
        try:
            body = httpx.post(url, json={"query": SMALL}, timeout=5).json()
            if body.get("data", {}).get("me"):
                return
        except (httpx.TransportError, ValueError):
            pass
        time.sleep(0.2)  # polling a readiness condition, bounded by the deadline
    raise RuntimeError(f"not serving within {START_WITHIN:.0f}s")


def _calls(urls: dict[str, str]) -> int:
    return sum(
        httpx.get(url.replace("/graphql", "/stats"), timeout=5).json()["requests"]
        for url in urls.values()
    )


def _measure(
    pool: ProcessPoolExecutor,
    url: str,
    row: Row,
    pid: int,
    urls: dict[str, str],
    args: argparse.Namespace,
) -> Measured:
    kind = "distinct" if row.key == "latency" else row.key
    connections = 1 if row.single_connection else args.connections
    pool.submit(drive, url, kind, connections, WARM_UP_SECONDS).result()
    calls, cpu = _calls(urls), tree_cpu_seconds(pid)
    outcome = pool.submit(drive, url, kind, connections, args.seconds).result()
    requests = max(len(outcome.latencies), 1)
    return Measured(
        outcome, (_calls(urls) - calls) / requests, (tree_cpu_seconds(pid) - cpu) / requests * 1000
    )


def _run_peer(
    pool: ProcessPoolExecutor, peer: Peer, urls: dict[str, str], port: int, args: argparse.Namespace
) -> tuple[dict[str, Measured], float] | str:
    if peer.needs is not None and not peer.needs.exists():
        return f"not installed ({peer.needs.name} missing)"
    url = f"http://127.0.0.1:{port}/graphql"
    with _process(peer.command, peer.env) as process:
        try:
            _wait_graphql(url, process)
        except RuntimeError as exc:
            return f"did not start: {exc}"
        results = {row.key: _measure(pool, url, row, process.pid, urls, args) for row in ROWS}
        return results, tree_rss_mb(process.pid)


def _print(
    outcomes: dict[str, tuple[dict[str, Measured], float] | str],
    direct: Outcome,
    catalogue: list[Peer],
    args: argparse.Namespace,
) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (after the run)"
    )
    print(
        f"Python {platform.python_version()}, Node.js {node_version()}, "
        f"{args.connections} connections, {args.seconds:g} s per row after 1 s of warm-up\n"
    )
    for peer in catalogue:
        print(f"  {peer.name:<20} {peer.version}")
    print()
    header = (
        f"{'gateway':<20}{'query':<12}{'rps':>8}{'p50 ms':>9}{'p99 ms':>9}"
        f"{'calls/req':>11}{'CPU ms/req':>12}{'RSS MB':>9}{'failed':>8}"
    )
    print(header)
    print("-" * len(header))
    for name, outcome in outcomes.items():
        if isinstance(outcome, str):
            print(f"{name:<20}{outcome}")
            continue
        results, rss = outcome
        for key, m in results.items():
            print(
                f"{name:<20}{key:<12}{m.rps:>8.0f}{percentile_ms(m.outcome.latencies, 0.5):>9.2f}"
                f"{percentile_ms(m.outcome.latencies, 0.99):>9.2f}{m.calls_per_request:>11.2f}"
                f"{m.cpu_ms:>12.2f}{rss:>9.0f}{m.outcome.failures:>8}"
            )
    print(
        f"{'direct (3 calls)':<20}{'latency':<12}{len(direct.latencies) / direct.seconds:>8.0f}"
        f"{percentile_ms(direct.latencies, 0.5):>9.2f}{percentile_ms(direct.latencies, 0.99):>9.2f}"
    )
    print("\nrps by query:")
    names = list(outcomes)
    print(f"{'query':<12}" + "".join(f"{n:>20}" for n in names))
    for row in ROWS:
        cells = []
        for name in names:
            outcome = outcomes[name]
            cells.append("n/a" if isinstance(outcome, str) else f"{outcome[0][row.key].rps:.0f}")
        print(f"{row.key:<12}" + "".join(f"{c:>20}" for c in cells))
    for row in ROWS:
        print(f"  {row.key}: {row.title}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", nargs="*", help="Gateways to run (names as printed).")
    args = parser.parse_args()
    failure = install()
    ports = {name: free_port() for name in SUBGRAPHS}
    urls = {name: f"http://127.0.0.1:{port}/graphql" for name, port in ports.items()}
    gateway_port = free_port()
    with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
        for name, port in ports.items():
            process = stack.enter_context(
                _process([str(NODE), str(JS / "subgraphs.mjs"), name, str(port)])
            )
            assert process.stdout is not None
            line = process.stdout.readline()
            if b"ready" not in line:
                raise SystemExit(f"subgraph {name} did not start: {line!r}")
        composed = subprocess.run(  # noqa: S603
            [str(NODE), str(JS / "compose.mjs"), json.dumps(urls)],
            capture_output=True,
            text=True,
            check=True,
        )
        supergraph = Path(tmp) / "supergraph.graphql"
        supergraph.write_text(composed.stdout)
        grafbase_toml = Path(tmp) / "grafbase.toml"
        grafbase_toml.write_text(grafbase_config(SCHEMA, urls))
        catalogue = peers(supergraph, grafbase_toml, gateway_port, f"bench{uuid.uuid4().hex[:8]}")
        if args.only:
            catalogue = [p for p in catalogue if p.name in args.only]
        outcomes: dict[str, tuple[dict[str, Measured], float] | str] = {}
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            direct = pool.submit(drive_direct, urls, args.seconds).result()
            for peer in catalogue:
                if failure and peer.needs is not None:
                    outcomes[peer.name] = f"not installed: {failure}"
                    continue
                print(f"running {peer.name} ...", flush=True)
                outcomes[peer.name] = _run_peer(pool, peer, urls, gateway_port, args)
    _print(outcomes, direct, catalogue, args)


if __name__ == "__main__":
    main()
