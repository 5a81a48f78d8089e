from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from router.app import create_router_app
from router.config import RouterConfig
from tests.router.kit import FIXTURES, Recorder, router_client, serve

GQL_RESPONSE = "application/graphql-response+json"


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def limited(subgraph_base: str) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client(
        "shop.graphql",
        subgraph_base,
        max_depth=3,
        max_aliases=2,
        cors_origins=("https://app.example",),
        down=("inventory",),
    ) as client:
        yield client


async def test_post_json_default_media_type(shop_client: httpx.AsyncClient) -> None:
    response = await shop_client.post("/graphql", json={"query": "{ me { id } }"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"data": {"me": {"id": "1"}}}


async def test_graphql_response_json_status_codes(shop_client: httpx.AsyncClient) -> None:
    headers = {"accept": GQL_RESPONSE}
    ok = await shop_client.post("/graphql", json={"query": "{ me { id } }"}, headers=headers)
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith(GQL_RESPONSE)
    invalid = await shop_client.post("/graphql", json={"query": "{ nope }"}, headers=headers)
    assert invalid.status_code == 400
    assert invalid.headers["content-type"].startswith(GQL_RESPONSE)
    legacy = await shop_client.post("/graphql", json={"query": "{ nope }"})
    assert legacy.status_code == 200


async def test_malformed_requests(shop_client: httpx.AsyncClient) -> None:
    bad_json = await shop_client.post(
        "/graphql", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert bad_json.status_code == 400
    assert bad_json.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    no_query = await shop_client.post("/graphql", json={"variables": {}})
    assert no_query.status_code == 400
    wrong_type = await shop_client.post(
        "/graphql", content=b"{}", headers={"content-type": "text/plain"}
    )
    assert wrong_type.status_code == 415
    not_acceptable = await shop_client.post(
        "/graphql", json={"query": "{ me { id } }"}, headers={"accept": "text/csv"}
    )
    assert not_acceptable.status_code == 406


async def test_get_executes_queries_and_serves_graphiql(shop_client: httpx.AsyncClient) -> None:
    response = await shop_client.get("/graphql", params={"query": "{ me { name } }"})
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"name": "Ada Lovelace"}}}
    page = await shop_client.get("/graphql", headers={"accept": "text/html,*/*"})
    assert page.status_code == 200
    assert "graphiql" in page.text.lower()
    with_vars = await shop_client.get(
        "/graphql",
        params={
            "query": "query ($u: String!) { product(upc: $u) { name } }",
            "variables": json.dumps({"u": "4"}),
        },
    )
    assert with_vars.json() == {"data": {"product": {"name": "Product 4"}}}


async def test_request_id_and_authorization_are_forwarded_not_hop_headers(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    response = await shop_client.post(
        "/graphql",
        json={"query": "{ me { id } }"},
        headers={
            "authorization": "Bearer abc",
            "x-request-id": "req-123",
            "connection": "keep-alive, x-secret",
            "x-secret": "nope",
            "te": "trailers",
        },
    )
    assert response.headers["x-request-id"] == "req-123"
    sent = recorder.to("accounts")[0].headers
    assert sent["authorization"] == "Bearer abc"
    assert sent["x-request-id"] == "req-123"
    assert "x-secret" not in sent
    assert "te" not in sent
    generated = await shop_client.post("/graphql", json={"query": "{ me { id } }"})
    assert len(generated.headers["x-request-id"]) == 32


async def test_depth_and_alias_limits(limited: httpx.AsyncClient) -> None:
    deep = await limited.post(
        "/graphql", json={"query": "{ me { reviews { product { reviews { id } } } } }"}
    )
    error = deep.json()["errors"][0]
    assert error["message"] == "Query depth 5 exceeds the maximum allowed depth of 3"
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    aliased = await limited.post(
        "/graphql", json={"query": "{ a: me { id } b: me { id } c: me { id } }"}
    )
    assert aliased.json()["errors"][0]["message"] == "Query uses more than the 2 aliases allowed"


async def test_cors_preflight(limited: httpx.AsyncClient) -> None:
    response = await limited.options(
        "/graphql",
        headers={
            "origin": "https://app.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type,authorization",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://app.example"


async def test_health_reports_each_subgraph(limited: httpx.AsyncClient) -> None:
    response = await limited.get("/health")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["ready"] is True
    assert {name: s["reachable"] for name, s in body["subgraphs"].items()} == {
        "accounts": True,
        "inventory": False,
        "products": True,
        "reviews": True,
    }


async def test_router_over_real_http_with_lifespan(subgraph_base: str) -> None:
    sdl = (FIXTURES / "shop.graphql").read_text()
    names = ("accounts", "inventory", "products", "reviews")
    config = RouterConfig(
        supergraph_sdl=sdl, subgraph_urls={n: f"{subgraph_base}/{n}/graphql" for n in names}
    )
    async with serve(create_router_app(config)) as base, httpx.AsyncClient() as client:
        response = await client.post(
            f"{base}/graphql", json={"query": "{ topProducts(first: 1) { name inStock } }"}
        )
        health = await client.get(f"{base}/health")
    assert response.json() == {"data": {"topProducts": [{"name": "Product 1", "inStock": False}]}}
    assert health.json()["status"] == "ok"
