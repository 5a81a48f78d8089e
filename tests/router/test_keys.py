from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_single_subgraph_query_makes_one_fetch(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ me { id name } }")
    assert result == {"data": {"me": {"id": "1", "name": "Ada Lovelace"}}}
    assert recorder.summary() == [("accounts", False)]


async def test_entity_fields_come_from_a_second_subgraph_by_key(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ topProducts(first: 2) { name reviews { body } } }")
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


async def test_nested_entities_chain_across_three_subgraphs(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shop_client, "{ topProducts(first: 1) { name reviews { body author { name } } } }"
    )
    assert result == {
        "data": {
            "topProducts": [
                {
                    "name": "Product 1",
                    "reviews": [
                        {"body": "Love it", "author": {"name": "Ada Lovelace"}},
                        {"body": "Too heavy", "author": {"name": "Alan Turing"}},
                    ],
                }
            ]
        }
    }
    assert recorder.summary() == [("accounts", True), ("products", False), ("reviews", True)]
    assert recorder.to("accounts")[0].representations == [
        {"__typename": "User", "id": "1"},
        {"__typename": "User", "id": "2"},
    ]


async def test_entities_are_deduplicated_by_representation(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ users { reviews { author { name } } } }")
    authors = [r["author"]["name"] for u in result["data"]["users"] for r in u["reviews"]]
    assert authors == ["Ada Lovelace", "Ada Lovelace", "Alan Turing"]
    # reviews are asked once for both users; their three authors are two distinct users
    assert recorder.summary() == [("accounts", False), ("accounts", True), ("reviews", True)]
    entity_call = next(c for c in recorder.to("accounts") if c.is_entities)
    assert entity_call.representations == [
        {"__typename": "User", "id": "1"},
        {"__typename": "User", "id": "2"},
    ]


async def test_root_fields_of_different_subgraphs_are_fetched_in_parallel(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, '{ me { name } review(id: "r3") { body } }')
    assert result == {
        "data": {"me": {"name": "Ada Lovelace"}, "review": {"body": "Could be better"}}
    }
    assert recorder.summary() == [("accounts", False), ("reviews", False)]


async def test_missing_entity_is_null(shop_client: httpx.AsyncClient, recorder: Recorder) -> None:
    result = await post(shop_client, '{ review(id: "nope") { body author { name } } }')
    assert result == {"data": {"review": None}}
    assert recorder.summary() == [("reviews", False)]
