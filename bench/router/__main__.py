"""Router throughput/latency/memory vs. calling the subgraphs directly.

Run: python -m bench.router [--requests N] [--seconds S] [--concurrency C]
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

from bench.kit import cpu_seconds, percentile_ms, rss_mb, wait_ready
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


async def _main(args: argparse.Namespace) -> None:
    subgraph_port, router_port = free_port(), free_port()
    ctx = multiprocessing.get_context("spawn")
    subgraphs = ctx.Process(target=run_subgraphs, args=(subgraph_port,), daemon=True)
    router = ctx.Process(
        target=run_router,
        args=(router_port, subgraph_port),
        kwargs={"deduplicate_subgraph_requests": args.dedupe},
        daemon=True,
    )
    subgraphs.start()
    router.start()
    base = f"http://127.0.0.1:{subgraph_port}"
    router_url = f"http://127.0.0.1:{router_port}/graphql"
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
            await wait_ready(f"{base}/stats", within=20.0)
            await wait_ready(f"http://127.0.0.1:{router_port}/health", within=20.0)
            before: dict[str, Any] = (await probe.get(f"{base}/stats")).json()
            await _through_router(client, router_url)
            after: dict[str, Any] = (await probe.get(f"{base}/stats")).json()
            entity_calls = after["entities"] - before["entities"]

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
            routed_calls = 0

            async def counted() -> None:
                nonlocal routed_calls
                routed_calls += 1
                await _through_router(client, router_url)

            router_pid = router.pid or os.getpid()
            cpu_before = cpu_seconds(router_pid)
            routed = await _measure(
                "through router",
                counted,
                args.requests,
                args.seconds,
                args.concurrency,
                calls_so_far,
            )
            cpu_per_request = (cpu_seconds(router_pid) - cpu_before) / routed_calls * 1000
            rss = rss_mb(router_pid)
    finally:
        for process in (router, subgraphs):
            process.terminate()
            process.join(5)
    _print(direct, routed, entity_calls, rss, cpu_per_request, args)


def _print(
    direct: Result,
    routed: Result,
    entity_calls: int,
    rss: float,
    cpu_ms: float,
    args: argparse.Namespace,
) -> None:
    print(f"query: {QUERY}")
    print(
        f"sequential requests per side: {len(routed.latencies)}, "
        f"throughput: {args.concurrency} concurrent clients\n"
    )
    header = (
        f"{'path':<24}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}{'req/s':>10}{'calls/req':>11}"
    )
    print(header)
    print("-" * len(header))
    for result in (direct, routed):
        mean = statistics.fmean(result.latencies) * 1000
        print(
            f"{result.name:<24}{result.pct(0.5):>10.2f}{result.pct(0.99):>10.2f}"
            f"{mean:>10.2f}{result.throughput:>10.0f}{result.subgraph_calls:>11.2f}"
        )
    print()
    print(f"router overhead p50:     {routed.pct(0.5) - direct.pct(0.5):.2f} ms (target <= 1 ms)")
    print(f"router CPU per request:  {cpu_ms:.2f} ms (all of its work: HTTP in, 3 fetches, out)")
    print(f"_entities calls for the {PRODUCT_COUNT}-item list: {entity_calls} (target 1)")
    print(f"router RSS after run:    {rss:.1f} MB")
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
    asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
