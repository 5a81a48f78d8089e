from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_alias_named_like_an_added_key_field(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    # inventory needs the key `upc`; the client's `upc` is really `name`
    for query in (
        "{ topProducts(first: 2) { upc: name inStock } }",
        "{ topProducts(first: 2) { inStock upc: name } }",
    ):
        recorder.clear()
        result = await post(shop_client, query)
        assert "errors" not in result
        products = result["data"]["topProducts"]
        assert [p["upc"] for p in products] == ["Product 1", "Product 2"]
        assert [p["inStock"] for p in products] == [False, True]
        assert [r["upc"] for r in recorder.to("inventory")[0].representations] == ["1", "2"]


async def test_alias_named_like_a_requires_field(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    # shippingEstimate @requires(price weight); the client calls `upc` "price"
    result = await post(
        shop_client, "{ topProducts(first: 2) { price: upc weight: name shippingEstimate } }"
    )
    assert result == {
        "data": {
            "topProducts": [
                {"price": "1", "weight": "Product 1", "shippingEstimate": 21},
                {"price": "2", "weight": "Product 2", "shippingEstimate": 42},
            ]
        }
    }
    reps = recorder.to("inventory")[0].representations
    assert reps[0] == {"__typename": "Product", "upc": "1", "price": 10, "weight": 1}


async def test_reserved_looking_aliases_stay_distinct(shop_client: httpx.AsyncClient) -> None:
    result = await post(
        shop_client,
        "{ topProducts(first: 1) { _lg_upc: name upc: price __typename: inStock } }",
    )
    assert result == {
        "data": {"topProducts": [{"_lg_upc": "Product 1", "upc": 10, "__typename": False}]}
    }


async def test_root_error_paths_use_the_clients_alias(shop_client: httpx.AsyncClient) -> None:
    # `id` and `body` are field names, so both go to the subgraph as `_lg_` aliases
    result = await post(shop_client, '{ review(id: "r1") { id: flaky body: id } }')
    assert result["data"] == {"review": {"id": None, "body": "r1"}}
    assert [e["path"] for e in result["errors"]] == [["review", "id"]]
    assert result["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_entity_error_paths_use_the_clients_alias(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shop_client, "{ product: topProducts(first: 1) { name reviews { body: flaky } } }"
    )
    assert result["data"] == {
        "product": [{"name": "Product 1", "reviews": [{"body": None}, {"body": None}]}]
    }
    assert sorted(tuple(e["path"]) for e in result["errors"]) == [
        ("product", 0, "reviews", 0, "body"),
        ("product", 0, "reviews", 1, "body"),
    ]
    assert recorder.summary() == [("products", False), ("reviews", True)]
    assert "_lg_body:flaky" in recorder.to("reviews")[0].query


async def test_non_null_errors_under_an_alias_are_not_doubled(
    shop_client: httpx.AsyncClient,
) -> None:
    result = await post(shop_client, "{ users { name: strictName } }")
    assert result["data"] == {"users": [{"name": "Ada Lovelace"}, None]}
    assert [e["path"] for e in result["errors"]] == [["users", 1, "name"]]
