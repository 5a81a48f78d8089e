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
    # sibling paths needing one subgraph share one _entities call; duplicates are removed
    assert recorder.summary() == [("inventory", True), ("products", False)]
    assert [r["upc"] for r in recorder.to("inventory")[0].representations] == ["1", "2", "3"]


async def test_sibling_paths_with_different_selections_share_a_call(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shop_client,
        "{ me { reviews { product { inStock } } } "
        "topProducts(first: 2) { x: inStock } more: topProducts(first: 1) { x: upc inStock } }",
    )
    assert result == {
        "data": {
            "me": {"reviews": [{"product": {"inStock": False}}, {"product": {"inStock": True}}]},
            "topProducts": [{"x": False}, {"x": True}],
            # `x` is upc here: the merged call's `x: inStock` must not leak into this path
            "more": [{"x": "1", "inStock": False}],
        }
    }
    inventory = recorder.to("inventory")
    # the two root lists merge; the nested review products are a later level of the plan
    assert len(inventory) == 2
    assert sorted(len(c.representations) for c in inventory) == [2, 2]


async def test_siblings_with_different_requires_stay_apart(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    # shippingEstimate @requires(price weight): objects of `a` never fetched those
    result = await post(
        shop_client,
        "{ a: topProducts(first: 2) { inStock } b: topProducts(first: 2) { shippingEstimate } }",
    )
    assert "errors" not in result
    assert result["data"]["b"] == [{"shippingEstimate": 21}, {"shippingEstimate": 42}]
    assert recorder.summary() == [("inventory", True), ("inventory", True), ("products", False)]
