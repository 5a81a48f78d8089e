from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_fifty_entities_cost_one_entities_call(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ topProducts(first: 50) { upc inStock } }")
    products = result["data"]["topProducts"]
    assert len(products) == 50
    assert products[:2] == [{"upc": "1", "inStock": False}, {"upc": "2", "inStock": True}]
    assert recorder.summary() == [("inventory", True), ("products", False)]
    assert len(recorder.to("inventory")[0].representations) == 50


async def test_entities_of_one_subgraph_at_one_level_share_a_call(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shop_client, "{ topProducts(first: 50) { inStock shippingEstimate reviews { id } } }"
    )
    assert len(result["data"]["topProducts"]) == 50
    assert "errors" not in result
    assert recorder.summary() == [("inventory", True), ("products", False), ("reviews", True)]


async def test_aliased_copies_of_a_list_are_batched_together(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shop_client,
        "{ a: topProducts(first: 2) { inStock } b: topProducts(first: 3) { inStock } }",
    )
    assert result == {
        "data": {
            "a": [{"inStock": False}, {"inStock": True}],
            "b": [{"inStock": False}, {"inStock": True}, {"inStock": False}],
        }
    }
    assert recorder.summary() == [("inventory", True), ("inventory", True), ("products", False)]
    # each aliased list is its own flatten path; duplicates within a call are removed
    assert sorted(len(c.representations) for c in recorder.to("inventory")) == [2, 3]
