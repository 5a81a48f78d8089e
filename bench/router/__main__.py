"""Router throughput/latency/memory vs. calling the subgraphs directly.

Run: python -m bench.router [--requests N] [--seconds S] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import socket
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from bench.router.servers import PRODUCT_COUNT, QUERY, run_router, run_subgraphs


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def _wait_ready(client: httpx.AsyncClient, url: str, within: float = 20.0) -> None:
    deadline = time.monotonic() + within
    while True:
        try:
            if (await client.get(url)).status_code < 500:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not become ready")
        await asyncio.sleep(0.05)


@dataclass
class Result:
    name: str
    latencies: list[float]
    throughput: float

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def _through_router(client: httpx.AsyncClient, url: str) -> None:
    response = await client.post(url, json={"query": QUERY})
    body = response.json()
    assert "errors" not in body, body["errors"]
    products = body["data"]["topProducts"]
    assert len(products) == PRODUCT_COUNT
    assert products[2]["inStock"] is True


async def _direct(client: httpx.AsyncClient, base: str) -> None:
    async def products_then_inventory() -> None:
        products = await client.post(
            f"{base}/products/graphql",
            json={"query": "{topProducts(first:50){upc name price __typename}}"},
        )
        reps = [
            {"__typename": "Product", "upc": p["upc"]}
            for p in products.json()["data"]["topProducts"]
        ]
        await client.post(
            f"{base}/inventory/graphql",
            json={
                "query": "query($representations:[_Any!]!){_entities(representations:"
                "$representations){...on Product{inStock}}}",
                "variables": {"representations": reps},
            },
        )

    await asyncio.gather(
        client.post(f"{base}/accounts/graphql", json={"query": "{me{id name}}"}),
        products_then_inventory(),
    )


async def _measure(
    name: str,
    call: Callable[[], Awaitable[None]],
    requests: int,
    seconds: float,
    concurrency: int,
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

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Result(name, latencies, done / (time.perf_counter() - began))


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def _main(args: argparse.Namespace) -> None:
    subgraph_port, router_port = _free_port(), _free_port()
    ctx = multiprocessing.get_context("spawn")
    subgraphs = ctx.Process(target=run_subgraphs, args=(subgraph_port,), daemon=True)
    router = ctx.Process(target=run_router, args=(router_port, subgraph_port), daemon=True)
    subgraphs.start()
    router.start()
    base = f"http://127.0.0.1:{subgraph_port}"
    router_url = f"http://127.0.0.1:{router_port}/graphql"
    limits = httpx.Limits(max_connections=args.concurrency * 3, max_keepalive_connections=64)
    try:
        async with httpx.AsyncClient(limits=limits, timeout=10.0) as client:
            await _wait_ready(client, f"{base}/stats")
            await _wait_ready(client, f"http://127.0.0.1:{router_port}/health")
            before: dict[str, Any] = (await client.get(f"{base}/stats")).json()
            await _through_router(client, router_url)
            after: dict[str, Any] = (await client.get(f"{base}/stats")).json()
            entity_calls = after["entities"] - before["entities"]
            direct = await _measure(
                "direct subgraph calls",
                lambda: _direct(client, base),
                args.requests,
                args.seconds,
                args.concurrency,
            )
            routed = await _measure(
                "through router",
                lambda: _through_router(client, router_url),
                args.requests,
                args.seconds,
                args.concurrency,
            )
            rss = _rss_mb(router.pid or os.getpid())
    finally:
        for process in (router, subgraphs):
            process.terminate()
            process.join(5)
    _print(direct, routed, entity_calls, rss, args)


def _print(
    direct: Result, routed: Result, entity_calls: int, rss: float, args: argparse.Namespace
) -> None:
    print(f"query: {QUERY}")
    print(
        f"sequential requests per side: {len(routed.latencies)}, "
        f"throughput: {args.concurrency} concurrent clients\n"
    )
    header = f"{'path':<24}{'p50 ms':>10}{'p99 ms':>10}{'mean ms':>10}{'req/s':>10}"
    print(header)
    print("-" * len(header))
    for result in (direct, routed):
        mean = statistics.fmean(result.latencies) * 1000
        print(
            f"{result.name:<24}{result.pct(0.5):>10.2f}{result.pct(0.99):>10.2f}"
            f"{mean:>10.2f}{result.throughput:>10.0f}"
        )
    print()
    print(f"router overhead p50:     {routed.pct(0.5) - direct.pct(0.5):.2f} ms (target <= 1 ms)")
    print(f"_entities calls for the {PRODUCT_COUNT}-item list: {entity_calls} (target 1)")
    print(f"router RSS after run:    {rss:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--concurrency", type=int, default=8)
    asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
