"""Retries of queries after transient subgraph failures, within a budget, with the breaker.

A real flaky subgraph on loopback fails the requests it is told to, and counts them all.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from common.mongo_server import free_port
from router.app import create_router_app
from router.composition import SubgraphSource, compose
from router.config import RouterConfig
from router.executor import SubgraphClient
from router.executor.breaker import BreakerSettings
from router.executor.retry import RetryBudget, RetrySettings
from router.service import Router
from tests.router.kit import serve

SDL = """
type Query { hello(n: Int): String }
type Mutation { bump: Int }
"""
SUPERGRAPH = compose([SubgraphSource("flaky", "http://flaky/graphql", SDL)]).supergraph_sdl
NOW = 0.0  # a clock that stands still: no deposit fades during a test


class Flaky:
    """Answers GraphQL, except that the next `failures` requests get `status`."""

    def __init__(self) -> None:
        self.failures = 0
        self.status = 503
        self.calls = 0
        self.stall = asyncio.Event()  # set: every request hangs until it is cleared
        self.released = asyncio.Event()

    async def endpoint(self, request: Request) -> Response:
        self.calls += 1
        body = json.loads(await request.body())
        if self.stall.is_set():
            await self.released.wait()
        if self.failures:
            self.failures -= 1
            return Response("down", status_code=self.status)
        field = "bump" if "bump" in body["query"] else "hello"
        return JSONResponse({"data": {field: 1 if field == "bump" else "world"}})


@pytest.fixture
async def flaky() -> AsyncIterator[tuple[Flaky, str]]:
    subgraph = Flaky()
    app = Starlette(routes=[Route("/graphql", subgraph.endpoint, methods=["POST"])])
    async with serve(app) as base:
        try:
            yield subgraph, f"{base}/graphql"
        finally:
            subgraph.released.set()


@asynccontextmanager
async def _router(
    url: str, **options: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, SubgraphClient]]:
    options.setdefault("retry", RetrySettings(backoff=0, clock=lambda: NOW))
    config = RouterConfig(supergraph_sdl=SUPERGRAPH, subgraph_urls={"flaky": url}, **options)
    app = create_router_app(config)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as client,
    ):
        router: Router = app.state.router
        yield client, router.clients["flaky"]


async def _post(client: httpx.AsyncClient, query: str) -> Any:
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("status", [503, 500, 502])
async def test_a_query_is_retried_after_a_transient_failure(
    flaky: tuple[Flaky, str], status: int
) -> None:
    subgraph, url = flaky
    async with _router(url) as (client, upstream):
        subgraph.failures, subgraph.status = 2, status
        assert await _post(client, "{ hello }") == {"data": {"hello": "world"}}
    assert subgraph.calls == 3
    assert upstream.retries == 2


async def test_retries_stop_after_the_attempts_and_the_client_gets_the_first_cause(
    flaky: tuple[Flaky, str],
) -> None:
    subgraph, url = flaky
    async with _router(url) as (client, _):
        subgraph.failures = 10
        body = await _post(client, "{ hello }")
    assert body["data"] == {"hello": None}
    assert "answered HTTP 503" in body["errors"][0]["message"]
    assert subgraph.calls == 3  # one request, two retries


async def test_a_mutation_is_never_retried(flaky: tuple[Flaky, str]) -> None:
    subgraph, url = flaky
    async with _router(url) as (client, upstream):
        subgraph.failures = 1
        body = await _post(client, "mutation { bump }")
    assert body["errors"][0]["extensions"]["code"] == "SUBGRAPH_UNAVAILABLE"
    assert subgraph.calls == 1
    assert upstream.retries == 0


async def test_an_unreachable_subgraph_is_retried_too() -> None:
    async with _router(f"http://127.0.0.1:{free_port()}/graphql") as (client, upstream):
        body = await _post(client, "{ hello }")
    assert "could not be reached" in body["errors"][0]["message"]
    assert upstream.retries == 2


async def test_the_budget_keeps_retries_to_a_share_of_requests(flaky: tuple[Flaky, str]) -> None:
    subgraph, url = flaky
    budget = RetrySettings(ratio=0.2, min_per_second=0, backoff=0, clock=lambda: NOW)
    async with _router(url, retry=budget, circuit_breaker=None) as (client, upstream):
        subgraph.failures = 1000  # an outage
        for n in range(20):
            await _post(client, f"{{ hello(n: {n}) }}")
    # 20 requests earn 4 retries: the outage sees 24 calls, not 60.
    assert upstream.retries == 4
    assert subgraph.calls == 24


async def test_an_open_circuit_ends_retries_and_fails_fast(flaky: tuple[Flaky, str]) -> None:
    subgraph, url = flaky
    breaker = BreakerSettings(failures=1, cooldown=60.0, clock=lambda: NOW)
    async with _router(url, circuit_breaker=breaker) as (client, upstream):
        subgraph.failures = 1000
        first = await _post(client, "{ hello }")
        assert "answered HTTP 503" in first["errors"][0]["message"]
        assert subgraph.calls == 3  # one verdict for the request and its retries
        second = await _post(client, "{ hello(n: 2) }")
    assert second["errors"][0]["extensions"]["reason"] == "CIRCUIT_OPEN"
    assert subgraph.calls == 3
    assert upstream.retries == 2


async def test_a_timed_out_try_is_retried_only_within_the_requests_own_timeout(
    flaky: tuple[Flaky, str],
) -> None:
    subgraph, url = flaky
    subgraph.stall.set()
    async with _router(url, subgraph_timeout=0.3) as (client, upstream):
        body = await _post(client, "{ hello }")
    # The whole timeout went to the first try: nothing left to retry with.
    assert "timed out after 0.3s" in body["errors"][0]["message"]
    assert upstream.retries == 0
    assert subgraph.calls == 1
    per_try = RetrySettings(backoff=0, per_try_timeout=0.2, clock=lambda: NOW)
    async with _router(url, subgraph_timeout=2.0, retry=per_try) as (client, upstream):
        body = await _post(client, "{ hello }")
    assert "timed out after 0.2s" in body["errors"][0]["message"]
    assert upstream.retries == 2
    assert subgraph.calls == 4


def test_the_budget_has_a_floor_per_second_and_deposits_fade() -> None:
    now = [0.0]
    budget = RetryBudget(RetrySettings(ratio=0.5, min_per_second=1, ttl=10, clock=lambda: now[0]))
    assert budget.withdraw()  # the floor: one a second, even with no requests yet
    assert not budget.withdraw()
    now[0] += 1.0
    assert budget.withdraw()
    budget.deposit()
    budget.deposit()
    assert budget.withdraw()  # earned by two requests at 0.5
    assert not budget.withdraw()
    budget.deposit()
    budget.deposit()
    now[0] += 0.5  # the floor refills half a retry, and the deposits fade below one
    assert not budget.withdraw()


@pytest.mark.parametrize(
    "options",
    [
        {"attempts": 0},
        {"ratio": -1},
        {"ttl": 0},
        {"min_per_second": -1},
        {"backoff": -1},
        {"per_try_timeout": 0},
    ],
)
def test_settings_out_of_range_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="retry"):
        RetrySettings(**options)
