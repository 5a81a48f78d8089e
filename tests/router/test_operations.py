from __future__ import annotations

import httpx

from tests.router.kit import Recorder, post


async def test_aliases_are_honoured_in_document_order(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(
        shop_client,
        '{ second: product(upc: "2") { title: name stock: inStock key: upc } '
        'first: product(upc: "1") { key: upc title: name } }',
    )
    assert result == {
        "data": {
            "second": {"title": "Product 2", "stock": True, "key": "2"},
            "first": {"key": "1", "title": "Product 1"},
        }
    }
    assert list(result["data"]["second"]) == ["title", "stock", "key"]
    assert recorder.summary() == [("inventory", True), ("products", False)]


async def test_named_and_inline_fragments(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = """
    query { me { ...UserBits ... on User { reviews { ...ReviewBits } } } }
    fragment UserBits on User { id name }
    fragment ReviewBits on Review { body product { name } }
    """
    result = await post(shop_client, query)
    assert result == {
        "data": {
            "me": {
                "id": "1",
                "name": "Ada Lovelace",
                "reviews": [
                    {"body": "Love it", "product": {"name": "Product 1"}},
                    {"body": "Could be better", "product": {"name": "Product 2"}},
                ],
            }
        }
    }
    assert recorder.summary() == [("accounts", False), ("products", True), ("reviews", True)]


async def test_variables_with_defaults_are_sent_to_subgraphs(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = "query Top($n: Int = 3) { topProducts(first: $n) { upc } }"
    result = await post(shop_client, query)
    assert [p["upc"] for p in result["data"]["topProducts"]] == ["1", "2", "3"]
    call = recorder.to("products")[0]
    assert call.variables == {"n": 3}
    assert "$n:Int" in call.query
    result = await post(shop_client, query, variables={"n": 1})
    assert [p["upc"] for p in result["data"]["topProducts"]] == ["1"]


async def test_skip_and_include_prune_fetches(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = """query ($withStock: Boolean!, $noName: Boolean!) {
      product(upc: "2") { upc name @skip(if: $noName) inStock @include(if: $withStock) }
    }"""
    result = await post(shop_client, query, variables={"withStock": False, "noName": True})
    assert result == {"data": {"product": {"upc": "2"}}}
    assert recorder.summary() == [("products", False)]
    recorder.clear()
    result = await post(shop_client, query, variables={"withStock": True, "noName": False})
    assert result == {"data": {"product": {"upc": "2", "name": "Product 2", "inStock": True}}}
    assert recorder.summary() == [("inventory", True), ("products", False)]


async def test_typename_anywhere_including_root(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, "{ __typename t: __typename me { __typename n: name } }")
    assert result == {
        "data": {
            "__typename": "Query",
            "t": "Query",
            "me": {"__typename": "User", "n": "Ada Lovelace"},
        }
    }
    assert recorder.summary() == [("accounts", False)]
    recorder.clear()
    assert await post(shop_client, "{ __typename }") == {"data": {"__typename": "Query"}}
    assert recorder.calls == []


async def test_operation_name_selects_operation_and_names_subgraph_fetches(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    query = "query A { me { id } } query B { topProducts(first: 1) { upc } }"
    result = await post(shop_client, query, operationName="B")
    assert result == {"data": {"topProducts": [{"upc": "1"}]}}
    assert recorder.to("products")[0].query.startswith("query B__products__0")


async def test_validation_errors_are_bad_user_input(shop_client: httpx.AsyncClient) -> None:
    result = await post(shop_client, "{ me { nope } }")
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "nope" in result["errors"][0]["message"]
    assert "data" not in result


async def test_bad_variables_are_bad_user_input(shop_client: httpx.AsyncClient) -> None:
    result = await post(
        shop_client, "query ($n: Int!) { topProducts(first: $n) { upc } }", variables={"n": "x"}
    )
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
