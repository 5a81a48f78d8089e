"""`@defer` through the router: the immediate part first, then each deferred group.

Merging every incremental item into the first payload must give exactly the answer
of the same operation without `@defer`: that is the property every case checks, on
top of what is specific to it (labels, paths over lists, order, errors, fetches).
"""

from __future__ import annotations

import asyncio
import copy
import re
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from common.serving import serve_in_loop
from common.testing.httpstreams import DEFER_ACCEPT, multipart_parts
from common.testing.waiting import wait_until
from router.app import create_router_app
from router.config import RouterConfig
from router.executor.dedup import InFlight
from router.supergraph import load_supergraph
from tests.router.kit import FIXTURES, FixtureSubgraph, Recorder

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def deferred(client: httpx.AsyncClient, query: str, **variables: Any) -> list[Any]:
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"accept": DEFER_ACCEPT},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == 'multipart/mixed;boundary="-";deferSpec=20220824'
    return [part async for part in multipart_parts(response)]


async def plain(client: httpx.AsyncClient, query: str) -> Any:
    """The answer to `query` with every `@defer` taken out."""
    undeferred = re.sub(r"@defer(\([^)]*\))?", "", query)
    response = await client.post("/graphql", json={"query": undeferred})
    return response.json()


def merged(parts: list[Any]) -> dict[str, Any]:
    """The parts applied as Apollo Client applies them."""
    result = copy.deepcopy({k: v for k, v in parts[0].items() if k != "hasNext"})
    for part in parts[1:]:
        for item in part["incremental"]:
            target = result["data"]
            for key in item["path"]:
                target = target[key]
            target.update(item.get("data") or {})
            if item.get("errors"):
                result.setdefault("errors", []).extend(item["errors"])
    return result


LIST = """
{ topProducts(first: 2) { name ... @defer(label: "reviews") { reviews { body } } } }
"""


async def test_a_deferred_fragment_in_a_list_comes_once_per_element(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    parts = await deferred(shop_client, LIST)
    calls = sorted((c.subgraph, c.query) for c in recorder.calls)

    assert parts[0] == {
        "data": {"topProducts": [{"name": "Product 1"}, {"name": "Product 2"}]},
        "hasNext": True,
    }
    assert [item["path"] for item in parts[1]["incremental"]] == [
        ["topProducts", 0],
        ["topProducts", 1],
    ]
    assert {item["label"] for item in parts[1]["incremental"]} == {"reviews"}
    assert parts[-1]["hasNext"] is False
    assert merged(parts) == await plain(shop_client, LIST)
    # The immediate part is one products fetch; the group's follow-up fetches are the
    # keys on its path and the deferred field's entities fetch.
    entities = "_entities(representations:$representations){...on Product{reviews{body}}}"
    assert calls == [
        ("products", "query{topProducts(first: 2){name}}"),
        ("products", "query{topProducts(first: 2){upc __typename}}"),
        ("reviews", f"query($representations:[_Any!]!){{{entities}}}"),
    ]


NESTED = """
{
  product(upc: "1") {
    name
    ... @defer(label: "outer") {
      reviews { body ... @defer(label: "inner") { author { name } } }
    }
  }
}
"""


async def test_a_nested_deferred_fragment_comes_after_the_one_around_it(
    shop_client: httpx.AsyncClient,
) -> None:
    parts = await deferred(shop_client, NESTED)
    labels = [item["label"] for part in parts[1:] for item in part["incremental"]]
    assert labels[0] == "outer"
    assert set(labels[1:]) == {"inner"}
    assert merged(parts) == await plain(shop_client, NESTED)


FRAGMENT = """
query($defer: Boolean!) { product(upc: "2") { name ...Shipping @defer(if: $defer) } }
fragment Shipping on Product { price inStock shippingEstimate }
"""


async def test_a_named_fragment_is_deferred_unless_its_if_is_false(
    shop_client: httpx.AsyncClient,
) -> None:
    parts = await deferred(shop_client, FRAGMENT, defer=True)
    assert parts[0] == {"data": {"product": {"name": "Product 2"}}, "hasNext": True}
    assert parts[1]["incremental"][0]["path"] == ["product"]
    assert merged(parts) == await plain(shop_client, FRAGMENT.replace("($defer: Boolean!)", ""))

    undeferred = await deferred(shop_client, FRAGMENT, defer=False)
    assert len(undeferred) == 1
    assert undeferred[0]["hasNext"] is False
    assert merged(undeferred) == merged(parts)


ERRORS = '{ review(id: "r1") { body ... @defer { flaky } } }'


async def test_errors_of_a_deferred_group_come_with_its_item(
    shop_client: httpx.AsyncClient,
) -> None:
    parts = await deferred(shop_client, ERRORS)
    assert "errors" not in parts[0]
    (item,) = parts[1]["incremental"]
    assert item["path"] == ["review"]
    assert item["data"] == {"flaky": None}
    assert [(e["path"], e["extensions"]["code"]) for e in item["errors"]] == [
        (["review", "flaky"], "NOT_FOUND")
    ]


async def test_a_deferred_fragment_under_null_adds_nothing(shop_client: httpx.AsyncClient) -> None:
    parts = await deferred(shop_client, '{ review(id: "none") { body ... @defer { id } } }')
    assert parts == [
        {"data": {"review": None}, "hasNext": True},
        {"incremental": [], "hasNext": False},
    ]


async def test_without_multipart_in_accept_defer_is_refused(
    shop_client: httpx.AsyncClient,
) -> None:
    response = await shop_client.post("/graphql", json={"query": LIST})
    assert response.status_code == 406
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "DEFER_BAD_HEADER"
    assert "multipart/mixed;deferSpec=20220824" in error["message"]


async def test_an_operation_without_defer_is_plain_json_even_with_multipart_accepted(
    shop_client: httpx.AsyncClient,
) -> None:
    response = await shop_client.post(
        "/graphql",
        json={"query": '{ product(upc: "1") { name } }'},
        headers={"accept": DEFER_ACCEPT},
    )
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == {"data": {"product": {"name": "Product 1"}}}


async def test_a_client_leaving_cancels_the_deferred_fetches(
    subgraph_base: str, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    sdl = (FIXTURES / "shop.graphql").read_text()
    urls = {n: f"{subgraph_base}/{n}/graphql" for n in load_supergraph(sdl).subgraphs}
    app = create_router_app(RouterConfig(supergraph_sdl=sdl, subgraph_urls=urls))
    reviews = fixture_subgraphs["reviews"]
    gate = asyncio.Event()
    reviews.block = gate
    try:
        async with serve_in_loop(app) as url, httpx.AsyncClient(trust_env=False) as http:
            inflight = app.state.router.clients["reviews"].inflight
            assert inflight is not None
            async with http.stream(
                "POST", f"{url}/graphql", json={"query": LIST}, headers={"accept": DEFER_ACCEPT}
            ) as response:
                parts = multipart_parts(response)
                assert (await anext(parts))["hasNext"] is True
                # The deferred group waits on the held subgraph.
                await wait_until(_inflight(inflight, 1), within=10)
            # Closing the response cancels the group's fetch in the router.
            await wait_until(_inflight(inflight, 0), within=10)
    finally:
        gate.set()
        reviews.block = None


def _inflight(inflight: InFlight[Any, Any], count: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return len(inflight) == count

    return check
