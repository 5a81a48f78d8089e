from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from tests.router.kit import Recorder, post, router_client


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def client(subgraph_base: str) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client("shop.graphql", subgraph_base) as client:
        yield client


async def test_single_subgraph_query_makes_one_fetch(
    client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(client, "{ me { id name } }")
    assert result == {"data": {"me": {"id": "1", "name": "Ada Lovelace"}}}
    assert recorder.summary() == [("accounts", False)]


async def test_entity_fields_come_from_a_second_subgraph_by_key(
    client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(client, "{ topProducts(first: 2) { name reviews { body } } }")
    assert result == {
        "data": {
            "topProducts": [
                {"name": "Product 1", "reviews": [{"body": "Love it"}, {"body": "Too heavy"}]},
                {"name": "Product 2", "reviews": [{"body": "Could be better"}]},
            ]
        }
    }
    assert recorder.summary() == [("products", False), ("reviews", True)]
    assert recorder.to("reviews")[0].representations == [
        {"__typename": "Product", "upc": "1"},
        {"__typename": "Product", "upc": "2"},
    ]
