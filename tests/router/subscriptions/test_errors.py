"""Failures stay scoped to one operation; a lost subgraph ends its operations clearly."""

from __future__ import annotations

from tests.router.subscriptions.conftest import Stack

ON = "subscription($c: ID!) { messageAdded(conversationId: $c) { text sender { displayName } } }"


async def test_a_forbidden_subscription_fails_alone(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe("ok", ON, {"c": "c1"})
        await stack.tracker.wait_live("c1", 1)
        await client.subscribe("no", ON, {"c": "secret"})
        assert await client.receive() == {
            "id": "no",
            "type": "error",
            "payload": [
                {
                    "message": "You are not a member of this conversation.",
                    "extensions": {"code": "FORBIDDEN", "serviceName": "messages"},
                }
            ],
        }
        await stack.send("bob", "c1", "still works")
        event = await client.receive()
        assert event["id"] == "ok"
        assert event["payload"]["data"]["messageAdded"] == {
            "text": "still works",
            "sender": {"displayName": "Bob"},
        }
        # The failed id is released: reusing it is not a duplicate.
        await client.subscribe("no", ON, {"c": "c2"})
        await stack.tracker.wait_live("c2", 1)


async def test_validation_errors_fail_only_that_operation(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe("ok", ON, {"c": "c1"})
        await stack.tracker.wait_live("c1", 1)

        await client.subscribe(
            "bad", 'subscription { messageAdded(conversationId: "c1") { nope } }'
        )
        error = await client.receive()
        assert error["id"] == "bad"
        assert error["type"] == "error"
        assert error["payload"][0]["message"] == "Cannot query field 'nope' on type 'Message'."
        assert error["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"

        await client.subscribe("novar", ON)
        error = await client.receive()
        assert (error["id"], error["type"]) == ("novar", "error")
        assert "$c" in error["payload"][0]["message"]

        await client.subscribe("syntax", "subscription {")
        error = await client.receive()
        assert (error["id"], error["type"]) == ("syntax", "error")
        assert error["payload"][0]["message"].startswith("Syntax Error")

        await stack.send("bob", "c1", "unaffected")
        event = await client.receive()
        assert (event["id"], event["type"]) == ("ok", "next")


async def test_a_dropped_subgraph_ends_its_operations_with_an_error(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe("a", ON, {"c": "c1"})
        await client.subscribe("b", ON, {"c": "c2"})
        await stack.tracker.wait_live("c1", 1)
        await stack.tracker.wait_live("c2", 1)

        await stack.stop_messages()

        errors = {}
        for _ in range(2):
            message = await client.receive()
            assert message["type"] == "error"
            errors[message["id"]] = message["payload"]
        assert errors == {
            op: [
                {
                    "message": 'Subgraph "messages" closed the subscription',
                    "extensions": {"code": "SUBGRAPH_UNAVAILABLE", "serviceName": "messages"},
                }
            ]
            for op in ("a", "b")
        }
        # The socket stays up: other work goes on, new subscriptions fail cleanly.
        await client.subscribe("q", '{ person(id: "bob") { displayName } }')
        assert (await client.receive())["payload"] == {"data": {"person": {"displayName": "Bob"}}}
        assert await client.receive() == {"id": "q", "type": "complete"}
        await client.subscribe("a", ON, {"c": "c1"})
        retry = await client.receive()
        assert (retry["id"], retry["type"]) == ("a", "error")
        assert retry["payload"][0]["extensions"]["code"] == "SUBGRAPH_UNAVAILABLE"
