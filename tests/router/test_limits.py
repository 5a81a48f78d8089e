"""Operation limits at the router: refused before planning, over HTTP and WebSocket alike.

The router runs on its own thread and loop (`serve_in_thread`): a document that
stalled it would fail these tests on the client's timeout instead of hanging them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from common.testing.hostile import aliases, deep, fragment_explosion
from router.app import create_router_app
from router.config import RouterConfig
from router.service import RequestError, Router
from router.supergraph import load_supergraph
from tests.router.kit import FIXTURES, Recorder, router_client, serve_in_thread
from tests.router.subscriptions.wsclient import WsClient

SHOP = (FIXTURES / "shop.graphql").read_text()
WAIT = 10.0


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def router_url(subgraph_base: str) -> AsyncIterator[str]:
    urls = {name: f"{subgraph_base}/{name}/graphql" for name in load_supergraph(SHOP).subgraphs}
    app = create_router_app(RouterConfig(supergraph_sdl=SHOP, subgraph_urls=urls, max_cost=1000))
    async with serve_in_thread(app) as base:
        yield base


async def _post(router_url: str, query: str, **body: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=router_url, timeout=WAIT) as client:
        response = await client.post("/graphql", json={"query": query, **body})
    result: dict[str, Any] = response.json()
    return result


def _refusal(result: dict[str, Any]) -> dict[str, Any]:
    assert "data" not in result or result["data"] is None, result
    [error] = result["errors"]
    extensions: dict[str, Any] = error["extensions"]
    assert extensions["code"] == "BAD_USER_INPUT", error
    return extensions


async def test_the_fragment_explosion_is_refused_over_http(
    router_url: str, recorder: Recorder
) -> None:
    extensions = _refusal(await _post(router_url, fragment_explosion(30)))
    assert extensions == {
        "code": "BAD_USER_INPUT",
        "reason": "HEIGHT_LIMIT_EXCEEDED",
        "height": 1 + 2**30,
        "maxHeight": 500,
    }
    assert recorder.calls == []


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        (aliases(1000), "ALIAS_LIMIT_EXCEEDED"),
        (deep(165), "DEPTH_LIMIT_EXCEEDED"),
        # Past graphql-core's nesting limit, and long enough to be parsed off the loop.
        (deep(1000), "DEPTH_LIMIT_EXCEEDED"),
        ("{ me(ids: [" + "1 " * 20_001 + "]) { id } }", "TOKEN_LIMIT_EXCEEDED"),
        ("{ me { " + "id " * 501 + "} }", "HEIGHT_LIMIT_EXCEEDED"),
        ("{ topProducts(first: 1000) { upc name } }", "COST_LIMIT_EXCEEDED"),
    ],
)
async def test_each_limit_is_enforced_before_any_fetch(
    router_url: str, recorder: Recorder, query: str, reason: str
) -> None:
    assert _refusal(await _post(router_url, query))["reason"] == reason
    assert recorder.calls == []


async def test_operations_within_the_limits_run(router_url: str) -> None:
    query = "{ me { ...F ...F } } fragment F on User { id }"
    assert await _post(router_url, query) == {"data": {"me": {"id": "1"}}}
    # Past INLINE_DOCUMENT_CHARS: prepared on a worker thread, with the same outcome.
    padding = "# " + "x" * 5_000 + "\n"
    assert await _post(router_url, padding + query) == {"data": {"me": {"id": "1"}}}
    invalid = await _post(router_url, padding + "{ me { nope } }")
    assert invalid["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_nested_introspection_is_refused(router_url: str) -> None:
    # Not counted in depth (GraphiQL's own query is 15 deep); validation bounds its fan-out.
    lists = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    [error] = (await _post(router_url, lists))["errors"]
    assert error["message"] == "Maximum introspection depth exceeded"
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize("kind", ["query", "subscription"])
async def test_the_fragment_explosion_is_refused_over_websocket(
    router_url: str, recorder: Recorder, kind: str
) -> None:
    explosion = fragment_explosion(30).replace("query", kind, 1)
    async with WsClient.connect(router_url.replace("http://", "ws://") + "/graphql") as client:
        await client.init()
        await client.subscribe("boom", explosion)
        error = await client.receive(within=WAIT)
        assert (error["id"], error["type"]) == ("boom", "error")
        assert error["payload"][0]["extensions"]["reason"] == "HEIGHT_LIMIT_EXCEEDED"
        await client.subscribe("deep", deep(165))
        error = await client.receive(within=WAIT)
        assert error["payload"][0]["extensions"]["reason"] == "DEPTH_LIMIT_EXCEEDED"
    assert recorder.calls == []


def test_variable_page_sizes_are_costed_wherever_variables_are_coerced() -> None:
    # HTTP and WebSocket operations (subscriptions included) both coerce through here.
    router = Router(RouterConfig(supergraph_sdl=SHOP, max_cost=60))
    prepared = router.prepare("query ($n: Int) { topProducts(first: $n) { upc } }", None)
    assert router.coerce_variables(prepared, {"n": 5}) == {"n": 5}
    with pytest.raises(RequestError) as caught:
        router.coerce_variables(prepared, {"n": 100})
    assert caught.value.errors[0]["extensions"]["reason"] == "COST_LIMIT_EXCEEDED"


async def test_with_every_limit_off_the_planner_refuses_the_fragment_explosion(
    subgraph_base: str, recorder: Recorder
) -> None:
    # Validation is memoised per fragment too; planning expands spreads, so it refuses
    # from the measures of the same walk instead of expanding 2**30 fields.
    off: dict[str, Any] = dict.fromkeys(("max_depth", "max_aliases", "max_height", "max_cost"))
    async with router_client("shop.graphql", subgraph_base, **off) as client:
        result = (await client.post("/graphql", json={"query": fragment_explosion(30)})).json()
    assert result["data"] is None
    [error] = result["errors"]
    assert error["extensions"]["code"] == "QUERY_PLANNING_FAILED"
    assert f"{1 + 2**30} fields" in error["message"]
    assert recorder.calls == []


def test_a_plan_is_specific_to_the_skip_and_include_variables_of_its_fragments() -> None:
    router = Router(RouterConfig(supergraph_sdl=SHOP))
    query = "query ($a: Boolean!) { me { ...F } } fragment F on User { id name @skip(if: $a) }"
    prepared = router.prepare(query, None)
    assert prepared.condition_variables == ("a",)
    shown = router.plan_for(prepared, {"a": False})
    hidden = router.plan_for(prepared, {"a": True})
    assert "name" in shown.fetches()[0].operation
    assert "name" not in hidden.fetches()[0].operation
