"""Batched operations (a JSON array, Apollo's BatchHttpLink): each runs through the edge
as if sent alone, in order, and is answered in order."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from tests.router.kit import Recorder, router_client

ME = {"query": "{ me { id } }"}


def product(upc: str) -> dict[str, Any]:
    return {"query": "query($u: String!) { product(upc: $u) { upc } }", "variables": {"u": upc}}


@asynccontextmanager
async def batching_router(subgraph_base: str, **options: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client("shop.graphql", subgraph_base, **options) as client:
        yield client


async def test_a_batch_is_executed_and_answered_in_order(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    response = await shop_client.post("/graphql", json=[product("2"), ME, product("1")])
    assert response.status_code == 200, response.text
    assert response.json() == [
        {"data": {"product": {"upc": "2"}}},
        {"data": {"me": {"id": "1"}}},
        {"data": {"product": {"upc": "1"}}},
    ]
    assert [c.variables for c in recorder.to("products")] == [{"u": "2"}, {"u": "1"}]
    assert len(response.headers.get_list("x-request-id")) == 1


async def test_each_operation_fails_alone(shop_client: httpx.AsyncClient) -> None:
    response = await shop_client.post(
        "/graphql", json=[{"query": "{ nope }"}, "not an operation", ME, {"variables": {}}]
    )
    assert response.status_code == 200
    first, second, third, fourth = response.json()
    assert first["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert second["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert third == {"data": {"me": {"id": "1"}}}
    assert fourth["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_batch_past_the_maximum_is_refused_with_its_code(subgraph_base: str) -> None:
    async with batching_router(subgraph_base, max_batch_size=2) as client:
        fits = await client.post("/graphql", json=[ME, ME])
        refused = await client.post("/graphql", json=[ME, ME, ME])
        empty = await client.post("/graphql", json=[])
    assert [r["data"] for r in fits.json()] == [{"me": {"id": "1"}}] * 2
    assert refused.status_code == 400
    error = refused.json()["errors"][0]
    assert error["extensions"] == {"code": "BATCH_TOO_LARGE", "maxBatchSize": 2}
    assert empty.status_code == 400
    assert empty.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_every_operation_counts_against_the_rate_limit(subgraph_base: str) -> None:
    async with batching_router(subgraph_base, rate_limit=2) as client:
        response = await client.post("/graphql", json=[ME, ME, ME])
        after = await client.post("/graphql", json=ME)
    ok, also_ok, throttled = response.json()
    assert ok == also_ok == {"data": {"me": {"id": "1"}}}
    assert throttled["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert int(response.headers["retry-after"]) >= 1
    assert after.status_code == 429


async def test_operation_limits_hold_for_each_operation(subgraph_base: str) -> None:
    deep = {"query": "{ me { reviews { product { reviews { id } } } } }"}
    async with batching_router(subgraph_base, max_depth=3) as client:
        response = await client.post("/graphql", json=[ME, deep])
    fine, refused = response.json()
    assert fine == {"data": {"me": {"id": "1"}}}
    assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert refused["errors"][0]["extensions"]["reason"] == "DEPTH_LIMIT_EXCEEDED"


async def test_idempotency_keys_are_for_single_operations(shop_client: httpx.AsyncClient) -> None:
    response = await shop_client.post("/graphql", json=[ME, ME], headers={"idempotency-key": "k-1"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
