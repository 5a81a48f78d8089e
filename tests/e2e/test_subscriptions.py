"""Real-time through the router: one socket, events resolved across subgraphs."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import websockets

from tests.e2e.conftest import NewClient

MESSAGE_ADDED = """
subscription($c: ID!) { messageAdded(conversationId: $c) { text sender { displayName } } }
"""


async def _receive(socket: websockets.ClientConnection) -> dict[str, Any]:
    async with asyncio.timeout(15):
        message: dict[str, Any] = json.loads(await socket.recv())
        return message


async def test_a_chat_message_reaches_the_other_member_with_its_sender_resolved(
    lifegraph: str, new_client: NewClient
) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    grace_id = await grace.sign_up("Grace")
    started = await ada.ok(
        "mutation($i: StartDirectConversationInput!) { startDirectConversation(input: $i) { id } }",
        {"i": {"userId": grace_id}},
    )
    conversation = started["startDirectConversation"]["id"]

    url = lifegraph.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    ) as socket:
        await socket.send(
            json.dumps(
                {"type": "connection_init", "payload": {"Authorization": f"Bearer {grace.token}"}}
            )
        )
        assert (await _receive(socket))["type"] == "connection_ack"
        await socket.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": MESSAGE_ADDED, "variables": {"c": conversation}},
                }
            )
        )
        # A probe message whose arrival shows the subscription is live end to end.
        sent = {"conversationId": conversation, "text": "Hi Grace!", "clientMessageId": "m1"}
        send = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"
        received: dict[str, Any] = {}
        for attempt in range(50):
            await ada.ok(send, {"i": {**sent, "clientMessageId": f"m{attempt}"}})
            try:
                async with asyncio.timeout(0.5):
                    received = json.loads(await socket.recv())
                break
            except TimeoutError:
                continue
        assert received == {
            "id": "1",
            "type": "next",
            "payload": {
                "data": {"messageAdded": {"text": "Hi Grace!", "sender": {"displayName": "Ada"}}}
            },
        }

        await socket.send(json.dumps({"id": "1", "type": "complete"}))
        await socket.send(json.dumps({"type": "ping"}))
        assert (await _receive(socket))["type"] == "pong"


async def test_a_stranger_cannot_subscribe_to_a_conversation(
    lifegraph: str, new_client: NewClient
) -> None:
    ada, grace, eve = new_client(), new_client(), new_client()
    await ada.sign_up("Ada")
    grace_id = await grace.sign_up("Grace")
    await eve.sign_up("Eve")
    started = await ada.ok(
        "mutation($i: StartDirectConversationInput!) { startDirectConversation(input: $i) { id } }",
        {"i": {"userId": grace_id}},
    )
    url = lifegraph.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    ) as socket:
        await socket.send(
            json.dumps(
                {"type": "connection_init", "payload": {"Authorization": f"Bearer {eve.token}"}}
            )
        )
        assert (await _receive(socket))["type"] == "connection_ack"
        variables = {"c": started["startDirectConversation"]["id"]}
        await socket.send(
            json.dumps(
                {
                    "id": "x",
                    "type": "subscribe",
                    "payload": {"query": MESSAGE_ADDED, "variables": variables},
                }
            )
        )
        refused = await _receive(socket)
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"]["code"] == "FORBIDDEN"
        # The socket stays open for the client's other operations.
        await socket.send(json.dumps({"type": "ping"}))
        assert (await _receive(socket))["type"] == "pong"


async def test_a_bad_token_is_refused_at_connection_init(lifegraph: str) -> None:
    url = lifegraph.replace("http://", "ws://") + "/graphql"
    async with websockets.connect(
        url, subprotocols=[websockets.Subprotocol("graphql-transport-ws")]
    ) as socket:
        await socket.send(
            json.dumps(
                {"type": "connection_init", "payload": {"Authorization": "Bearer e30.e30.e30"}}
            )
        )
        with pytest.raises(websockets.ConnectionClosed) as closed:
            async with asyncio.timeout(15):
                await socket.recv()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
