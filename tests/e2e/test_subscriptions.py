"""Real-time through the router: one socket, events resolved across subgraphs."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
import websockets

from common.testing.ws import acknowledged, bearer, receive
from tests.e2e.conftest import Client, NewClient, direct_conversation

MESSAGE_ADDED = """
subscription($c: ID!) { messageAdded(conversationId: $c) { text sender { displayName } } }
"""


async def test_a_chat_message_reaches_the_other_member_with_its_sender_resolved(
    lifegraph: str, new_client: NewClient
) -> None:
    ada, grace = new_client(), new_client()
    conversation = await direct_conversation(ada, grace)

    async with acknowledged(lifegraph, bearer(grace.token)) as socket:
        received = await _live(socket, ada, conversation, text="Hi Grace!")
        assert received == {
            "id": "1",
            "type": "next",
            "payload": {
                "data": {"messageAdded": {"text": "Hi Grace!", "sender": {"displayName": "Ada"}}}
            },
        }

        await socket.send(json.dumps({"id": "1", "type": "complete"}))
        await socket.send(json.dumps({"type": "ping"}))
        assert (await receive(socket))["type"] == "pong"


async def test_a_stranger_cannot_subscribe_to_a_conversation(
    lifegraph: str, new_client: NewClient
) -> None:
    ada, grace, eve = new_client(), new_client(), new_client()
    conversation = await direct_conversation(ada, grace)
    await eve.sign_up("Eve")
    async with acknowledged(lifegraph, bearer(eve.token)) as socket:
        variables = {"c": conversation}
        await socket.send(
            json.dumps(
                {
                    "id": "x",
                    "type": "subscribe",
                    "payload": {"query": MESSAGE_ADDED, "variables": variables},
                }
            )
        )
        refused = await receive(socket)
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"]["code"] == "FORBIDDEN"
        # The socket stays open for the client's other operations.
        await socket.send(json.dumps({"type": "ping"}))
        assert (await receive(socket))["type"] == "pong"


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


async def _live(
    socket: websockets.ClientConnection, ada: Client, conversation: str, *, text: str = "probe"
) -> dict[str, Any]:
    """Subscribe as operation "1"; send `text` until one arrives through it, and return it.

    The protocol has no "subscribed" acknowledgement: a message arriving is the proof.
    """
    await socket.send(
        json.dumps(
            {
                "id": "1",
                "type": "subscribe",
                "payload": {"query": MESSAGE_ADDED, "variables": {"c": conversation}},
            }
        )
    )
    send = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"
    for attempt in range(50):
        probe = {"conversationId": conversation, "text": text, "clientMessageId": f"p{attempt}"}
        await ada.ok(send, {"i": probe})
        try:
            async with asyncio.timeout(0.5):
                received: dict[str, Any] = json.loads(await socket.recv())
        except TimeoutError:
            continue
        if received["type"] == "next":
            return received
    raise AssertionError("the subscription never went live")


async def test_a_member_removed_from_a_group_stops_receiving(
    lifegraph: str, new_client: NewClient
) -> None:
    ada, grace, carol = new_client(), new_client(), new_client()
    await ada.sign_up("Ada")
    grace_id, carol_id = await grace.sign_up("Grace"), await carol.sign_up("Carol")
    created = await ada.ok_once_known(
        "mutation($i: CreateGroupConversationInput!) { createGroupConversation(input: $i) { id } }",
        {"i": {"title": "Book club", "memberIds": [grace_id, carol_id]}},
    )
    group = created["createGroupConversation"]["id"]
    async with acknowledged(lifegraph, bearer(carol.token)) as socket:
        await _live(socket, ada, group)

        await ada.ok(
            "mutation($i: RemoveGroupMemberInput!) { removeGroupMember(input: $i) { id } }",
            {"i": {"conversationId": group, "userId": carol_id}},
        )
        # Events already on their way may still arrive; then the stream ends.
        while (message := await receive(socket))["type"] == "next":
            pass
        assert message == {"id": "1", "type": "complete"}
