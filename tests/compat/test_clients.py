"""The JavaScript clients web and mobile apps use, unchanged, against the router.

Each test starts the `messages` + `people` subgraphs and the router on loopback
(the subscription fixtures), runs one Node.js script with the real client
library and asserts on what the library reported.
"""

from __future__ import annotations

import re

import httpx
import pytest

from tests.compat.node import run_node
from tests.router.subscriptions.conftest import Stack

pytestmark = [pytest.mark.compat, pytest.mark.redis]


def _codes(error: dict[str, object]) -> list[object]:
    errors = error.get("graphQLErrors")
    assert isinstance(errors, list), error
    return [e.get("extensions", {}).get("code") for e in errors]


async def test_graphql_ws_client(node: str, stack: Stack) -> None:
    token = stack.keys.token("alice")
    async with run_node(node, "graphql_ws.mjs", stack.ws_url, token) as script:
        await script.stage("subscribed")
        await stack.tracker.wait_live("c1", 1)
        await stack.send("bob", "c1", "hi from python")
        result = await script.result()

    # a subscription whose events need another subgraph, unsubscribed by the client
    assert result["message"] == {
        "events": [
            {"data": {"messageAdded": {"text": "hi from python", "sender": {"displayName": "Bob"}}}}
        ],
        "unsubscribed": True,
    }
    await stack.tracker.wait_live("c1", 0)
    # the subgraph saw the identity from connectionParams.Authorization
    assert [(o.user_id, o.conversation_id) for o in stack.tracker.opened] == [("alice", "c1")]
    # a finite subscription: every event, then the library's `complete`
    assert result["countdown"] == {
        "events": [{"data": {"countdown": n}} for n in (3, 2, 1)],
        "completed": True,
    }
    # a query over the socket: one result, then complete
    assert result["query"] == {
        "events": [{"data": {"person": {"displayName": "Bob"}}}],
        "completed": True,
    }
    # the subgraph's refusal reaches the library's error callback with its code
    assert result["forbidden"]["events"] == []
    assert _codes(result["forbidden"]["error"]) == ["FORBIDDEN"]
    # a bad token in connectionParams: the socket is closed 4403 Forbidden
    assert result["rejected"]["error"] == {"closeCode": 4403, "closeReason": "Forbidden"}


def _apq_misses(metrics: str) -> int:
    found = re.findall(
        r'^lifegraph_router_requests_total\{[^}]*outcome="persisted_query_not_found"[^}]*\} '
        r"([0-9.]+)$",
        metrics,
        re.MULTILINE,
    )
    return int(sum(float(v) for v in found))


async def test_apollo_client(node: str, stack: Stack) -> None:
    token = stack.keys.token("alice")
    http_url = f"{stack.router_url}/graphql"
    async with run_node(node, "apollo.mjs", http_url, stack.ws_url, token) as script:
        await script.stage("subscribed")
        await stack.tracker.wait_live("c1", 1)
        await script.go()  # now the mutation through the router feeds the subscription
        result = await script.result()

    # HttpLink query (Apollo's cache adds __typename to every selection)
    assert result["person"] == {
        "person": {
            "__typename": "User",
            "id": "bob",
            "displayName": "Bob",
            "avatarUrl": "https://img.test/bob.png",
        }
    }
    assert result["again"]["person"]["displayName"] == "Carol"
    # HttpLink mutation with entity fields from another subgraph
    mutation = result["mutation"]["sendMessage"]
    assert mutation["text"] == "from apollo"
    assert mutation["sender"] == {"__typename": "User", "id": "alice", "displayName": "Alice"}
    # GraphQLWsLink subscription received what the mutation published
    assert result["subscription"] == {
        "messageAdded": {
            "__typename": "Message",
            "text": "from apollo",
            "sender": {"__typename": "User", "id": "alice", "displayName": "Alice"},
        }
    }
    # a validation error surfaces as an ApolloError with our code
    assert _codes(result["invalid"]["error"]) == ["BAD_USER_INPUT"]
    # automatic persisted queries: one miss per document, then by hash only
    async with httpx.AsyncClient(trust_env=False) as http:
        metrics = (await http.get(f"{stack.router_url}/metrics")).text
    assert _apq_misses(metrics) == 3  # Person, Send, Broken; the second Person went by hash


async def test_urql_client(node: str, stack: Stack) -> None:
    token = stack.keys.token("carol")
    async with run_node(node, "urql.mjs", f"{stack.router_url}/graphql", token) as script:
        result = await script.result()

    # GET (urql's default for queries) and POST
    assert result["person"] == {
        "data": {"person": {"__typename": "User", "id": "dave", "displayName": "Dave"}},
        "error": None,
    }
    assert result["posted"]["data"] == {
        "person": {"__typename": "User", "id": "alice", "displayName": "Alice"}
    }
    # request errors (400 application/graphql-response+json) become a CombinedError
    assert result["invalid"]["data"] is None
    assert _codes(result["invalid"]["error"]) == ["BAD_USER_INPUT"]
    # the subgraph's own authentication error keeps its code
    assert _codes(result["anonymous"]["error"]) == ["UNAUTHENTICATED"]
    # a bad token is refused at the edge (HTTP 401) before any subgraph sees it
    assert _codes(result["badToken"]["error"]) == ["UNAUTHENTICATED"]


async def test_graphql_ws_refreshes_an_expired_token_and_reconnects(
    node: str, stack: Stack
) -> None:
    # Past `exp` but within the verifier's leeway: it used to be acknowledged, then closed.
    expired = stack.keys.token("alice", ttl=-1)
    fresh = stack.keys.token("alice")
    async with run_node(node, "graphql_ws_refresh.mjs", stack.ws_url, expired, fresh) as script:
        result = await script.result()

    # docs/clients.md's pattern: one refusal, a refresh, then the subscription runs.
    assert result["sent"] == ["expired", "fresh"]
    assert result["refreshingCloses"][0] == 4419
    assert result["refreshed"] == {
        "events": [{"data": {"countdown": n}} for n in (2, 1)],
        "completed": True,
    }
    # A client that cannot refresh gives up after its retries instead of looping.
    assert result["gaveUp"]["error"] == {"closeCode": 4419, "closeReason": "Token expired"}
    assert result["staticCloses"] == [4419] * 4


async def test_apollo_batch_http_link(node: str, stack: Stack) -> None:
    token = stack.keys.token("alice")
    async with run_node(node, "apollo_batch.mjs", f"{stack.router_url}/graphql", token) as script:
        result = await script.result()

    # Three queries of one tick: one request holding all three, answered in order.
    assert result["names"] == ["Bob", "Carol", "Dave"]
    assert result["requests"] == [3, 2]
    # An invalid operation fails alone; the other one of its batch is answered.
    assert result["alice"] == "Alice"
    assert _codes(result["broken"]["error"]) == ["BAD_USER_INPUT"]
