"""Sending, idempotency, editing, paging and read state over HTTP."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Callable
from typing import Any

import pytest

from subgraphs.chat.domain import cursors

from .support import HISTORY, Api, texts

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

ApiFor = Callable[[str], Api]

EDIT = """mutation($id: ID!, $t: String!) {
  editMessage(input: {messageId: $id, text: $t}) { text editedAt }
}"""
DELETE = """mutation($id: ID!) {
  deleteMessage(input: {messageId: $id}) { text isDeleted deletedAt attachment { url } }
}"""
MARK_READ = """mutation($c: ID!, $m: ID) {
  markConversationRead(input: {conversationId: $c, messageId: $m}) { id unreadCount }
}"""
MY_CONVERSATIONS = """query($u: _Any!) {
  _entities(representations: [$u]) {
    ... on User {
      unreadTotal
      conversations(first: 10) {
        edges { node { id kind unreadCount lastMessage { text }
          readReceipts { user { id } lastReadMessageId } } }
      }
    }
  }
}"""


async def test_retries_with_a_client_id_return_the_original_message(api: ApiFor) -> None:
    alice = api("alice")
    conversation = await alice.direct("bob")
    sends = [alice.send(conversation, "hello", clientMessageId="c-1") for _ in range(8)]
    results = await asyncio.gather(*sends)
    assert len({r["id"] for r in results}) == 1
    later = await alice.send(conversation, "hello again?", clientMessageId="c-1")
    assert later["id"] == results[0]["id"]
    assert later["text"] == "hello"
    history = await alice.data(HISTORY, c=conversation, first=10)
    assert texts(history["messages"]) == ["hello"]
    # Another client id is another message.
    await alice.send(conversation, "second", clientMessageId="c-2")
    history = await alice.data(HISTORY, c=conversation, first=10)
    assert texts(history["messages"]) == ["second", "hello"]


async def test_messages_are_validated(api: ApiFor) -> None:
    alice = api("alice")
    conversation = await alice.direct("bob")
    send = "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }"

    async def error(**fields: Any) -> dict[str, Any]:
        body = await alice.call(send, input={"conversationId": conversation, **fields})
        extensions: dict[str, Any] = body["errors"][0]["extensions"]
        return extensions

    assert (await error(text="   "))["field"] == "text"
    assert (await error(text="x" * 4001))["field"] == "text"
    assert (await error(text="hi", clientMessageId="has space"))["field"] == "clientMessageId"
    bad_url = {"url": "javascript:alert(1)", "mimeType": "image/png", "sizeBytes": 10}
    assert (await error(attachment=bad_url)) == {
        "code": "BAD_USER_INPUT",
        "field": "attachment.url",
    }
    too_big = {"url": "https://cdn.example/a.png", "mimeType": "image/png", "sizeBytes": 10**9}
    assert (await error(attachment=too_big))["field"] == "attachment.sizeBytes"
    bad_mime = {"url": "https://cdn.example/a.png", "mimeType": "png", "sizeBytes": 10}
    assert (await error(attachment=bad_mime))["field"] == "attachment.mimeType"

    photo = {"url": "https://cdn.example/a.png", "mimeType": "Image/PNG", "sizeBytes": 2048}
    sent = await alice.send(conversation, "", attachment=photo)
    assert sent["attachment"] == {
        "url": "https://cdn.example/a.png",
        "mimeType": "image/png",
        "sizeBytes": 2048,
        "name": None,
    }
    assert sent["author"] == "USER"
    assert sent["sender"] == {"id": "alice"}
    assert (
        await api("mallory").error_code(send, input={"conversationId": conversation, "text": "hi"})
        == "FORBIDDEN"
    )


async def test_only_the_author_edits_and_deletes(api: ApiFor) -> None:
    alice, bob = api("alice"), api("bob")
    conversation = await alice.direct("bob")
    photo = {"url": "https://cdn.example/a.png", "mimeType": "image/png", "sizeBytes": 20}
    message = await alice.send(conversation, "helo", attachment=photo)

    assert await bob.error_code(EDIT, id=message["id"], t="hacked") == "FORBIDDEN"
    assert await bob.error_code(DELETE, id=message["id"]) == "FORBIDDEN"
    assert await api("mallory").error_code(EDIT, id=message["id"], t="x") == "FORBIDDEN"

    edited = (await alice.data(EDIT, id=message["id"], t="hello"))["editMessage"]
    assert edited["text"] == "hello"
    assert edited["editedAt"] is not None

    deleted = (await alice.data(DELETE, id=message["id"]))["deleteMessage"]
    assert deleted["isDeleted"] is True
    assert deleted["text"] == ""
    assert deleted["attachment"] is None
    # Deleting twice is harmless; editing a tombstone is a conflict.
    assert (await alice.data(DELETE, id=message["id"]))["deleteMessage"]["deletedAt"] == deleted[
        "deletedAt"
    ]
    assert await alice.error_code(EDIT, id=message["id"], t="back") == "CONFLICT"
    history = await bob.data(HISTORY, c=conversation, first=5)
    assert history["messages"]["edges"][0]["node"]["isDeleted"] is True


async def test_history_pages_backwards_and_catches_up_after_reconnect(api: ApiFor) -> None:
    alice, bob = api("alice"), api("bob")
    conversation = await alice.direct("bob")
    for i in range(12):
        await alice.send(conversation, f"m{i}")

    newest = (await bob.data(HISTORY, c=conversation, first=5))["messages"]
    assert texts(newest) == ["m11", "m10", "m9", "m8", "m7"]
    assert newest["pageInfo"]["hasNextPage"] is True
    newest_cursor = newest["edges"][0]["cursor"]

    # Messages arriving while the client pages back do not shift older pages.
    await alice.send(conversation, "m12")
    older = (
        await bob.data(HISTORY, c=conversation, first=5, before=newest["pageInfo"]["endCursor"])
    )["messages"]
    assert texts(older) == ["m6", "m5", "m4", "m3", "m2"]
    oldest = (
        await bob.data(HISTORY, c=conversation, first=5, before=older["pageInfo"]["endCursor"])
    )["messages"]
    assert texts(oldest) == ["m1", "m0"]
    assert oldest["pageInfo"]["hasNextPage"] is False

    # Offline: more arrives. On reconnect the client asks for what came after its newest message.
    await bob.send(conversation, "m13")
    latest = await alice.send(conversation, "m14")
    caught_up = (await bob.data(HISTORY, c=conversation, first=2, after=newest_cursor))["messages"]
    assert texts(caught_up) == ["m12", "m13"]
    rest = (
        await bob.data(HISTORY, c=conversation, first=2, after=caught_up["pageInfo"]["endCursor"])
    )["messages"]
    assert texts(rest) == ["m14"]
    assert rest["edges"][0]["cursor"] == latest["cursor"]
    nothing = (await bob.data(HISTORY, c=conversation, first=2, after=latest["cursor"]))["messages"]
    assert nothing["edges"] == []

    both = await bob.call(
        HISTORY, c=conversation, first=2, after=newest_cursor, before=newest_cursor
    )
    assert both["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert (
        await bob.error_code(HISTORY, c=conversation, first=2, before="garbage") == "BAD_USER_INPUT"
    )


async def test_read_receipts_and_unread_counts(api: ApiFor) -> None:
    alice, bob = api("alice"), api("bob")
    direct = await alice.direct("bob")
    group = await alice.group("Family", ["bob", "carol"])
    sent = [await alice.send(direct, f"d{i}") for i in range(3)]
    await alice.send(group, "g0")
    deleted = await alice.send(group, "oops")
    await alice.data(DELETE, id=deleted["id"])
    await api("carol").send(group, "g1")

    async def view(user: Api) -> dict[str, Any]:
        data = await user.data(MY_CONVERSATIONS, u={"__typename": "User", "id": user.user})
        entity: dict[str, Any] = data["_entities"][0]
        return entity

    bob_view = await view(bob)
    assert bob_view["unreadTotal"] == 5
    unread = {e["node"]["id"]: e["node"]["unreadCount"] for e in bob_view["conversations"]["edges"]}
    assert unread == {direct: 3, group: 2}
    # Most recently active first.
    assert bob_view["conversations"]["edges"][0]["node"]["id"] == group
    assert (await view(alice))["unreadTotal"] == 1  # carol's message; her own never count

    marked = await bob.data(MARK_READ, c=direct, m=sent[1]["id"])
    assert marked["markConversationRead"]["unreadCount"] == 1
    # Read positions only move forward.
    await bob.data(MARK_READ, c=direct, m=sent[0]["id"])
    assert (await view(bob))["unreadTotal"] == 3
    await bob.data(MARK_READ, c=group, m=None)
    bob_view = await view(bob)
    assert bob_view["unreadTotal"] == 1
    receipts = {
        e["node"]["id"]: {
            r["user"]["id"]: r["lastReadMessageId"] for r in e["node"]["readReceipts"]
        }
        for e in bob_view["conversations"]["edges"]
    }
    assert receipts[direct] == {"alice": sent[2]["id"], "bob": sent[1]["id"]}

    # Replying marks the conversation read for the sender.
    await bob.send(direct, "thanks")
    assert (await view(bob))["unreadTotal"] == 0
    assert await bob.error_code(MARK_READ, c=direct, m=deleted["id"]) == "NOT_FOUND"

    others = await bob.call(MY_CONVERSATIONS, u={"__typename": "User", "id": "alice"})
    assert others["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_entities_resolve_only_for_members(api: ApiFor) -> None:
    alice = api("alice")
    conversation = await alice.direct("bob")
    message = await alice.send(conversation, "hi")
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Conversation { id kind } ... on Message { id text sender { id } } } }"""
    reps = [
        {"__typename": "Conversation", "id": conversation},
        {"__typename": "Message", "id": message["id"]},
    ]
    mine = await api("bob").data(query, r=reps)
    assert mine["_entities"] == [
        {"id": conversation, "kind": "DIRECT"},
        {"id": message["id"], "text": "hi", "sender": {"id": "alice"}},
    ]
    theirs = await api("mallory").data(query, r=reps)
    assert theirs["_entities"] == [None, None]


@pytest.mark.parametrize("direction", ["after", "before"])
async def test_a_position_past_int64_is_bad_input_not_internal(api: ApiFor, direction: str) -> None:
    alice = api("alice")
    conversation = await alice.direct("bob")
    huge = cursors.encode(10**30)
    body = await alice.call(HISTORY, c=conversation, first=5, **{direction: huge})
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": direction}


async def test_a_forged_conversations_cursor_is_bad_input(api: ApiFor) -> None:
    """`conversations` pages on last activity; a forged operator cursor must not filter."""
    alice = api("alice")
    await alice.direct("bob")
    payload = json.dumps([{"v": {"$exists": True}}, "6b013eb43bae1c3b5b88c9e2"]).encode()
    forged = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    body = await alice.call(
        MY_CONVERSATIONS_AFTER, u={"__typename": "User", "id": "alice"}, a=forged
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


MY_CONVERSATIONS_AFTER = """query($u: _Any!, $a: String) {
  _entities(representations: [$u]) { ... on User { conversations(first: 5, after: $a) {
    edges { node { id } } } } } }"""
