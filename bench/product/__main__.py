"""Real user journeys through the router against the real subgraphs.

Run: python -m bench.product [--deployment embedded|multi] [--users 20] [--seconds 15]
       [--concurrency 1 8 | --rate 20 40] [--journey NAME] [--sockets 50] [--pause] [--no-dedup]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial

import aiohttp

from bench.kit import cpu_seconds, percentile_ms, rss_mb
from bench.product.counters import Counters
from bench.product.journeys import CHAT, JOURNEYS, Journey, Stage
from bench.product.load import closed_loop, open_loop
from bench.product.room import Room
from bench.product.seed import Scale, seed
from bench.product.system import (
    DEPLOYMENTS,
    System,
    embedded_system,
    multi_process_system,
)
from common.testing.waiting import wait_until


@dataclass
class Row:
    journey: str
    load: str
    latencies: list[float]
    seconds: float
    cpu_ms: dict[str, float] = field(default_factory=dict)
    db_cpu_ms: float | None = None
    rss_mb: dict[str, float] = field(default_factory=dict)
    subgraph_calls: float | None = None
    db_ops: float | None = None

    def cells(self) -> list[str]:
        def num(value: float | None) -> str:
            return "-" if value is None else f"{value:.1f}"

        cpu = sum(self.cpu_ms.values()) if self.cpu_ms else None
        return [
            self.journey,
            self.load,
            str(len(self.latencies)),
            num(len(self.latencies) / self.seconds),
            *(num(percentile_ms(self.latencies, q)) for q in (0.50, 0.95, 0.99)),
            num(cpu),
            num(self.db_cpu_ms),
            num(self.subgraph_calls),
            num(self.db_ops),
            f"{max(self.rss_mb.values()):.0f}" if self.rss_mb else "-",
        ]


HEADER = [
    "journey", "load", "reqs", "rps", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req",
    "DB CPU ms/req", "subgraph ops/req", "DB ops/req", "RSS MB (max)",
]  # fmt: skip


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


class Bench:
    def __init__(self, system: System, stage: Stage, counters: Counters) -> None:
        self.system = system
        self.stage = stage
        self.counters = counters

    def _cpu(self) -> tuple[dict[str, float], float]:
        lifegraph = {name: cpu_seconds(pid) for name, pid in self.system.processes.items()}
        return lifegraph, sum(cpu_seconds(pid) for pid in self.system.database_pids)

    async def quiesce(self, *, idle: float = 0.1, within: float = 60.0) -> None:
        """Wait until LifeGraph and its database use less than `idle` of a core (over 1 s)."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            before = sum(self._cpu()[0].values()) + self._cpu()[1]
            await asyncio.sleep(1.0)
            if sum(self._cpu()[0].values()) + self._cpu()[1] - before < idle:
                return

    async def _drive(
        self, journey: Journey, load: tuple[str, float], seconds: float
    ) -> list[float]:
        kind, amount = load
        if kind == "rate":
            return await open_loop(journey, self.stage, amount, seconds)
        return await closed_loop(journey, self.stage, int(amount), seconds)

    async def measure(self, journey: Journey, load: tuple[str, float], seconds: float) -> list[Row]:
        await self._drive(journey, load, min(2.0, seconds))  # warm caches and pools
        room = self.stage.room if journey.name == CHAT else None
        if room is not None:
            assert await room.delivered(list(room.sent), within=30.0), room.errors()
            room.reset()
        await self.quiesce()
        counts = await self.counters.read()
        cpu, db_cpu = self._cpu()
        began = time.perf_counter()
        latencies = await self._drive(journey, load, seconds)
        elapsed = time.perf_counter() - began
        # What the row's writes set off (consumers, fan-out) is the row's cost too,
        # and must not spill into the next row's.
        await self.quiesce()
        cpu_after, db_cpu_after = self._cpu()
        counts_after = await self.counters.read()
        n = max(1, len(latencies))
        label = f"{load[1]:g}/s" if load[0] == "rate" else f"{load[1]:g} conn"
        row = Row(
            journey.name,
            label,
            latencies,
            elapsed,
            {name: (cpu_after[name] - cpu[name]) / n * 1000 for name in cpu},
            (db_cpu_after - db_cpu) / n * 1000,
            {name: rss_mb(pid) for name, pid in self.system.processes.items()},
            (counts_after.subgraph_operations - counts.subgraph_operations) / n,
            (counts_after.database_operations - counts.database_operations) / n,
        )
        if room is None:
            return [row]
        # Every listener must get every message; the receipts are the second row.
        assert await room.delivered(list(room.sent), within=30.0), room.errors()
        delivered = Row(f"{CHAT} delivery ({len(room.listeners)} sockets)", label,
                        room.latencies(), elapsed)  # fmt: skip
        return [row, delivered]


async def _settle(stage: Stage, journeys: list[Journey]) -> None:
    """Wait until every journey holds for every member: consumers build insights and
    notifications from the seeding's events after the writes returned."""

    async def holds(journey: Journey, slot: int) -> bool:
        try:
            await journey.run(stage, slot)
        except AssertionError:
            return False
        return True

    for journey in journeys:
        for slot in range(len(stage.world.members)):
            await wait_until(partial(holds, journey, slot), within=120.0, every=0.5)


@asynccontextmanager
async def _system(args: argparse.Namespace) -> AsyncIterator[System]:
    if args.deployment == "multi":
        async with multi_process_system(
            args.amqp_url, args.redis_url, deduplicate=not args.no_dedup
        ) as system:
            yield system
    else:
        async with embedded_system(deduplicate=not args.no_dedup) as system:
            yield system


async def _main(args: argparse.Namespace) -> None:
    journeys = [j for j in JOURNEYS if not args.journey or j.name in args.journey]
    loads = (
        [("rate", r) for r in args.rate] if args.rate else [("conn", c) for c in args.concurrency]
    )
    scale = Scale(users=args.users)
    rows: list[Row] = []
    async with (
        _system(args) as system,
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0),
            timeout=aiohttp.ClientTimeout(total=60.0),
        ) as session,
    ):
        began = time.monotonic()
        world = await seed(session, system.url, scale)
        print(f"seeded {scale.users} users in {time.monotonic() - began:.0f} s", flush=True)
        stage = Stage(world, scale)
        if any(j.name == CHAT for j in journeys):
            stage.room = Room(system.url, world.group, world.members)
            await stage.room.open(args.sockets)
        await _settle(stage, journeys)
        counters = Counters(session, system.metrics_urls, system.database_port)
        print(f"processes: {system.processes}; router at {system.url}", flush=True)
        if args.pause:
            await asyncio.to_thread(input, "press Enter to start the load (attach a profiler) ")
        bench = Bench(system, stage, counters)
        try:
            for journey in journeys:
                for load in loads:
                    rows += await bench.measure(journey, load, args.seconds)
                    print(" | ".join(rows[-1].cells()), flush=True)
        finally:
            await counters.close()
            if stage.room is not None:
                await stage.room.close()
    _print(args, rows, list(system.processes))


def _print(args: argparse.Namespace, rows: list[Row], processes: list[str]) -> None:
    mode = "open loop" if args.rate else "closed loop"
    print(
        f"\n{args.deployment} deployment, {os.cpu_count()} cores, {args.users} users,"
        f" {mode}, {args.seconds:.0f} s per row, load average {os.getloadavg()[0]:.1f}\n"
    )
    print(_table(HEADER, [row.cells() for row in rows]))
    if len(processes) > 1:
        costs = [r for r in rows if r.cpu_ms]
        print("\nCPU ms per request, by process\n")
        print(_table(["journey", "load", *processes],
                     [[r.journey, r.load, *(f"{r.cpu_ms[p]:.1f}" for p in processes)]
                      for r in costs]))  # fmt: skip
        print("\nRSS MB, by process\n")
        print(_table(["journey", "load", *processes],
                     [[r.journey, r.load, *(f"{r.rss_mb[p]:.0f}" for p in processes)]
                      for r in costs]))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deployment", choices=DEPLOYMENTS, default="embedded")
    parser.add_argument("--users", type=int, default=Scale.users, help="users to seed")
    parser.add_argument("--seconds", type=float, default=15.0, help="measured time per row")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--rate", type=float, nargs="+", help="open loop: journeys per second")
    parser.add_argument("--journey", action="append", help="only these journeys (by name)")
    parser.add_argument("--sockets", type=int, default=50, help="listeners in the chat room")
    parser.add_argument("--pause", action="store_true", help="wait for Enter after seeding")
    parser.add_argument(
        "--no-dedup",
        action="store_true",
        help="router deduplication off: concurrent identical requests each pay in full",
    )
    parser.add_argument(
        "--amqp-url", default=os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379")
    )
    asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
