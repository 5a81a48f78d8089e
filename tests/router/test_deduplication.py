"""Identical in-flight subgraph requests share one request (Apollo's `deduplicate_query`).

The subgraph is held on an event until every client request waits on the shared
fetch, so "in flight at the same time" is a fact of the test, not a timing hope.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx

from common.testing.waiting import wait_until
from router.app import create_router_app
from router.config import RouterConfig
from router.executor import SubgraphClient
from router.service import Router
from tests.router.kit import FIXTURES, FixtureSubgraph, Recorder

_QUERY = '{ me { name } product(upc: "1") { name reviews { body } } }'
_CLIENTS = 8


@asynccontextmanager
async def _router(
    subgraph_base: str, supergraph: str = "shop.graphql", **options: Any
) -> AsyncIterator[tuple[httpx.AsyncClient, Router]]:
    from router.supergraph import load_supergraph

    sdl = (FIXTURES / supergraph).read_text()
    urls = {n: f"{subgraph_base}/{n}/graphql" for n in load_supergraph(sdl).subgraphs}
    app = create_router_app(RouterConfig(supergraph_sdl=sdl, subgraph_urls=urls, **options))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as client,
    ):
        yield client, app.state.router


@asynccontextmanager
async def _held(subgraph: FixtureSubgraph) -> AsyncIterator[asyncio.Event]:
    gate = asyncio.Event()
    subgraph.block = gate
    try:
        yield gate
    finally:
        gate.set()
        subgraph.block = None


async def _post(client: httpx.AsyncClient, query: str, token: str | None = None) -> Any:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _waiting(client: SubgraphClient, count: int) -> Callable[[], Any]:
    async def check() -> bool:
        assert client.inflight is not None
        return client.inflight.waiting == count

    return check


async def test_concurrent_identical_queries_make_one_call_per_subgraph(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    async with _router(subgraph_base) as (client, router):
        expected = await _post(client, _QUERY)
        recorder.clear()
        async with _held(fixture_subgraphs["accounts"]) as gate:
            requests = [asyncio.create_task(_post(client, _QUERY)) for _ in range(_CLIENTS)]
            await wait_until(_waiting(router.clients["accounts"], _CLIENTS))
            gate.set()
            results = await asyncio.gather(*requests)
    assert results == [expected] * _CLIENTS
    assert "errors" not in expected
    assert len(recorder.to("accounts")) == 1
    # Held back by nothing, the other subgraphs' calls may or may not overlap; never more.
    assert len(recorder.to("products")) <= _CLIENTS


async def test_every_caller_gets_its_own_copy_of_the_answer(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    """The executor merges into responses in place, so a shared one must not be one object."""
    client = SubgraphClient("accounts", f"{subgraph_base}/accounts/graphql", 10.0)
    payload = {"query": "{ me { name } }"}
    try:
        async with _held(fixture_subgraphs["accounts"]) as gate:
            calls = [
                asyncio.create_task(client.request(payload, {}, shareable=True)) for _ in range(3)
            ]
            await wait_until(_waiting(client, 3))
            gate.set()
            answers = await asyncio.gather(*calls)
    finally:
        await client.close()
    assert answers == [{"data": {"me": {"name": "Ada Lovelace"}}}] * 3
    assert len({id(answer["data"]["me"]) for answer in answers}) == 3
    assert len(recorder.to("accounts")) == 1


async def test_different_viewers_never_share(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    async with (
        _router(subgraph_base) as (client, router),
        _held(fixture_subgraphs["accounts"]) as gate,
    ):
        requests = [
            asyncio.create_task(_post(client, "{ me { name } }", token))
            for token in ("ada", "alan") * 3
        ]
        await wait_until(_waiting(router.clients["accounts"], 6))
        gate.set()
        await asyncio.gather(*requests)
    calls = recorder.to("accounts")
    assert sorted(c.headers["authorization"] for c in calls) == ["Bearer ada", "Bearer alan"]


async def test_mutations_are_never_deduplicated(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    mutation = 'mutation { setPrice(id: "b2", price: 12) { price } }'

    async def both_sent() -> bool:
        return len(recorder.to("legacy")) == 2

    async with (
        _router(subgraph_base, "catalog.graphql") as (client, _),
        _held(fixture_subgraphs["legacy"]) as gate,
    ):
        requests = [asyncio.create_task(_post(client, mutation)) for _ in range(2)]
        await wait_until(both_sent, within=5)
        gate.set()
        results = await asyncio.gather(*requests)
    assert [r.get("errors") for r in results] == [None, None]


async def test_a_failure_is_shared_with_every_caller_at_its_own_path(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    accounts = fixture_subgraphs["accounts"]
    async with _router(subgraph_base, retry=None) as (client, router):
        accounts.fail_status = 500
        try:
            async with _held(accounts) as gate:
                requests = [asyncio.create_task(_post(client, _QUERY)) for _ in range(4)]
                await wait_until(_waiting(router.clients["accounts"], 4))
                gate.set()
                results = await asyncio.gather(*requests)
        finally:
            accounts.fail_status = None
    for result in results:
        assert result["data"]["me"] is None
        assert result["data"]["product"]["name"] == "Product 1"
        [error] = result["errors"]
        assert error["path"] == ["me"]
        assert error["extensions"] == {"code": "SUBGRAPH_ERROR", "serviceName": "accounts"}
    assert len(recorder.to("accounts")) == 1


async def test_switched_off_every_request_is_sent(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    async def all_sent() -> bool:
        return len(recorder.to("accounts")) == 3

    async with _router(subgraph_base, deduplicate_subgraph_requests=False) as (client, router):
        assert router.clients["accounts"].inflight is None
        async with _held(fixture_subgraphs["accounts"]) as gate:
            requests = [asyncio.create_task(_post(client, "{ me { name } }")) for _ in range(3)]
            await wait_until(all_sent, within=5)
            gate.set()
            await asyncio.gather(*requests)


async def test_a_cancelled_caller_leaves_the_request_to_the_others(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    client = SubgraphClient("accounts", f"{subgraph_base}/accounts/graphql", 10.0)
    payload = {"query": "{ me { name } }"}
    inflight = client.inflight
    assert inflight is not None
    try:
        async with _held(fixture_subgraphs["accounts"]) as gate:
            first = asyncio.create_task(client.request(payload, {}, shareable=True))
            second = asyncio.create_task(client.request(payload, {}, shareable=True))
            await wait_until(_waiting(client, 2))
            first.cancel()
            await wait_until(_waiting(client, 1))
            gate.set()
            answer = await second
        assert first.cancelled()
        assert answer == {"data": {"me": {"name": "Ada Lovelace"}}}
        assert len(recorder.to("accounts")) == 1

        # When the last caller goes, so does the request: the next one starts afresh.
        async with _held(fixture_subgraphs["accounts"]) as gate:
            alone = asyncio.create_task(client.request(payload, {}, shareable=True))
            await wait_until(_waiting(client, 1))
            alone.cancel()
            await asyncio.gather(alone, return_exceptions=True)
            assert len(inflight) == 0
            gate.set()
            assert await client.request(payload, {}, shareable=True) == answer
    finally:
        await client.close()
