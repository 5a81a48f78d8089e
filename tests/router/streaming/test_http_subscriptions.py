"""Subscriptions over HTTP through the router: Apollo's multipart protocol and graphql-sse.

Both run on the WebSocket transport's machinery (upstream pool, event resolution), so
these tests check what is the transport's own: framing, heartbeats, the edge's checks
before the stream starts, terminal errors, and the upstream ending when the client leaves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from common.testing.httpstreams import (
    EVENT_STREAM,
    SUBSCRIPTION_ACCEPT,
    multipart_parts,
    server_sent_events,
)
from tests.router.subscriptions.conftest import Stack, StackFactory

pytestmark = pytest.mark.redis

MESSAGE_ADDED = """
subscription OnMessage($c: ID!) {
  messageAdded(conversationId: $c) { text sender { displayName } }
}
"""
COUNTDOWN = "subscription { countdown(start: 3) }"


@asynccontextmanager
async def streaming(
    stack: Stack,
    accept: str,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> AsyncIterator[httpx.Response]:
    async with (
        httpx.AsyncClient(trust_env=False, timeout=30) as http,
        http.stream(
            "POST",
            f"{stack.router_url}/graphql",
            json={"query": query, "variables": variables or {}},
            headers={"accept": accept, **(headers or {})},
        ) as response,
    ):
        yield response


async def test_multipart_events_carry_entity_fields_and_end_with_the_client(stack: Stack) -> None:
    headers = stack.keys.bearer("alice")
    async with streaming(stack, SUBSCRIPTION_ACCEPT, MESSAGE_ADDED, {"c": "c1"}, headers) as r:
        assert r.status_code == 200
        assert r.headers["content-type"] == (
            'multipart/mixed;boundary="graphql";subscriptionSpec="1.0"'
        )
        parts = multipart_parts(r)
        await stack.tracker.wait_live("c1", 1)
        await stack.send("bob", "c1", "over http")
        assert await anext(parts) == {
            "payload": {
                "data": {"messageAdded": {"text": "over http", "sender": {"displayName": "Bob"}}}
            }
        }
    # The client closed the response: the router ends the upstream subscription.
    await stack.tracker.wait_live("c1", 0)
    assert [(o.user_id, o.conversation_id) for o in stack.tracker.opened] == [("alice", "c1")]


async def test_a_finite_multipart_subscription_ends_with_the_closing_delimiter(
    stack: Stack,
) -> None:
    async with streaming(stack, SUBSCRIPTION_ACCEPT, COUNTDOWN) as response:
        parts = [part async for part in multipart_parts(response)]
    assert parts == [{"payload": {"data": {"countdown": n}}} for n in (3, 2, 1)]


async def test_multipart_heartbeats_are_empty_parts(stack_factory: StackFactory) -> None:
    async with stack_factory(multipart_heartbeat_interval=0.05) as stack:
        headers = stack.keys.bearer("alice")
        async with streaming(stack, SUBSCRIPTION_ACCEPT, MESSAGE_ADDED, {"c": "c1"}, headers) as r:
            parts = multipart_parts(r)
            assert [await anext(parts), await anext(parts)] == [{}, {}]
            await stack.tracker.wait_live("c1", 1)
            await stack.send("bob", "c1", "between heartbeats")
            async for part in parts:
                if part:
                    assert part["payload"]["data"]["messageAdded"]["text"] == "between heartbeats"
                    break


async def test_a_subgraph_refusal_is_a_terminal_multipart_error(stack: Stack) -> None:
    headers = stack.keys.bearer("alice")
    async with streaming(stack, SUBSCRIPTION_ACCEPT, MESSAGE_ADDED, {"c": "secret"}, headers) as r:
        parts = [part async for part in multipart_parts(r)]
    assert len(parts) == 1
    assert parts[0]["payload"] is None
    assert [e["extensions"]["code"] for e in parts[0]["errors"]] == ["FORBIDDEN"]


async def test_a_bad_token_is_refused_before_the_stream_starts(stack: Stack) -> None:
    for accept in (SUBSCRIPTION_ACCEPT, EVENT_STREAM):
        headers = {"authorization": "Bearer not-a-token"}
        async with streaming(stack, accept, MESSAGE_ADDED, {"c": "c1"}, headers) as response:
            body = json.loads(await response.aread())
        assert response.status_code == 401
        assert response.headers["content-type"].startswith("application/json")
        assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]
    assert stack.tracker.opened == []


async def test_an_invalid_subscription_gets_the_plain_json_error(stack: Stack) -> None:
    async with streaming(stack, EVENT_STREAM, "subscription { nope }") as response:
        body = json.loads(await response.aread())
    # A 4xx: graphql-sse's client reports it; a 200 it would read as an empty stream.
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/graphql-response+json"
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "nope" in error["message"]


async def test_without_a_streaming_accept_header_subscriptions_are_refused(stack: Stack) -> None:
    async with streaming(stack, "application/json", COUNTDOWN) as response:
        body = json.loads(await response.aread())
    assert response.status_code == 405
    assert "errors" in body


async def test_server_sent_events_next_then_complete(stack: Stack) -> None:
    async with streaming(stack, EVENT_STREAM, COUNTDOWN) as response:
        assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
        events = [event async for event in server_sent_events(response)]
    assert events == [
        *[
            ("next", json.dumps({"data": {"countdown": n}}, separators=(",", ":")))
            for n in (3, 2, 1)
        ],
        ("complete", ""),
    ]


async def test_server_sent_events_end_the_upstream_when_the_client_leaves(stack: Stack) -> None:
    headers = stack.keys.bearer("alice")
    async with streaming(stack, EVENT_STREAM, MESSAGE_ADDED, {"c": "c1"}, headers) as response:
        events = server_sent_events(response)
        await stack.tracker.wait_live("c1", 1)
        await stack.send("bob", "c1", "over sse")
        event, data = await anext(events)
        assert event == "next"
        assert json.loads(data)["data"]["messageAdded"]["text"] == "over sse"
    await stack.tracker.wait_live("c1", 0)


async def test_server_sent_event_heartbeats_are_comments(stack_factory: StackFactory) -> None:
    async with stack_factory(event_stream_heartbeat_interval=0.05) as stack:
        headers = stack.keys.bearer("alice")
        async with streaming(stack, EVENT_STREAM, MESSAGE_ADDED, {"c": "c1"}, headers) as r:
            events = server_sent_events(r)
            assert [await anext(events), await anext(events)] == [("", ":"), ("", ":")]


async def test_a_query_over_server_sent_events_is_one_result(stack: Stack) -> None:
    query = '{ person(id: "bob") { displayName } }'
    async with streaming(stack, EVENT_STREAM, query) as response:
        events = [event async for event in server_sent_events(response)]
    assert [name for name, _ in events] == ["next", "complete"]
    assert json.loads(events[0][1]) == {"data": {"person": {"displayName": "Bob"}}}


async def test_a_socket_and_an_http_stream_of_one_viewer_share_the_upstream(stack: Stack) -> None:
    headers = stack.keys.bearer("alice")
    async with stack.client() as client:
        await client.init(headers)
        await client.subscribe("s1", MESSAGE_ADDED, {"c": "c1"})
        await stack.tracker.wait_live("c1", 1)
        # The stream joins the running upstream as its response starts; like the socket
        # tests of sharing (test_dedupe.py), there is no "joined" signal to wait for.
        async with streaming(stack, EVENT_STREAM, MESSAGE_ADDED, {"c": "c1"}, headers) as r:
            events = server_sent_events(r)
            await stack.send("bob", "c1", "to both")
            over_socket = await client.receive()
            event, data = await anext(events)
        assert event == "next"
        assert over_socket["payload"] == json.loads(data)
        # One upstream subscription served both transports.
        assert len(stack.tracker.opened) == 1


async def test_a_stream_ends_when_its_token_expires(stack: Stack) -> None:
    headers = stack.keys.bearer("alice", ttl=1)
    async with streaming(stack, SUBSCRIPTION_ACCEPT, MESSAGE_ADDED, {"c": "c1"}, headers) as r:
        parts = [part async for part in multipart_parts(r)]
    assert parts[-1]["payload"] is None
    assert [e["extensions"]["code"] for e in parts[-1]["errors"]] == ["UNAUTHENTICATED"]
    await stack.tracker.wait_live("c1", 0)


async def test_streams_count_against_the_rate_limit(stack_factory: StackFactory) -> None:
    async with stack_factory(router_options={"rate_limit": 1}) as stack:
        headers = stack.keys.bearer("alice")
        async with streaming(stack, EVENT_STREAM, COUNTDOWN, headers=headers) as first:
            assert [e async for e, _ in server_sent_events(first)][-1] == "complete"
        for accept in (EVENT_STREAM, SUBSCRIPTION_ACCEPT):
            async with streaming(stack, accept, COUNTDOWN, headers=headers) as refused:
                body = json.loads(await refused.aread())
            assert refused.status_code == 429
            assert "retry-after" in refused.headers
            assert [e["extensions"]["code"] for e in body["errors"]] == ["RATE_LIMITED"]


async def test_automatic_persisted_queries_stream_too(stack: Stack) -> None:
    digest = hashlib.sha256(COUNTDOWN.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    url = f"{stack.router_url}/graphql"
    headers = {"accept": EVENT_STREAM}

    async def send(body: dict[str, Any]) -> tuple[str, Any]:
        async with (
            httpx.AsyncClient(trust_env=False, timeout=30) as http,
            http.stream("POST", url, json=body, headers=headers) as response,
        ):
            if response.headers["content-type"] == "application/graphql-response+json":
                return "json", json.loads(await response.aread())
            return "stream", [event async for event, _ in server_sent_events(response)]

    unknown = await send({"extensions": extensions})
    assert unknown[0] == "json", unknown
    assert [e["extensions"]["code"] for e in unknown[1]["errors"]] == [
        "PERSISTED_QUERY_NOT_FOUND"
    ], unknown
    complete = ["next", "next", "next", "complete"]
    assert await send({"query": COUNTDOWN, "extensions": extensions}) == ("stream", complete)
    assert await send({"extensions": extensions}) == ("stream", complete)
