from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_provided_field_needs_no_extra_fetch(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, '{ review(id: "r2") { body author { username } } }')
    assert result == {"data": {"review": {"body": "Too heavy", "author": {"username": "@alan"}}}}
    assert recorder.summary() == [("reviews", False)]


async def test_unprovided_sibling_field_still_fetched_by_key(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, '{ review(id: "r2") { author { username name } } }')
    assert result == {"data": {"review": {"author": {"username": "@alan", "name": "Alan Turing"}}}}
    assert recorder.summary() == [("accounts", True), ("reviews", False)]
    assert "username" not in recorder.to("accounts")[0].query


async def test_fields_local_to_the_subgraph_stay_in_one_request(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, '{ review(id: "r1") { product { upc reviews { id } } } }')
    assert result == {
        "data": {"review": {"product": {"upc": "1", "reviews": [{"id": "r1"}, {"id": "r2"}]}}}
    }
    assert recorder.summary() == [("reviews", False)]
