"""One event, many subscribers: shared only where credentials allow, bounded concurrency."""

from __future__ import annotations

import asyncio
import functools

from router.subscriptions.shared import SharedResolutions, credentials_of
from tests.router.subscriptions.conftest import Stack

MESSAGE_ADDED = """
subscription OnMessage($c: ID!) {
  messageAdded(conversationId: $c) { text sender { displayName } }
}
"""


async def test_sockets_with_the_same_credentials_share_one_entity_fetch(stack: Stack) -> None:
    alice, bob = stack.keys.bearer("alice"), stack.keys.bearer("bob")
    async with (
        stack.client() as tab1,
        stack.client() as tab2,
        stack.client() as phone,
        stack.client() as other,
    ):
        for client, auth in ((tab1, alice), (tab2, alice), (phone, alice), (other, bob)):
            await client.init(auth)
            await client.subscribe("s", MESSAGE_ADDED, {"c": "c1"})
        # alice's three sockets share one upstream subscription (see test_dedupe.py)
        await stack.tracker.wait_live("c1", 2)
        await stack.send("bob", "c1", "once per caller")
        received = [await c.receive() for c in (tab1, tab2, phone, other)]
    assert {r["payload"]["data"]["messageAdded"]["sender"]["displayName"] for r in received} == {
        "Bob"
    }
    # alice's three sockets: one call with her credentials; bob's socket: its own call
    assert stack.tracker.entity_batches == [["bob"], ["bob"]]
    assert sorted(c or "" for c in stack.tracker.entity_callers) == sorted(
        [alice["Authorization"], bob["Authorization"]]
    )


async def test_the_same_user_with_different_operations_is_not_shared(stack: Stack) -> None:
    alice = stack.keys.bearer("alice")
    async with stack.client() as first, stack.client() as second:
        await first.init(alice)
        await second.init(alice)
        await first.subscribe("s", MESSAGE_ADDED, {"c": "c1"})
        await second.subscribe(
            "s",
            'subscription { messageAdded(conversationId: "c1") { sender { avatarUrl } } }',
        )
        await stack.tracker.wait_live("c1", 2)
        await stack.send("bob", "c1", "two shapes")
        one, two = await first.receive(), await second.receive()
    assert one["payload"]["data"]["messageAdded"]["sender"] == {"displayName": "Bob"}
    assert two["payload"]["data"]["messageAdded"] == {
        "sender": {"avatarUrl": "https://img.test/bob.png"}
    }
    assert len(stack.tracker.entity_batches) == 2


def test_credentials_ignore_per_socket_headers() -> None:
    one = credentials_of({"x-request-id": "a", "authorization": "Bearer t", "traceparent": "x"})
    two = credentials_of({"x-request-id": "b", "authorization": "Bearer t"})
    assert one == two == (("authorization", "Bearer t"),)
    assert credentials_of({"authorization": "Bearer u"}) != one
    assert credentials_of({"x-request-id": "c"}) == ()  # anonymous sockets share


async def test_resolutions_in_flight_are_capped_and_served_in_order() -> None:
    shared = SharedResolutions(max_concurrent=2)
    release, both_started = asyncio.Event(), asyncio.Event()
    running: list[int] = []
    started: list[int] = []
    peak = 0

    async def work(n: int) -> str:
        nonlocal peak
        running.append(n)
        started.append(n)
        peak = max(peak, len(running))
        if len(started) == 2:
            both_started.set()
        await release.wait()
        running.remove(n)
        return str(n)

    people = frozenset({"people"})
    tasks = [
        asyncio.create_task(shared.bounded(people, functools.partial(work, n))) for n in range(6)
    ]
    async with asyncio.timeout(5):
        await both_started.wait()
    assert started == [0, 1]  # the other four wait for a slot

    # plans fetching from other subgraphs have their own slots: a stuck subgraph
    # does not hold up events that never touch it
    async def elsewhere() -> str:
        return "x"

    assert await shared.bounded(frozenset({"goals"}), elsewhere) == "x"
    release.set()
    async with asyncio.timeout(5):
        assert await asyncio.gather(*tasks) == [str(n) for n in range(6)]
    assert peak == 2
    assert started == list(range(6))
