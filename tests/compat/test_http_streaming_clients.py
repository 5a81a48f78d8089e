"""Apollo Client 4's HttpLink and graphql-sse's client, unchanged, against the router's
HTTP streams: multipart subscriptions, `@defer`, and server-sent events."""

from __future__ import annotations

import pytest

from tests.compat.node import run_node
from tests.router.subscriptions.conftest import Stack

pytestmark = [pytest.mark.compat, pytest.mark.redis]


async def test_apollo_client_4_http_link(node: str, stack: Stack) -> None:
    token = stack.keys.token("alice")
    http_url = f"{stack.router_url}/graphql"
    async with run_node(node, "apollo4_http.mjs", http_url, token) as script:
        await script.stage("subscribed")
        await stack.tracker.wait_live("c1", 1)
        await stack.send("bob", "c1", "over multipart")
        await script.go()
        result = await script.result()

    # a multipart subscription with an entity field from the other subgraph
    assert result["message"] == {
        "events": [
            {
                "messageAdded": {
                    "__typename": "Message",
                    "text": "over multipart",
                    "sender": {"__typename": "User", "id": "bob", "displayName": "Bob"},
                }
            }
        ],
        "unsubscribed": True,
    }
    await stack.tracker.wait_live("c1", 0)
    # a finite one: every event, then the closing delimiter completes it
    assert result["countdown"] == {
        "events": [{"countdown": n} for n in (3, 2, 1)],
        "completed": True,
    }
    # the subgraph's refusal, a terminal {"payload": null, "errors": [...]} part
    assert result["forbidden"]["events"] == []
    assert result["forbidden"]["error"]["codes"] == ["FORBIDDEN"]
    # @defer: the immediate part first, then the whole object
    states = result["defer"]
    assert states[0] == {
        "dataState": "streaming",
        "data": {"person": {"__typename": "User", "id": "bob", "displayName": "Bob"}},
    }
    assert states[-1] == {
        "dataState": "complete",
        "data": {
            "person": {
                "__typename": "User",
                "id": "bob",
                "displayName": "Bob",
                "avatarUrl": "https://img.test/bob.png",
            }
        },
    }


async def test_graphql_sse_client(node: str, stack: Stack) -> None:
    token = stack.keys.token("alice")
    async with run_node(node, "graphql_sse.mjs", f"{stack.router_url}/graphql", token) as script:
        await script.stage("subscribed")
        await stack.tracker.wait_live("c1", 1)
        await stack.send("bob", "c1", "over sse")
        await script.go()
        result = await script.result()

    assert result["message"] == {
        "events": [
            {"data": {"messageAdded": {"text": "over sse", "sender": {"displayName": "Bob"}}}}
        ],
        "unsubscribed": True,
    }
    await stack.tracker.wait_live("c1", 0)
    assert result["countdown"] == {
        "events": [{"data": {"countdown": n}} for n in (3, 2, 1)],
        "completed": True,
    }
    assert result["query"] == {
        "events": [{"data": {"person": {"displayName": "Bob"}}}],
        "completed": True,
    }
    # a bad token: refused with 401 before any event
    assert result["rejected"]["events"] == []
    assert result["rejected"]["error"] == {"message": "Server responded with 401: Unauthorized"}
    # an invalid operation: a 400 the client reports, not an empty stream
    assert result["invalid"]["events"] == []
    assert result["invalid"]["error"]["message"].startswith("Server responded with 400")
