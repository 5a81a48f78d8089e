"""Real user journeys through the router against the real subgraphs, on the embedded default.

Run: python -m bench.product [--seconds S] [--concurrency 1 8] [--journey NAME] [--no-dedup]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from dataclasses import dataclass

import aiohttp

from bench.kit import cpu_seconds, percentile_ms, rss_mb
from bench.product.client import Client
from bench.product.counters import Counters, database_port
from bench.product.journeys import JOURNEYS, Journey
from bench.product.seed import Scale, seed_viewer
from bench.product.system import embedded_system


def _descendants(pid: int) -> list[int]:
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


@dataclass
class Row:
    journey: str
    concurrency: int
    latencies: list[float]
    seconds: float
    cpu_ms: float
    db_cpu_ms: float
    rss_mb: float
    subgraph_calls: float
    db_ops: float

    def pct(self, q: float) -> float:
        return percentile_ms(self.latencies, q)

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds


async def _drive(journey: Journey, client: Client, concurrency: int, seconds: float) -> list[float]:
    latencies: list[float] = []
    stop = time.monotonic() + seconds

    async def worker() -> None:
        while time.monotonic() < stop:
            began = time.perf_counter()
            await journey.run(client)
            latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


async def _measure(
    journey: Journey,
    client: Client,
    counters: Counters,
    pid: int,
    concurrency: int,
    seconds: float,
) -> Row:
    await _drive(journey, client, concurrency, min(2.0, seconds))  # warm caches and pools
    db = _descendants(pid)
    counts = await counters.read()
    cpu, db_cpu = cpu_seconds(pid), sum(cpu_seconds(p) for p in db)
    began = time.perf_counter()
    latencies = await _drive(journey, client, concurrency, seconds)
    elapsed = time.perf_counter() - began
    cpu_after, db_cpu_after = cpu_seconds(pid), sum(cpu_seconds(p) for p in db)
    counts_after = await counters.read()
    n = max(1, len(latencies))
    return Row(
        journey.name,
        concurrency,
        latencies,
        elapsed,
        (cpu_after - cpu) / n * 1000,
        (db_cpu_after - db_cpu) / n * 1000,
        rss_mb(pid),
        (counts_after.subgraph_operations - counts.subgraph_operations) / n,
        (counts_after.database_operations - counts.database_operations) / n,
    )


def _print(rows: list[Row], seconds: float) -> None:
    print(f"embedded default (lifegraph up), {os.cpu_count()} cores, {seconds:.0f} s per row")
    header = (
        f"{'journey':<16} {'conc':>4} {'reqs':>6} {'rps':>7} {'p50 ms':>7} {'p95 ms':>7}"
        f" {'p99 ms':>7} {'cpu ms/req':>10} {'db cpu ms/req':>13} {'subgraph ops/req':>16}"
        f" {'db ops/req':>10} {'rss MB':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r.journey:<16} {r.concurrency:>4} {len(r.latencies):>6} {r.rps:>7.1f}"
            f" {r.pct(0.50):>7.1f} {r.pct(0.95):>7.1f} {r.pct(0.99):>7.1f}"
            f" {r.cpu_ms:>10.1f} {r.db_cpu_ms:>13.1f} {r.subgraph_calls:>16.1f}"
            f" {r.db_ops:>10.1f} {r.rss_mb:>7.0f}"
        )


async def _main(args: argparse.Namespace) -> None:
    journeys = [j for j in JOURNEYS if not args.journey or j.name in args.journey]
    rows: list[Row] = []
    async with (
        embedded_system(deduplicate=not args.no_dedup) as system,
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=max(args.concurrency) * 2),
            timeout=aiohttp.ClientTimeout(total=30.0),
        ) as session,
    ):
        viewer = await seed_viewer(session, system.url, Scale())
        port = database_port(system.pid)
        assert port is not None, "the embedded database was not found"
        counters = Counters(session, system.url, port)
        print(f"lifegraph up pid {system.pid}; seeded at {system.url}", flush=True)
        if args.pause:
            await asyncio.to_thread(input, "press Enter to start the load (attach a profiler) ")
        for journey in journeys:
            for concurrency in args.concurrency:
                row = await _measure(
                    journey, viewer, counters, system.pid, concurrency, args.seconds
                )
                rows.append(row)
        await counters.close()
    _print(rows, args.seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=15.0, help="measured time per row")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--journey", action="append", help="only these journeys (by name)")
    parser.add_argument("--pause", action="store_true", help="wait for Enter after seeding")
    parser.add_argument(
        "--no-dedup",
        action="store_true",
        help="router deduplication off: concurrent identical requests each pay in full",
    )
    asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
