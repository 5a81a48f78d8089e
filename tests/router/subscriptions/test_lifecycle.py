"""Subscribe → events with other subgraphs' fields → complete, through the router."""

from __future__ import annotations

from tests.router.subscriptions.conftest import Stack, StackFactory

MESSAGE_ADDED = """
subscription OnMessage($c: ID!) {
  messageAdded(conversationId: $c) { text sender { displayName avatarUrl } }
}
"""


async def test_events_carry_entity_fields_from_another_subgraph(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe("s1", MESSAGE_ADDED, {"c": "c1"})
        await stack.tracker.wait_live("c1", 1)

        await stack.send("bob", "c1", "hi alice")
        event = await client.receive()
        assert event == {
            "id": "s1",
            "type": "next",
            "payload": {
                "data": {
                    "messageAdded": {
                        "text": "hi alice",
                        "sender": {"displayName": "Bob", "avatarUrl": "https://img.test/bob.png"},
                    }
                }
            },
        }
        assert stack.tracker.entity_batches == [["bob"]]

        await stack.send("alice", "c1", "hello bob")
        second = await client.receive()
        assert second["payload"]["data"]["messageAdded"]["sender"]["displayName"] == "Alice"
        assert stack.tracker.entity_batches == [["bob"], ["alice"]]

        await client.complete("s1")
        await stack.tracker.wait_live("c1", 0)


async def test_every_entity_of_an_event_comes_from_one_batched_call(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe(
            "s1",
            'subscription { messageAdded(conversationId: "c1") { text mentions { displayName } } }',
        )
        await stack.tracker.wait_live("c1", 1)
        await stack.send("bob", "c1", "team", mentions=("alice", "carol", "dave"))
        event = await client.receive()
        mentions = event["payload"]["data"]["messageAdded"]["mentions"]
        assert [m["displayName"] for m in mentions] == ["Alice", "Carol", "Dave"]
        assert stack.tracker.entity_batches == [["alice", "carol", "dave"]]


async def test_the_subgraph_sees_the_clients_identity_and_request_id(stack: Stack) -> None:
    async with stack.client(additional_headers={"X-Request-ID": "sock-42"}) as client:
        await client.init(stack.keys.bearer("bob"))
        await client.subscribe("s1", MESSAGE_ADDED, {"c": "c1"})
        await stack.tracker.wait_live("c1", 1)
    (opened,) = stack.tracker.opened
    assert (opened.user_id, opened.request_id) == ("bob", "sock-42")


async def test_many_subscriptions_share_one_socket(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe("a", MESSAGE_ADDED, {"c": "c1"})
        await client.subscribe("b", MESSAGE_ADDED, {"c": "c2"})
        await stack.tracker.wait_live("c1", 1)
        await stack.tracker.wait_live("c2", 1)
        await stack.send("alice", "c2", "to two")
        await stack.send("alice", "c1", "to one")
        first, second = await client.receive(), await client.receive()
        assert (first["id"], first["payload"]["data"]["messageAdded"]["text"]) == ("b", "to two")
        assert (second["id"], second["payload"]["data"]["messageAdded"]["text"]) == ("a", "to one")

        await client.complete("b")
        await stack.tracker.wait_live("c2", 0)
        await stack.send("alice", "c2", "nobody listens")
        await stack.send("alice", "c1", "still here")
        third = await client.receive()
        assert (third["id"], third["payload"]["data"]["messageAdded"]["text"]) == (
            "a",
            "still here",
        )


async def test_queries_and_mutations_over_the_socket_give_one_result(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe("q", '{ person(id: "carol") { displayName } }')
        assert await client.receive() == {
            "id": "q",
            "type": "next",
            "payload": {"data": {"person": {"displayName": "Carol"}}},
        }
        assert await client.receive() == {"id": "q", "type": "complete"}

        await client.subscribe(
            "m",
            'mutation { sendMessage(input: {conversationId: "c2", text: "x"}) '
            "{ text sender { displayName } } }",
        )
        result = await client.receive()
        assert result["payload"] == {
            "data": {"sendMessage": {"text": "x", "sender": {"displayName": "Alice"}}}
        }
        assert await client.receive() == {"id": "m", "type": "complete"}


async def test_client_disconnect_ends_the_upstream_subscription(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe("a", MESSAGE_ADDED, {"c": "c1"})
        await client.subscribe("b", MESSAGE_ADDED, {"c": "c2"})
        await stack.tracker.wait_live("c1", 1)
        await stack.tracker.wait_live("c2", 1)
    await stack.tracker.wait_live("c1", 0)
    await stack.tracker.wait_live("c2", 0)


async def test_public_entity_fields_are_resolved_once_for_all_subscribers(
    stack_factory: StackFactory,
) -> None:
    async with stack_factory(shared_entity_subgraphs=frozenset({"people"})) as stack:
        async with stack.client() as alice, stack.client() as bob:
            await alice.init(stack.keys.bearer("alice"))
            await bob.init(stack.keys.bearer("bob"))
            await alice.subscribe("a", MESSAGE_ADDED, {"c": "c1"})
            await bob.subscribe("b", MESSAGE_ADDED, {"c": "c1"})
            await stack.tracker.wait_live("c1", 2)
            await stack.send("alice", "c1", "for everyone")
            to_alice, to_bob = await alice.receive(), await bob.receive()
        assert to_alice["payload"] == to_bob["payload"]
        assert to_alice["payload"]["data"]["messageAdded"]["sender"]["displayName"] == "Alice"
        # One _entities call, made without either subscriber's credentials.
        assert stack.tracker.entity_batches == [["alice"]]
        assert stack.tracker.entity_callers == [None]
