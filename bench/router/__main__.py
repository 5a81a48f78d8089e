"""Router throughput/latency/memory vs. calling the subgraphs directly, at 1 and 2 workers.

Run: python -m bench.router [--requests N] [--seconds S] [--concurrency C] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import httpx

from bench.kit import percentile_ms, tree_cpu_seconds, tree_rss_mb, wait_ready
from bench.router.servers import PRODUCT_COUNT, QUERY, run_router, run_subgraphs
from common.mongo_server import free_port


@dataclass
class Result:
    name: str
    latencies: list[float]
    throughput: float
    # Subgraph requests per client request while `concurrency` clients ran.
    subgraph_calls: float

    def pct(self, q: float) -> float:
        return percentile_ms(self.latencies, q)


async def _post(client: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> Any:
    async with client.post(url, json=payload) as response:
        return await response.json()


async def _through_router(client: aiohttp.ClientSession, url: str) -> None:
    body = await _post(client, url, {"query": QUERY})
    assert "errors" not in body, body["errors"]
    products = body["data"]["topProducts"]
    assert len(products) == PRODUCT_COUNT
    assert products[2]["inStock"] is True


async def _direct(client: aiohttp.ClientSession, base: str) -> None:
    async def products_then_inventory() -> None:
        products = await _post(
            client,
            f"{base}/products/graphql",
            {"query": "{topProducts(first:50){upc name price __typename}}"},
        )
        reps = [{"__typename": "Product", "upc": p["upc"]} for p in products["data"]["topProducts"]]
        await _post(
            client,
            f"{base}/inventory/graphql",
            {
                "query": "query($representations:[_Any!]!){_entities(representations:"
                "$representations){...on Product{inStock}}}",
                "variables": {"representations": reps},
            },
        )

    await asyncio.gather(
        _post(client, f"{base}/accounts/graphql", {"query": "{me{id name}}"}),
        products_then_inventory(),
    )


async def _measure(
    name: str,
    call: Callable[[], Awaitable[None]],
    requests: int,
    seconds: float,
    concurrency: int,
    calls_so_far: Callable[[], Awaitable[int]],
) -> Result:
    for _ in range(100):
        await call()
    latencies: list[float] = []
    deadline = time.monotonic() + seconds
    while len(latencies) < requests and time.monotonic() < deadline:
        start = time.perf_counter()
        await call()
        latencies.append(time.perf_counter() - start)
    done = 0
    stop = time.monotonic() + min(seconds, 5.0)

    async def worker() -> None:
        nonlocal done
        while time.monotonic() < stop and done < requests * 2:
            await call()
            done += 1

    calls_before = await calls_so_far()
    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    throughput = done / (time.perf_counter() - began)
    calls = (await calls_so_far() - calls_before) / max(done, 1)
    return Result(name, latencies, throughput, calls)


@dataclass
class Routed:
    """One router run (`workers` processes): its measurements and costs."""

    workers: int
    result: Result
    entity_calls: int
    cpu_ms: float
    rss: float


async def _route(
    client: aiohttp.ClientSession,
    probe: httpx.AsyncClient,
    base: str,
    workers: int,
    calls_so_far: Callable[[], Awaitable[int]],
    args: argparse.Namespace,
) -> Routed:
    """Starts the router with `workers` processes, measures it, stops it."""
    router_port = free_port()
    ctx = multiprocessing.get_context("spawn")
    router = ctx.Process(
        target=run_router,
        args=(router_port, int(base.rsplit(":", 1)[1])),
        kwargs={"deduplicate_subgraph_requests": args.dedupe, "workers": workers},
        daemon=workers == 1,  # a supervisor must be able to start its workers
    )
    router.start()
    router_url = f"http://127.0.0.1:{router_port}/graphql"
    try:
        await wait_ready(f"http://127.0.0.1:{router_port}/health", within=120.0)
        before: dict[str, Any] = (await probe.get(f"{base}/stats")).json()
        await _through_router(client, router_url)
        after: dict[str, Any] = (await probe.get(f"{base}/stats")).json()
        routed_calls = 0

        async def counted() -> None:
            nonlocal routed_calls
            routed_calls += 1
            await _through_router(client, router_url)

        router_pid = router.pid or os.getpid()
        cpu_before = tree_cpu_seconds(router_pid)
        routed = await _measure(
            "through router" if workers == 1 else f"through router, {workers} workers",
            counted,
            args.requests,
            args.seconds,
            args.concurrency,
            calls_so_far,
        )
        cpu_ms = (tree_cpu_seconds(router_pid) - cpu_before) / routed_calls * 1000
        rss = tree_rss_mb(router_pid)
    finally:
        router.terminate()
        router.join(15)
    return Routed(workers, routed, after["entities"] - before["entities"], cpu_ms, rss)


async def _main(args: argparse.Namespace) -> None:
    subgraph_port = free_port()
    ctx = multiprocessing.get_context("spawn")
    subgraphs = ctx.Process(target=run_subgraphs, args=(subgraph_port,), daemon=True)
    subgraphs.start()
    base = f"http://127.0.0.1:{subgraph_port}"
    # aiohttp on the load side: its per-request cost is small, so the direct baseline
    # (three calls) is not inflated by client overhead the routed path (one call) avoids.
    try:
        async with (
            httpx.AsyncClient(timeout=10.0) as probe,
            aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=args.concurrency * 3),
                timeout=aiohttp.ClientTimeout(total=10.0),
            ) as client,
        ):
            await wait_ready(f"{base}/stats", within=120.0)

            async def calls_so_far() -> int:
                counts: dict[str, int] = (await probe.get(f"{base}/stats")).json()
                return counts["accounts"] + counts["products"] + counts["inventory"]

            direct = await _measure(
                "direct subgraph calls",
                lambda: _direct(client, base),
                args.requests,
                args.seconds,
                args.concurrency,
                calls_so_far,
            )
            runs = [
                await _route(client, probe, base, workers, calls_so_far, args)
                for workers in args.workers
            ]
    finally:
        subgraphs.terminate()
        subgraphs.join(5)
    _print(direct, runs, args)


def _print(direct: Result, runs: list[Routed], args: argparse.Namespace) -> None:
    print(f"query: {QUERY}")
    print(
        f"sequential requests per side: {len(direct.latencies)}, "
        f"throughput: {args.concurrency} concurrent clients; load average "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} (after the run)\n"
    )
    header = (
        f"{'path':<34}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}{'req/s':>10}{'calls/req':>11}"
        f"{'CPU ms/req':>12}{'RSS MB':>9}"
    )
    print(header)
    print("-" * len(header))
    rows: list[tuple[Result, Routed | None]] = [(direct, None), *((r.result, r) for r in runs)]
    for result, run in rows:
        mean = statistics.fmean(result.latencies) * 1000
        costs = f"{run.cpu_ms:>12.2f}{run.rss:>9.1f}" if run else ""
        print(
            f"{result.name:<34}{result.pct(0.5):>10.2f}{result.pct(0.99):>10.2f}"
            f"{mean:>10.2f}{result.throughput:>10.0f}{result.subgraph_calls:>11.2f}{costs}"
        )
    print()
    for run in runs:
        overhead = run.result.pct(0.5) - direct.pct(0.5)
        print(f"{run.workers} worker(s): router overhead p50 {overhead:.2f} ms (target <= 1 ms)")
    print("CPU ms/req: all of the router's processes (HTTP in, 3 fetches, out) per request")
    entity_calls = ", ".join(str(r.entity_calls) for r in runs)
    print(f"_entities calls for the {PRODUCT_COUNT}-item list: {entity_calls} (target 1)")
    dedupe = "on" if args.dedupe else "off (--no-dedupe)"
    print(f"subgraph request deduplication: {dedupe}; calls/req while clients ran at once")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--no-dedupe",
        dest="dedupe",
        action="store_false",
        help="Send every subgraph request, even one identical to a request in flight.",
    )
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1, 2],
        help="Router processes for each routed row, in turn (default: 1 then 2).",
    )
    asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
