"""The load driver, run in a process of its own so its CPU is not the gateway's.

`drive(url, kind, connections, seconds)` keeps `connections` requests in flight for
`seconds` and returns every request's latency; the caller runs a short one first to warm up.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass
from typing import Any

import aiohttp

PRODUCTS = 50
# Two levels below the root: products -> reviews (_entities) -> authors (_entities).
TOP = (
    "query Top($page: Int!) { topProducts(first: 50, page: $page) "
    "{ upc name price reviews { id body author { id name } } } }"
)
SMALL = "query Me { me { id name } }"
WARM_UP_SECONDS = 1.0


@dataclass(frozen=True)
class Outcome:
    latencies: list[float]
    seconds: float
    failures: int


def payload(kind: str, counter: itertools.count[int]) -> dict[str, Any]:
    if kind == "small":
        return {"query": SMALL}
    # Distinct: a new page per request, so nothing downstream is identical.
    page = next(counter) % 1_000_000 if kind == "distinct" else 0
    return {"query": TOP, "variables": {"page": page}}


def _valid(kind: str, body: dict[str, Any]) -> bool:
    if body.get("errors"):
        return False
    data = body.get("data") or {}
    if kind == "small":
        return bool(data.get("me"))
    products = data.get("topProducts") or []
    return len(products) == PRODUCTS and products[-1]["reviews"][1]["author"]["name"] is not None


async def _run(url: str, kind: str, connections: int, seconds: float) -> Outcome:
    counter = itertools.count()
    latencies: list[float] = []
    failures = 0
    connector = aiohttp.TCPConnector(limit=connections, force_close=False)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one() -> bool:
            async with session.post(url, json=payload(kind, counter)) as response:
                body = await response.json(content_type=None)
            return response.status == 200 and _valid(kind, body)

        async def client(until: float) -> None:
            nonlocal failures
            while time.monotonic() < until:
                began = time.perf_counter()
                ok = await one()
                latencies.append(time.perf_counter() - began)
                failures += not ok

        began = time.perf_counter()
        stop = time.monotonic() + seconds
        await asyncio.gather(*(client(stop) for _ in range(connections)))
        return Outcome(latencies, time.perf_counter() - began, failures)


def drive(url: str, kind: str, connections: int, seconds: float) -> Outcome:
    """The process's target: run the load and hand back the latencies."""
    return asyncio.run(_run(url, kind, connections, seconds))


async def _post(session: aiohttp.ClientSession, url: str, body: dict[str, Any]) -> Any:
    async with session.post(url, json=body) as response:
        return await response.json(content_type=None)


async def _direct_once(session: aiohttp.ClientSession, base: dict[str, str], page: int) -> None:
    top = await _post(
        session,
        base["products"],
        {
            "query": "query($p:Int!){topProducts(first:50,page:$p){__typename upc name price}}",
            "variables": {"p": page},
        },
    )
    reps = [{"__typename": "Product", "upc": p["upc"]} for p in top["data"]["topProducts"]]
    reviews = await _post(
        session,
        base["reviews"],
        {
            "query": "query($r:[_Any!]!){_entities(representations:$r){...on Product"
            "{reviews{id body author{__typename id}}}}}",
            "variables": {"r": reps},
        },
    )
    authors = {
        review["author"]["id"]
        for entity in reviews["data"]["_entities"]
        for review in entity["reviews"]
    }
    await _post(
        session,
        base["accounts"],
        {
            "query": "query($r:[_Any!]!){_entities(representations:$r){...on User{name}}}",
            "variables": {"r": [{"__typename": "User", "id": a} for a in sorted(authors)]},
        },
    )


async def _run_direct(base: dict[str, str], seconds: float) -> Outcome:
    latencies: list[float] = []
    page = 0
    async with aiohttp.ClientSession() as session:
        for until, record in ((WARM_UP_SECONDS, False), (seconds, True)):
            stop = time.monotonic() + until
            began = time.perf_counter()
            while time.monotonic() < stop:
                start = time.perf_counter()
                page += 1
                await _direct_once(session, base, page)
                if record:
                    latencies.append(time.perf_counter() - start)
    return Outcome(latencies, time.perf_counter() - began, 0)


def drive_direct(base: dict[str, str], seconds: float) -> Outcome:
    """One connection's latency straight to the subgraphs (three sequential calls)."""
    return asyncio.run(_run_direct(base, seconds))
