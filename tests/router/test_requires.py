from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_requires_fetches_required_fields_first_and_sends_them(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ topProducts(first: 2) { name shippingEstimate } }")
    assert result == {
        "data": {
            "topProducts": [
                {"name": "Product 1", "shippingEstimate": 21},
                {"name": "Product 2", "shippingEstimate": 42},
            ]
        }
    }
    assert recorder.summary() == [("inventory", True), ("products", False)]
    products_call = recorder.to("products")[0]
    assert "price" in products_call.query
    assert "weight" in products_call.query
    assert recorder.to("inventory")[0].representations == [
        {"__typename": "Product", "upc": "1", "price": 10, "weight": 1},
        {"__typename": "Product", "upc": "2", "price": 20, "weight": 2},
    ]


async def test_required_fields_the_client_did_not_ask_for_are_not_returned(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, '{ product(upc: "3") { shippingEstimate inStock } }')
    assert result == {"data": {"product": {"shippingEstimate": 63, "inStock": False}}}
    # inStock and shippingEstimate share one inventory call
    assert recorder.summary() == [("inventory", True), ("products", False)]


async def test_requires_reached_through_another_entity_hop(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, '{ review(id: "r1") { product { shippingEstimate } } }')
    assert result == {"data": {"review": {"product": {"shippingEstimate": 21}}}}
    # reviews -> products (price, weight) -> inventory
    assert recorder.summary() == [("inventory", True), ("products", True), ("reviews", False)]
