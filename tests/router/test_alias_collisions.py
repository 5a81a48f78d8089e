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
