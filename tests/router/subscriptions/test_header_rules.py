"""Header rules reach subscriptions: the upstream socket's handshake and `connection_init`,
and the HTTP fetches that resolve each event, over the socket and over HTTP streams."""

from __future__ import annotations

import pytest

from common.testing.httpstreams import EVENT_STREAM, SUBSCRIPTION_ACCEPT, server_sent_events
from router.header_rules import HeaderRules
from tests.router.streaming.test_http_subscriptions import MESSAGE_ADDED, streaming
from tests.router.subscriptions.conftest import Stack, StackFactory

pytestmark = pytest.mark.redis

RULES = HeaderRules.parse(
    {
        "all": [{"propagate": {"named": "accept-language"}}],
        "subgraphs": {
            "messages": [{"insert": {"name": "x-source", "value": "router"}}],
            "people": [{"propagate": {"named": "x-tenant", "rename": "x-people-tenant"}}],
        },
    }
)
ON = "subscription($c: ID!) { messageAdded(conversationId: $c) { text sender { displayName } } }"


async def test_socket_handshake_headers_and_init_payload_go_through_the_rules(
    stack_factory: StackFactory,
) -> None:
    async with stack_factory({"header_rules": RULES}) as stack:
        handshake = {"Accept-Language": "fr", "X-Tenant": "acme", "Cookie": "session=secret"}
        async with stack.client(additional_headers=handshake) as client:
            await client.init(stack.keys.bearer("alice"))
            await client.subscribe("s", ON, {"c": "c1"})
            await stack.tracker.wait_live("c1", 1)
            await stack.send("bob", "c1", "bonjour")
            message = await client.receive()
        assert message["payload"]["data"]["messageAdded"]["sender"] == {"displayName": "Bob"}

        [opened] = stack.tracker.opened
        # The Authorization of connection_init still reached the subgraph (it verified alice).
        assert opened.user_id == "alice"
        assert opened.headers["accept-language"] == "fr"
        assert opened.headers["x-source"] == "router"
        assert "x-people-tenant" not in opened.headers
        assert "cookie" not in opened.headers
        # The event's own fetch to `people` follows the rules for `people`.
        people = stack.tracker.entity_headers[-1]
        assert people["accept-language"] == "fr"
        assert people["x-people-tenant"] == "acme"
        assert "x-source" not in people


async def test_connection_init_entries_are_client_headers_and_split_the_upstream(
    stack_factory: StackFactory,
) -> None:
    """Browsers cannot set a socket's headers: connectionParams carry them. The same user
    with another propagated header gets an upstream of their own, not a shared one."""
    async with stack_factory({"header_rules": RULES}) as stack:
        alice = stack.keys.bearer("alice")
        async with stack.client() as french, stack.client() as german, stack.client() as twin:
            await french.init({**alice, "accept-language": "fr"})
            await german.init({**alice, "accept-language": "de"})
            await twin.init({**alice, "accept-language": "fr"})
            for client in (french, german, twin):
                await client.subscribe("s", ON, {"c": "c1"})
            await stack.tracker.wait_live("c1", 2)
            await stack.send("bob", "c1", "hallo")
            for client in (french, german, twin):
                message = await client.receive()
                assert message["payload"]["data"]["messageAdded"]["text"] == "hallo"
    languages = sorted(o.headers["accept-language"] for o in stack.tracker.opened)
    assert languages == ["de", "fr"]
    assert {o.user_id for o in stack.tracker.opened} == {"alice"}


async def test_http_stream_subscriptions_follow_the_rules(stack_factory: StackFactory) -> None:
    async with stack_factory({"header_rules": RULES}) as stack:
        headers = {**stack.keys.bearer("alice"), "accept-language": "it", "x-tenant": "acme"}
        for accept in (SUBSCRIPTION_ACCEPT, EVENT_STREAM):
            stack.tracker.opened.clear()
            async with streaming(stack, accept, MESSAGE_ADDED, {"c": "c1"}, headers):
                await stack.tracker.wait_live("c1", 1)
                [opened] = stack.tracker.opened
                assert opened.user_id == "alice"
                assert opened.headers["accept-language"] == "it"
                assert opened.headers["x-source"] == "router"
            await stack.tracker.wait_live("c1", 0)


async def test_without_rules_an_upstream_gets_no_client_header(stack: Stack) -> None:
    headers = {**stack.keys.bearer("alice"), "accept-language": "it"}
    async with streaming(stack, EVENT_STREAM, MESSAGE_ADDED, {"c": "c1"}, headers) as response:
        await stack.tracker.wait_live("c1", 1)
        await stack.send("bob", "c1", "ciao")
        events = server_sent_events(response)
        event, _ = await anext(events)
        assert event == "next"
    [opened] = stack.tracker.opened
    assert "accept-language" not in opened.headers
    assert "accept-language" not in stack.tracker.entity_headers[-1]
