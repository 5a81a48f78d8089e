"""Resuming `messageAdded` through the router: what a reconnecting app gets."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import websockets

from common.testing.ws import acknowledged, bearer, receive
from tests.e2e.conftest import Client, NewClient, direct_conversation

RESUME = """
subscription($c: ID!, $after: String) {
  messageAdded(conversationId: $c, after: $after) { text cursor sender { displayName } }
}
"""
SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { cursor } }"


@asynccontextmanager
async def _socket(lifegraph: str, token: str | None) -> AsyncIterator[websockets.ClientConnection]:
    async with acknowledged(lifegraph, bearer(token)) as socket:
        yield socket


async def _resume(socket: websockets.ClientConnection, conversation: str, after: str) -> None:
    variables = {"c": conversation, "after": after}
    payload = {"query": RESUME, "variables": variables}
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))


async def _message(socket: websockets.ClientConnection) -> dict[str, Any]:
    received = await receive(socket)
    assert received["type"] == "next", received
    message: dict[str, Any] = received["payload"]["data"]["messageAdded"]
    return message


async def _send(ada: Client, conversation: str, text: str) -> str:
    sent = await ada.ok(SEND, {"i": {"conversationId": conversation, "text": text}})
    cursor: str = sent["sendMessage"]["cursor"]
    return cursor


async def test_a_reconnecting_client_gets_exactly_what_it_missed_then_live_ones(
    lifegraph: str, new_client: NewClient
) -> None:
    ada, grace = new_client(), new_client()
    conversation = await direct_conversation(ada, grace)
    hello = await _send(ada, conversation, "hello")
    await _send(ada, conversation, "before")

    async with _socket(lifegraph, grace.token) as socket:
        await _resume(socket, conversation, hello)
        # Replayed, so the subscription is live: what is sent now comes through it.
        assert (await _message(socket))["text"] == "before"
        await _send(ada, conversation, "while connected")
        last = await _message(socket)
        assert last["text"] == "while connected"

    # Disconnected: five messages go by.
    missed = [f"missed {i}" for i in range(5)]
    for text in missed:
        await _send(ada, conversation, text)

    async with _socket(lifegraph, grace.token) as socket:
        await _resume(socket, conversation, last["cursor"])
        replayed = [await _message(socket) for _ in missed]
        assert [m["text"] for m in replayed] == missed
        assert {m["sender"]["displayName"] for m in replayed} == {"Ada"}
        await _send(ada, conversation, "live")
        assert (await _message(socket))["text"] == "live"


async def test_a_bad_cursor_or_a_stranger_is_refused_with_a_clear_code(
    lifegraph: str, new_client: NewClient
) -> None:
    ada, grace, eve = new_client(), new_client(), new_client()
    conversation = await direct_conversation(ada, grace)
    await eve.sign_up("Eve")
    hello = await _send(ada, conversation, "hello")

    async with _socket(lifegraph, grace.token) as socket:
        await _resume(socket, conversation, "bm90IGEgY3Vyc29y")
        refused = await receive(socket)
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    async with _socket(lifegraph, eve.token) as socket:
        await _resume(socket, conversation, hello)
        refused = await receive(socket)
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"]["code"] == "FORBIDDEN"
