"""A subgraph enforces the operation limits itself, over HTTP and WebSocket."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import strawberry

from common.app import Runtime, SubgraphDefinition
from common.graphql.schema import build_schema
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.hostile import aliases, deep, fragment_explosion
from tests.router.subscriptions.wsclient import WsClient

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

RESOLVED: list[str] = []


@strawberry.type(description="A person.")
class User:
    id: strawberry.ID = strawberry.field(description="The id.")

    @strawberry.field(description="People this one follows.")
    def friends(self, first: int = 10) -> list[User]:
        RESOLVED.append("friends")
        return [User(id=strawberry.ID(f"{self.id}.{i}")) for i in range(min(first, 2))]


@strawberry.type(description="Probe queries.")
class Query:
    @strawberry.field(description="The caller.")
    def me(self) -> User:
        RESOLVED.append("me")
        return User(id=strawberry.ID("1"))

    @strawberry.field(description="How many ids were given.")
    def count(self, ids: list[list[strawberry.ID]]) -> int:
        RESOLVED.append("count")
        return sum(map(len, ids))


@strawberry.type(description="Probe subscriptions.")
class Subscription:
    @strawberry.subscription(description="The caller, once.")
    async def me(self) -> AsyncIterator[User]:
        RESOLVED.append("subscription")
        yield User(id=strawberry.ID("1"))


async def _build(runtime: Runtime) -> object:
    return object()


DEFINITION = SubgraphDefinition(
    name="limited",
    schema=build_schema("limited", query=Query, subscription=Subscription),
    models=[],
    build=_build,
)


@pytest.fixture
async def subgraph(serve_subgraph: ServeSubgraph) -> AsyncIterator[str]:
    RESOLVED.clear()
    async with serve_subgraph(DEFINITION) as url:
        yield url


async def _post(url: str, query: str, **body: Any) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=10.0) as client:
        response = await client.post(f"{url}/graphql", json={"query": query, **body})
    result: dict[str, Any] = response.json()
    return result


def _reason(result: dict[str, Any]) -> str:
    assert result["data"] is None, result
    [error] = result["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    reason: str = error["extensions"]["reason"]
    return reason


async def test_the_fragment_explosion_is_refused(subgraph: str) -> None:
    result = await _post(subgraph, fragment_explosion(30))
    assert _reason(result) == "HEIGHT_LIMIT_EXCEEDED"
    assert result["errors"][0]["extensions"]["height"] == 1 + 2**30
    assert RESOLVED == []


async def test_a_thousand_aliases_are_refused(subgraph: str) -> None:
    result = await _post(subgraph, aliases(1000, "me { id }"))
    assert _reason(result) == "ALIAS_LIMIT_EXCEEDED"
    assert result["errors"][0]["message"] == "Query uses more than the 30 aliases allowed"
    assert RESOLVED == []


async def test_depth_165_is_refused(subgraph: str) -> None:
    result = await _post(subgraph, deep(165))
    assert _reason(result) == "DEPTH_LIMIT_EXCEEDED"
    assert result["errors"][0]["extensions"]["depth"] == 165
    assert RESOLVED == []


async def test_lists_in_the_variables_are_counted_before_they_are_converted(
    subgraph: str, settings: Settings
) -> None:
    count = "query ($ids: [[ID!]!]!) { count(ids: $ids) }"
    limit = settings.graphql_max_input_items
    assert limit == 2_000
    # Two outer entries, then the inner ones: 2,000 entries in all.
    within = [["a"] * 999, ["b"] * 999]
    assert (await _post(subgraph, count, variables={"ids": within}))["data"] == {"count": 1998}
    RESOLVED.clear()
    over = [["a"] * 999, ["b"] * 1000]
    result = await _post(subgraph, count, variables={"ids": over})
    assert _reason(result) == "INPUT_LIMIT_EXCEEDED"
    assert result["errors"][0]["extensions"]["maxInputItems"] == 2_000
    assert RESOLVED == []


async def test_cost_is_limited(subgraph: str) -> None:
    costly = "{ me { friends(first: 1000) { friends(first: 1000) { id } } } }"
    assert _reason(await _post(subgraph, costly)) == "COST_LIMIT_EXCEEDED"
    variable = "query ($n: Int!) { me { friends(first: $n) { friends(first: $n) { id } } } }"
    assert _reason(await _post(subgraph, variable, variables={"n": 1000})) == "COST_LIMIT_EXCEEDED"
    assert RESOLVED == []


async def test_a_remembered_document_still_has_its_cost_checked_per_request(
    subgraph: str,
) -> None:
    variable = "query ($n: Int!) { me { friends(first: $n) { friends(first: $n) { id } } } }"
    for _ in range(2):  # the second is served from the limiter's cache
        cheap = await _post(subgraph, variable, variables={"n": 2})
        assert cheap["data"]["me"]["friends"][0]["friends"][0] == {"id": "1.0.0"}
    costly = await _post(subgraph, variable, variables={"n": 1000})
    assert _reason(costly) == "COST_LIMIT_EXCEEDED"


async def test_an_invalid_document_is_refused_every_time(subgraph: str) -> None:
    for _ in range(2):
        result = await _post(subgraph, "{ me { nope } }")
        assert result["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED", result


async def test_tokens_are_limited_even_for_a_named_operation(subgraph: str) -> None:
    long = "query Long { me { friends(first: [" + "1 " * 20_001 + "]) { id } } }"
    result = await _post(subgraph, long, operationName="Long")
    assert _reason(result) == "TOKEN_LIMIT_EXCEEDED"


async def test_operations_within_the_limits_run(subgraph: str) -> None:
    result = await _post(subgraph, "{ me { a: id friends { id } } }")
    assert result == {"data": {"me": {"a": "1", "friends": [{"id": "1.0"}, {"id": "1.1"}]}}}
    syntax = await _post(subgraph, "{ me {")
    assert syntax["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"


async def test_long_documents_are_checked_and_validated_off_the_loop(subgraph: str) -> None:
    padding = "# " + "x" * 5_000 + "\n"  # past INLINE_DOCUMENT_CHARS
    result = await _post(subgraph, padding + "{ me { id } }")
    assert result == {"data": {"me": {"id": "1"}}}
    invalid = await _post(subgraph, padding + "{ me { nope } }")
    assert invalid["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert _reason(await _post(subgraph, padding + deep(20))) == "DEPTH_LIMIT_EXCEEDED"


async def test_limits_come_from_the_settings(
    serve_subgraph: ServeSubgraph, settings: Settings
) -> None:
    strict = settings.model_copy(update={"graphql_max_depth": 2})
    async with serve_subgraph(DEFINITION, settings_override=strict) as url:
        result = await _post(url, "{ me { friends { id } } }")
    assert _reason(result) == "DEPTH_LIMIT_EXCEEDED"
    assert result["errors"][0]["message"] == "Query depth 3 exceeds the maximum allowed depth of 2"


async def test_limits_apply_over_websocket(subgraph: str) -> None:
    ws_url = subgraph.replace("http://", "ws://") + "/graphql"
    async with WsClient.connect(ws_url) as client:
        await client.init()
        explosion = fragment_explosion(30).replace("query {", "subscription {", 1)
        await client.subscribe("boom", explosion)
        error = await client.receive()
        assert (error["id"], error["type"]) == ("boom", "error")
        assert error["payload"][0]["extensions"]["reason"] == "HEIGHT_LIMIT_EXCEEDED"
        await client.subscribe("deep", deep(165))
        error = await client.receive()
        assert error["payload"][0]["extensions"]["reason"] == "DEPTH_LIMIT_EXCEEDED"
        await client.subscribe("ok", "subscription { me { id } }")
        assert await client.receive() == {
            "id": "ok",
            "type": "next",
            "payload": {"data": {"me": {"id": "1"}}},
        }
    assert RESOLVED == ["subscription"]
