from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from tests.router.kit import FixtureSubgraph, Recorder, post, router_client


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def inventory_down(subgraph_base: str) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client("shop.graphql", subgraph_base, down=("inventory",)) as client:
        yield client


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def products_down(subgraph_base: str) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client("shop.graphql", subgraph_base, down=("products",)) as client:
        yield client


async def test_entity_subgraph_down_gives_partial_data_with_paths(
    inventory_down: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(inventory_down, "{ topProducts(first: 2) { name inStock } }")
    assert result["data"] == {
        "topProducts": [
            {"name": "Product 1", "inStock": None},
            {"name": "Product 2", "inStock": None},
        ]
    }
    assert [(e["path"], e["extensions"]["code"]) for e in result["errors"]] == [
        (["topProducts", 0, "inStock"], "SUBGRAPH_UNAVAILABLE"),
        (["topProducts", 1, "inStock"], "SUBGRAPH_UNAVAILABLE"),
    ]
    assert result["errors"][0]["extensions"]["serviceName"] == "inventory"
    assert recorder.summary() == [("products", False)]


async def test_root_subgraph_down_nulls_its_root_fields_only(
    products_down: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(products_down, "{ me { name } topProducts { name } }")
    assert result["data"] == {"me": {"name": "Ada Lovelace"}, "topProducts": None}
    assert [(e["path"], e["extensions"]["code"]) for e in result["errors"]] == [
        (["topProducts"], "SUBGRAPH_UNAVAILABLE")
    ]
    assert recorder.summary() == [("accounts", False)]


async def test_non_null_violation_propagates_to_nullable_parent(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ users { id strictName } }")
    # user 2's strictName is null: that user becomes null, the list survives
    assert result["data"] == {"users": [{"id": "1", "strictName": "Ada Lovelace"}, None]}
    assert len(result["errors"]) == 1
    assert result["errors"][0]["path"] == ["users", 1, "strictName"]


async def test_null_in_non_null_list_propagates_to_data(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ strictProducts { upc } me { id } }")
    assert result["data"] is None
    assert result["errors"][0]["path"] == ["strictProducts", 1]


async def test_subgraph_http_error_is_subgraph_error(
    shop_client: httpx.AsyncClient,
    recorder: Recorder,
    fixture_subgraphs: dict[str, FixtureSubgraph],
) -> None:
    fixture_subgraphs["reviews"].fail_status = 500
    try:
        result = await post(shop_client, "{ me { name reviews { body } } }")
    finally:
        fixture_subgraphs["reviews"].fail_status = None
    assert result["data"] == {"me": {"name": "Ada Lovelace", "reviews": None}}
    assert result["errors"] == [
        {
            "message": 'Subgraph "reviews" returned HTTP 500',
            "path": ["me", "reviews"],
            "extensions": {"code": "SUBGRAPH_ERROR", "serviceName": "reviews"},
        }
    ]


async def test_subgraph_graphql_errors_keep_code_and_get_client_paths(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ topProducts(first: 2) { upc reviews { id flaky } } }")
    assert result["data"] == {
        "topProducts": [
            {"upc": "1", "reviews": [{"id": "r1", "flaky": None}, {"id": "r2", "flaky": None}]},
            {"upc": "2", "reviews": [{"id": "r3", "flaky": None}]},
        ]
    }
    assert [(e["path"], e["extensions"]) for e in result["errors"]] == [
        (
            ["topProducts", 0, "reviews", 0, "flaky"],
            {"code": "NOT_FOUND", "serviceName": "reviews"},
        ),
        (
            ["topProducts", 0, "reviews", 1, "flaky"],
            {"code": "NOT_FOUND", "serviceName": "reviews"},
        ),
        (
            ["topProducts", 1, "reviews", 0, "flaky"],
            {"code": "NOT_FOUND", "serviceName": "reviews"},
        ),
    ]
    assert recorder.summary() == [("products", False), ("reviews", True)]


async def test_subgraph_timeout_is_unavailable(
    subgraph_base: str,
    recorder: Recorder,
    fixture_subgraphs: dict[str, FixtureSubgraph],
) -> None:
    import asyncio

    gate = asyncio.Event()
    fixture_subgraphs["accounts"].block = gate
    try:
        async with router_client("shop.graphql", subgraph_base, subgraph_timeout=0.3) as client:
            result = await post(client, "{ me { name } }")
    finally:
        gate.set()
        fixture_subgraphs["accounts"].block = None
    assert result["data"] == {"me": None}
    assert result["errors"][0]["extensions"]["code"] == "SUBGRAPH_UNAVAILABLE"
    assert "timed out" in result["errors"][0]["message"]
