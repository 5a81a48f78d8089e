from __future__ import annotations

import httpx
from prometheus_client.parser import text_string_to_metric_families

from router.edge.metrics import RouterMetrics
from tests.router.edge.conftest import EdgeRouter

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def _samples(text: str) -> Samples:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


async def _metrics(
    client: httpx.AsyncClient,
) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return _samples(response.text)


async def test_requests_fetches_and_plan_cache_are_counted(edge_router: EdgeRouter) -> None:
    query = {"query": "{ topProducts(first: 2) { upc inStock } }"}
    async with edge_router() as client:
        for _ in range(3):
            assert (await client.post("/graphql", json=query)).status_code == 200
        await client.post("/graphql", json={"query": "{ nope }"})
        samples = await _metrics(client)
    requests = "lifegraph_router_requests_total"
    assert samples[(requests, (("operation_type", "query"), ("outcome", "ok")))] == 3
    assert samples[(requests, (("operation_type", "unknown"), ("outcome", "request_error")))] == 1
    assert samples[("lifegraph_router_request_seconds_count", (("operation_type", "query"),))] == 3
    for subgraph in ("products", "inventory"):
        count = samples[("lifegraph_router_fetch_seconds_count", (("subgraph", subgraph),))]
        assert count == 3
    cache = "lifegraph_router_plan_cache_total"
    assert samples[(cache, (("result", "miss"),))] == 1
    assert samples[(cache, (("result", "hit"),))] == 2


async def test_subgraph_failures_are_counted(edge_router: EdgeRouter, subgraph_base: str) -> None:
    async with edge_router(
        # One try, one failure counted: each retry would be a fetch (and a count) too.
        subgraph_urls_override={"inventory": "http://127.0.0.1:9/graphql"},
        retry=None,
    ) as client:
        response = await client.post(
            "/graphql", json={"query": "{ topProducts(first: 1) { inStock } }"}
        )
        samples = await _metrics(client)
    assert response.json()["errors"][0]["extensions"]["code"] == "SUBGRAPH_UNAVAILABLE"
    errors = "lifegraph_router_fetch_errors_total"
    assert samples[(errors, (("code", "SUBGRAPH_UNAVAILABLE"), ("subgraph", "inventory")))] == 1
    requests = "lifegraph_router_requests_total"
    assert samples[(requests, (("operation_type", "query"), ("outcome", "errors")))] == 1


# Metrics these products subgraphs cannot move (they have no subscriptions), each
# proven to move by the test named.
PROVEN_ELSEWHERE = {
    "lifegraph_router_subscriptions": "tests/router/subscriptions/test_dedupe.py",
}


async def test_every_router_metric_moves(edge_router: EdgeRouter) -> None:
    exported = {family.name for family in RouterMetrics().registry.collect()}
    exported -= set(PROVEN_ELSEWHERE)
    async with edge_router(
        subgraph_urls_override={"inventory": "http://127.0.0.1:9/graphql"}
    ) as client:
        for _ in range(2):  # the second is a plan cache hit
            await client.post("/graphql", json={"query": "{ topProducts(first: 1) { inStock } }"})
        samples = await _metrics(client)
    moved = {
        family
        for family in exported
        for (name, _), value in samples.items()
        if name in (family, f"{family}_total", f"{family}_count") and value > 0
    }
    assert moved == exported
