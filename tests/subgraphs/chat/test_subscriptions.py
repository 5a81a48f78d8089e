"""Subscriptions over graphql-transport-ws against the served subgraph, fanned out through Redis."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.chat.app import subgraph

from .support import MESSAGE_ADDED, MESSAGE_UPDATED, TYPING, Api, Socket, open_socket

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

ApiFor = Callable[[str], Api]
_probes = itertools.count()

CONVERSATION_UPDATED = """subscription { conversationUpdated {
  conversationId reason conversation { id unreadCount } } }"""
EDIT = (
    """mutation($id: ID!, $t: String!) { editMessage(input: {messageId: $id, text: $t}) { id } }"""
)
REMOVE = """mutation($c: ID!, $u: ID!) {
  removeGroupMember(input: {conversationId: $c, userId: $u}) { id }
}"""


def text_is(text: str) -> Callable[[dict[str, Any]], bool]:
    return lambda data: next(iter(data.values()))["text"] == text


async def live_messages(socket: Socket, sender: Api, conversation: str) -> str:
    """Subscribe to messageAdded and wait until a probe message from `sender` comes through."""
    op = await socket.subscribe(MESSAGE_ADDED, c=conversation)

    async def probe() -> None:
        await sender.send(conversation, "probe", clientMessageId=f"probe-{next(_probes)}")

    await socket.until_live(op, probe)
    return op


async def test_subscribe_receive_complete(api: ApiFor, chat_url: str, test_keys: TestKeys) -> None:
    alice = api("alice")
    conversation = await alice.direct("bob")
    async with open_socket(chat_url, test_keys.token("bob")) as socket:
        op = await live_messages(socket, alice, conversation)
        await alice.send(conversation, "hello bob")
        data = await socket.next_data(op, text_is("hello bob"))
        assert data["messageAdded"]["sender"] == {"id": "alice"}
        assert data["messageAdded"]["conversationId"] == conversation

        await socket.complete(op)
        # The same socket carries on: a new subscription works after the old one completed.
        again = await live_messages(socket, alice, conversation)
        await alice.send(conversation, "still there?")
        await socket.next_data(again, text_is("still there?"))


async def test_non_members_are_refused_and_the_socket_stays_usable(
    api: ApiFor, chat_url: str, test_keys: TestKeys
) -> None:
    alice = api("alice")
    private = await alice.direct("bob")
    own = await alice.direct("mallory")
    async with open_socket(chat_url, test_keys.token("mallory")) as socket:
        for query in (MESSAGE_ADDED, MESSAGE_UPDATED, TYPING):
            refused = await socket.subscribe(query, c=private)
            error = await socket.receive(refused)
            assert error["type"] == "error"
            assert error["payload"][0]["extensions"]["code"] == "FORBIDDEN"
        missing = await socket.subscribe(MESSAGE_ADDED, c="000000000000000000000000")
        assert (await socket.receive(missing))["payload"][0]["extensions"]["code"] == "NOT_FOUND"

        op = await live_messages(socket, alice, own)
        await alice.send(own, "for mallory")
        await socket.next_data(op, text_is("for mallory"))


async def test_connections_without_a_valid_token_are_rejected(chat_url: str) -> None:
    ws_url = chat_url.replace("http", "ws", 1) + "/graphql"
    async with connect(ws_url, subprotocols=["graphql-transport-ws"]) as ws:  # type: ignore[list-item]
        await ws.send('{"type": "connection_init", "payload": {"Authorization": "Bearer bad"}}')
        with pytest.raises(ConnectionClosed) as closed:
            await ws.recv()
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403


async def test_a_removed_member_stops_receiving(
    api: ApiFor, chat_url: str, test_keys: TestKeys
) -> None:
    alice = api("alice")
    group = await alice.group("Book club", ["bob", "carol"])
    async with open_socket(chat_url, test_keys.token("carol")) as socket:
        messages = await live_messages(socket, alice, group)
        typing = await socket.subscribe(TYPING, c=group)
        await socket.until_live(typing, lambda: alice.typing(group))

        await alice.data(REMOVE, c=group, u="carol")
        assert await _completion(socket, messages) == {"id": messages, "type": "complete"}
        assert await _completion(socket, typing) == {"id": typing, "type": "complete"}
        refused = await socket.subscribe(MESSAGE_ADDED, c=group)
        assert (await socket.receive(refused))["payload"][0]["extensions"]["code"] == "FORBIDDEN"


async def _completion(socket: Socket, op: str) -> dict[str, Any]:
    """The operation's final message, past any events that were already on their way."""
    while True:
        message = await socket.receive(op)
        if message["type"] != "next":
            return message


async def test_typing_reaches_other_members(
    api: ApiFor, chat_url: str, test_keys: TestKeys
) -> None:
    alice = api("alice")
    conversation = await alice.direct("bob")
    async with open_socket(chat_url, test_keys.token("bob")) as socket:
        op = await socket.subscribe(TYPING, c=conversation)
        await socket.until_live(op, lambda: alice.typing(conversation))
        await alice.typing(conversation, is_typing=False)
        stopped = await socket.next_data(op, lambda d: d["typing"]["isTyping"] is False)
        assert stopped["typing"] == {
            "conversationId": conversation,
            "isTyping": False,
            "user": {"id": "alice"},
        }
    history = await alice.data(
        "query($c: ID!) { messages(conversationId: $c) { edges { cursor } } }", c=conversation
    )
    assert history["messages"]["edges"] == []  # typing is never stored


async def test_read_receipts_reach_the_other_members_live(
    api: ApiFor, chat_url: str, test_keys: TestKeys
) -> None:
    alice, bob = api("alice"), api("bob")
    conversation = await alice.direct("bob")
    read_up_to = """mutation($c: ID!, $m: ID!) {
      markConversationRead(input: {conversationId: $c, messageId: $m}) { id }
    }"""
    receipts = """subscription($c: ID!) {
      readReceiptUpdated(conversationId: $c) { user { id } lastReadMessageId readAt }
    }"""
    async with open_socket(chat_url, test_keys.token("alice")) as socket:
        op = await socket.subscribe(receipts, c=conversation)

        async def bob_reads_a_new_message() -> None:
            sent = await alice.send(conversation, "probe", clientMessageId=f"probe-{next(_probes)}")
            await bob.data(read_up_to, c=conversation, m=sent["id"])

        await socket.until_live(op, bob_reads_a_new_message)
        # Alice's own read is not a receipt for her; Bob's next one is.
        mine = await alice.send(conversation, "run tomorrow?")
        await alice.data(read_up_to, c=conversation, m=mine["id"])
        await bob.data(read_up_to, c=conversation, m=mine["id"])
        data = await socket.next_data(
            op, lambda d: d["readReceiptUpdated"]["lastReadMessageId"] == mine["id"]
        )
        assert data["readReceiptUpdated"]["user"] == {"id": "bob"}
        assert data["readReceiptUpdated"]["readAt"] is not None
    stored = await alice.data(
        """query($c: ID!) {
          conversation(id: $c) { readReceipts { user { id } lastReadMessageId } }
        }""",
        c=conversation,
    )
    assert {"user": {"id": "bob"}, "lastReadMessageId": mine["id"]} in stored["conversation"][
        "readReceipts"
    ]


async def test_edits_and_deletes_are_streamed(
    api: ApiFor, chat_url: str, test_keys: TestKeys
) -> None:
    alice = api("alice")
    conversation = await alice.direct("bob")
    message = await alice.send(conversation, "first draft")
    async with open_socket(chat_url, test_keys.token("bob")) as socket:
        op = await socket.subscribe(MESSAGE_UPDATED, c=conversation)
        drafts = itertools.count()

        async def edit() -> None:
            await alice.data(EDIT, id=message["id"], t=f"draft {next(drafts)}")

        await socket.until_live(op, edit)
        await alice.data(EDIT, id=message["id"], t="final")
        data = await socket.next_data(op, text_is("final"))
        assert data["messageUpdated"]["editedAt"] is not None
        await alice.data(
            "mutation($id: ID!) { deleteMessage(input: {messageId: $id}) { id } }", id=message["id"]
        )
        deleted = await socket.next_data(op, lambda d: d["messageUpdated"]["isDeleted"])
        assert deleted["messageUpdated"]["text"] == ""


async def test_conversation_updates_reach_each_member(
    api: ApiFor, chat_url: str, test_keys: TestKeys
) -> None:
    alice = api("alice")
    conversation = await alice.direct("bob")
    async with open_socket(chat_url, test_keys.token("bob")) as socket:
        op = await socket.subscribe(CONVERSATION_UPDATED)

        async def probe() -> None:
            await alice.send(conversation, "probe", clientMessageId=f"probe-{next(_probes)}")

        await socket.until_live(op, probe)
        await api("bob").data(
            "mutation($c: ID!) { markConversationRead(input: {conversationId: $c}) { id } }",
            c=conversation,
        )
        read = await socket.next_data(op, lambda d: d["conversationUpdated"]["reason"] == "READ")
        assert read["conversationUpdated"]["conversation"] == {"id": conversation, "unreadCount": 0}
        await alice.send(conversation, "news")
        news = await socket.next_data(
            op, lambda d: d["conversationUpdated"]["conversation"]["unreadCount"] == 1
        )
        assert news["conversationUpdated"]["reason"] == "MESSAGE"


async def test_a_message_sent_on_one_instance_reaches_a_subscriber_on_another(
    serve_subgraph: ServeSubgraph, test_keys: TestKeys, known_users: tuple[str, ...]
) -> None:
    async with serve_subgraph(subgraph) as url_a, serve_subgraph(subgraph) as url_b:
        assert url_a != url_b
        # beanie binds models to the last-started instance's client, and a transaction's
        # session must come from that client: in one process only the last one writes.
        alice = Api(url_b, test_keys, "alice")
        conversation = await alice.direct("bob")
        async with open_socket(url_a, test_keys.token("bob")) as socket:
            op = await live_messages(socket, alice, conversation)
            await alice.send(conversation, "across replicas")
            data = await socket.next_data(op, text_is("across replicas"))
            assert data["messageAdded"]["sender"] == {"id": "alice"}
