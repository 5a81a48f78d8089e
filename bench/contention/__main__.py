"""Writers racing on one document: `python -m bench.contention [--writers 100 500] [--plain]`.

Each writer likes then unlikes the same post through the community subgraph
over HTTP (a real uvicorn server in its own process, its own secantusd, the
in-process bus); the writers run in this process, so they do not take the
server's CPU. Prints
the success rate and the p50/p99 latency of a mutation per writer count.
`--plain` runs every write as its own transaction (no hot-write batching), to
compare with how it was.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import time
from dataclasses import dataclass
from typing import Any, TypeVar

import aiohttp

from bench.contention.server import AUDIENCE, ISSUER, serve
from bench.kit import percentile_ms, wait_ready
from common.mongo_server import SecantusServer, free_port
from common.testing.tokens import TestKeys

T = TypeVar("T")

CREATE = 'mutation { createPost(input: {text: "bench", category: HEALTH}) { id } }'
LIKE = "mutation($input: PostInput!) { likePost(input: $input) { likeCount } }"
UNLIKE = "mutation($input: PostInput!) { unlikePost(input: $input) { likeCount } }"
COUNT = "query($id: ID!) { post(id: $id) { likeCount } }"


@dataclass(frozen=True)
class Row:
    writers: int
    mutations: int
    succeeded: int
    p50_ms: float
    p99_ms: float
    seconds: float
    exact: bool


async def _call(
    http: aiohttp.ClientSession, url: str, keys: TestKeys, user: str, query: str, **v: Any
) -> dict[str, Any]:
    async with http.post(
        url, json={"query": query, "variables": v}, headers=keys.bearer(user)
    ) as response:
        body: dict[str, Any] = await response.json(content_type=None)
        return body


async def _round(url: str, keys: TestKeys, writers: int) -> Row:
    connector = aiohttp.TCPConnector(limit=writers)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        created = await _call(http, url, keys, "author", CREATE)
        post_id = created["data"]["createPost"]["id"]
        ref = {"postId": post_id}
        latencies: list[float] = []
        ok = 0
        net = 0  # likes minus unlikes that succeeded: what likeCount must say

        async def timed(user: str, query: str) -> None:
            nonlocal ok, net
            started = time.perf_counter()
            try:
                body = await _call(http, url, keys, user, query, input=ref)
            except (aiohttp.ClientError, TimeoutError):
                body = {"errors": ["transport"]}
            latencies.append(time.perf_counter() - started)
            if "errors" not in body:
                ok += 1
                net += 1 if query is LIKE else -1

        async def writer(n: int) -> None:
            await timed(f"w{n}", LIKE)
            await timed(f"w{n}", UNLIKE)

        started = time.perf_counter()
        await asyncio.gather(*(writer(n) for n in range(writers)))
        seconds = time.perf_counter() - started
    async with aiohttp.ClientSession(timeout=timeout) as http:  # fresh: no stale keep-alive
        final = await _call(http, url, keys, "author", COUNT, id=post_id)
    ordered = sorted(latencies)
    return Row(
        writers=writers,
        mutations=len(latencies),
        succeeded=ok,
        p50_ms=statistics.median(ordered) * 1000,
        p99_ms=percentile_ms(ordered, 0.99),
        seconds=seconds,
        exact=final["data"]["post"]["likeCount"] == net,
    )


async def main(writer_counts: list[int], plain: bool) -> None:
    keys = TestKeys(issuer=ISSUER, audience=AUDIENCE)
    jwks = keys.key_set.as_dict(private=False)
    rows: list[Row] = []
    spawn = multiprocessing.get_context("spawn")
    with SecantusServer() as server:
        for n in writer_counts:
            port = free_port()
            run = f"{n}{int(time.time())}"
            child = spawn.Process(target=serve, args=(server.url, run, jwks, plain, port))
            child.start()
            try:
                base = f"http://127.0.0.1:{port}"
                await wait_ready(f"{base}/health", within=60.0, every=0.1)
                rows.append(await _round(f"{base}/graphql", keys, n))
            finally:
                child.terminate()
                child.join(timeout=30)
    mode = "one transaction per write" if plain else "hot writes batched per post"
    print(f"like+unlike per writer on one post ({mode})")
    print(
        f"{'writers':>8} {'mutations':>9} {'success':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'total s':>8} {'exact':>6}"
    )
    for r in rows:
        rate = 100 * r.succeeded / r.mutations
        print(
            f"{r.writers:>8} {r.mutations:>9} {rate:>7.1f}% {r.p50_ms:>8.0f} {r.p99_ms:>8.0f} "
            f"{r.seconds:>8.1f} {r.exact!s:>6}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writers", type=int, nargs="+", default=[100, 500])
    parser.add_argument("--plain", action="store_true")
    args = parser.parse_args()
    asyncio.run(main(args.writers, args.plain))
