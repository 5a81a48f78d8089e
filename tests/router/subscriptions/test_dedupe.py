"""One upstream subscription for client operations that would receive the same events."""

from __future__ import annotations

from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from common.auth import Role
from common.testing.waiting import eventually
from tests.router.subscriptions.conftest import Stack, StackFactory
from tests.router.subscriptions.wsclient import WsClient

ON = "subscription($c: ID!) { messageAdded(conversationId: $c) { text } }"


async def subscribed(clients: list[tuple[WsClient, dict[str, str]]], op: str = "s") -> None:
    for client, auth in clients:
        await client.init(auth)
        await client.subscribe(op, ON, {"c": "c1"})


async def texts(clients: list[WsClient]) -> list[Any]:
    received = [await c.receive() for c in clients]
    return [m["payload"]["data"]["messageAdded"]["text"] for m in received]


async def everyone_live(stack: Stack, clients: list[WsClient], upstreams: int) -> None:
    """Every client receives from now on: the subscriptions carry no "subscribed" signal."""
    await stack.tracker.wait_live("c1", upstreams)
    await stack.send("bob", "c1", "warm-up")
    assert await texts(clients) == ["warm-up"] * len(clients)


async def test_sockets_with_the_same_credentials_share_one_upstream(stack: Stack) -> None:
    alice, bob = stack.keys.bearer("alice"), stack.keys.bearer("bob")
    async with stack.client() as tab1, stack.client() as tab2, stack.client() as other:
        await subscribed([(tab1, alice), (tab2, alice), (other, bob)])
        await everyone_live(stack, [tab1, tab2, other], upstreams=2)
        assert sorted(o.user_id for o in stack.tracker.opened) == ["alice", "bob"]

        # One tab leaving keeps the shared upstream for the other.
        await tab1.complete("s")
        await stack.send("bob", "c1", "still here")
        assert await texts([tab2, other]) == ["still here", "still here"]
        assert stack.tracker.live["c1"] == 2

        # The last one leaving ends it.
        await tab2.complete("s")
        await stack.tracker.wait_live("c1", 1)


async def test_a_socket_leaving_ends_the_shared_upstream_only_when_it_was_the_last(
    stack: Stack,
) -> None:
    alice = stack.keys.bearer("alice")
    async with stack.client() as staying:
        async with stack.client() as leaving:
            await subscribed([(staying, alice), (leaving, alice)])
            await everyone_live(stack, [staying, leaving], upstreams=1)
        # `leaving` disconnected without completing.
        await stack.send("bob", "c1", "after the disconnect")
        assert await texts([staying]) == ["after the disconnect"]
    await stack.tracker.wait_live("c1", 0)


async def test_an_upstream_that_drops_ends_every_operation_sharing_it(stack: Stack) -> None:
    alice = stack.keys.bearer("alice")
    async with stack.client() as one, stack.client() as two:
        await subscribed([(one, alice), (two, alice)])
        await everyone_live(stack, [one, two], upstreams=1)
        await stack.stop_messages()
        for client in (one, two):
            message = await client.receive()
            assert (message["id"], message["type"]) == ("s", "error")
            assert message["payload"][0]["extensions"]["code"] == "SUBGRAPH_UNAVAILABLE"


async def test_a_new_subscriber_after_the_shared_upstream_ended_gets_a_fresh_one(
    stack: Stack,
) -> None:
    alice = stack.keys.bearer("alice")
    async with stack.client() as first, stack.client() as later:
        await subscribed([(first, alice)])
        await everyone_live(stack, [first], upstreams=1)
        await first.complete("s")
        await stack.tracker.wait_live("c1", 0)
        await subscribed([(later, alice)])
        await everyone_live(stack, [later], upstreams=1)
    assert len(stack.tracker.opened) == 2


async def test_without_deduplication_every_operation_has_its_own_upstream(
    stack_factory: StackFactory,
) -> None:
    async with stack_factory(deduplicate_upstream=False) as stack:
        alice = stack.keys.bearer("alice")
        async with stack.client() as tab1, stack.client() as tab2:
            await subscribed([(tab1, alice), (tab2, alice)])
            await everyone_live(stack, [tab1, tab2], upstreams=2)


async def test_one_users_devices_share_an_upstream_though_their_tokens_differ(
    stack: Stack,
) -> None:
    phone = stack.keys.bearer("alice", jti="phone")
    laptop = stack.keys.bearer("alice", jti="laptop")
    assert phone != laptop
    admin = stack.keys.bearer("alice", jti="admin", roles=[Role.USER, Role.ADMIN])
    async with stack.client() as one, stack.client() as two, stack.client() as three:
        await subscribed([(one, phone), (two, laptop), (three, admin)])
        # Other roles may be answered differently: the admin token gets its own.
        await everyone_live(stack, [one, two, three], upstreams=2)
        assert len(stack.tracker.opened) == 2
        # The device that started the shared upstream leaving keeps it for the other.
        await one.complete("s")
        await stack.send("bob", "c1", "to the laptop")
        assert await texts([two, three]) == ["to the laptop", "to the laptop"]


async def _attached(stack: Stack) -> float:
    async with httpx.AsyncClient() as http:
        text = (await http.get(f"{stack.router_url}/metrics")).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        if family.name == "lifegraph_router_subscriptions"
        for sample in family.samples
        if sample.labels["subgraph"] == "messages"
    )


async def test_the_router_counts_every_client_operation_its_upstreams_feed(stack: Stack) -> None:
    alice, bob = stack.keys.bearer("alice"), stack.keys.bearer("bob")
    async with stack.client() as tab1, stack.client() as tab2, stack.client() as other:
        await subscribed([(tab1, alice), (tab2, alice), (other, bob)])
        await everyone_live(stack, [tab1, tab2, other], upstreams=2)
        # Two upstream operations, three clients receiving from them.
        assert await _attached(stack) == 3
        await tab1.complete("s")
        await stack.send("bob", "c1", "still here")
        assert await texts([tab2, other]) == ["still here", "still here"]
        assert await _attached(stack) == 2
    await stack.tracker.wait_live("c1", 0)
    await eventually(lambda: _attached(stack), lambda n: n == 0)
