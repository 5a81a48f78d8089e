"""Clients for the served chat subgraph: GraphQL over HTTP and over graphql-transport-ws."""

from __future__ import annotations

import asyncio
import contextlib
import json
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection

from common.events import Event
from common.events.amqp import AmqpEventBus
from common.settings import Settings
from common.testing.events import tap
from common.testing.tokens import TestKeys
from common.testing.ws import acknowledged, bearer

WAIT = 10.0


class Api:
    """One user's GraphQL-over-HTTP client."""

    def __init__(self, url: str, keys: TestKeys, user: str, **claims: Any) -> None:
        self.url = f"{url}/graphql"
        self.user = user
        self._headers = keys.bearer(user, **claims)

    async def call(self, query: str, **variables: Any) -> dict[str, Any]:
        async with httpx.AsyncClient(timeout=WAIT) as client:
            response = await client.post(
                self.url, json={"query": query, "variables": variables}, headers=self._headers
            )
        body: dict[str, Any] = response.json()
        return body

    async def data(self, query: str, **variables: Any) -> dict[str, Any]:
        body = await self.call(query, **variables)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def error_code(self, query: str, **variables: Any) -> str:
        body = await self.call(query, **variables)
        assert body.get("errors"), body
        code: str = body["errors"][0]["extensions"]["code"]
        return code

    # The operations most tests need.

    async def direct(self, other: str) -> str:
        data = await self.data(START_DIRECT, userId=other)
        return str(data["startDirectConversation"]["id"])

    async def group(self, title: str, members: list[str]) -> str:
        data = await self.data(CREATE_GROUP, title=title, memberIds=members)
        return str(data["createGroupConversation"]["id"])

    async def send(self, conversation: str, text: str, **extra: Any) -> dict[str, Any]:
        data = await self.data(SEND, input={"conversationId": conversation, "text": text, **extra})
        message: dict[str, Any] = data["sendMessage"]
        return message

    async def typing(self, conversation: str, is_typing: bool = True) -> None:
        await self.data(
            "mutation($input: SetTypingInput!) { setTyping(input: $input) }",
            input={"conversationId": conversation, "isTyping": is_typing},
        )


START_DIRECT = """mutation($userId: ID!) {
  startDirectConversation(input: {userId: $userId}) { id kind members { id } }
}"""
CREATE_GROUP = """mutation($title: String!, $memberIds: [ID!]!) {
  createGroupConversation(input: {title: $title, memberIds: $memberIds}) {
    id kind title members { id } admins { id }
  }
}"""
MESSAGE_FIELDS = """id conversationId author text isDeleted isStreaming clientMessageId cursor
  editedAt deletedAt replyTo sender { id } attachment { url mimeType sizeBytes name }
  proposal { id kind status title area dueDate habit day habitId metric value currency goalId
    progress startsAt durationMinutes focus }"""
CONFIRM = """mutation($id: ID!) {
  confirmCoachProposal(input: {proposalId: $id}) { id kind status }
}"""
DECLINE = """mutation($id: ID!) {
  declineCoachProposal(input: {proposalId: $id}) { id kind status }
}"""
SEND = f"""mutation($input: SendMessageInput!) {{
  sendMessage(input: $input) {{ {MESSAGE_FIELDS} }}
}}"""
HISTORY = f"""query($c: ID!, $first: Int!, $before: String, $after: String) {{
  messages(conversationId: $c, first: $first, before: $before, after: $after) {{
    edges {{ cursor node {{ {MESSAGE_FIELDS} }} }}
    pageInfo {{ hasNextPage endCursor }}
  }}
}}"""
MESSAGE_ADDED = (
    f"subscription($c: ID!) {{ messageAdded(conversationId: $c) {{ {MESSAGE_FIELDS} }} }}"
)
MESSAGE_UPDATED = (
    f"subscription($c: ID!) {{ messageUpdated(conversationId: $c) {{ {MESSAGE_FIELDS} }} }}"
)
TYPING = (
    "subscription($c: ID!) { typing(conversationId: $c) { conversationId isTyping user { id } } }"
)


class Socket:
    """A graphql-transport-ws connection; messages are sorted into one queue per operation."""

    def __init__(self, ws: ClientConnection) -> None:
        self._ws = ws
        self._queues: defaultdict[str, asyncio.Queue[dict[str, Any]]] = defaultdict(asyncio.Queue)
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        with contextlib.suppress(Exception):
            async for raw in self._ws:
                message = json.loads(raw)
                self._queues[message.get("id", "")].put_nowait(message)

    async def subscribe(self, query: str, **variables: Any) -> str:
        op = uuid.uuid4().hex[:8]
        payload = {"query": query, "variables": variables}
        await self._ws.send(json.dumps({"id": op, "type": "subscribe", "payload": payload}))
        return op

    async def complete(self, op: str) -> None:
        await self._ws.send(json.dumps({"id": op, "type": "complete"}))

    async def receive(self, op: str) -> dict[str, Any]:
        async with asyncio.timeout(WAIT):
            return await self._queues[op].get()

    async def next_data(self, op: str, match: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The next `next` payload's data that `match` accepts, skipping others (e.g. probes)."""
        async with asyncio.timeout(WAIT):
            while True:
                message = await self._queues[op].get()
                assert message["type"] == "next", message
                assert "errors" not in message["payload"], message
                data: dict[str, Any] = message["payload"]["data"]
                if match(data):
                    return data

    async def until_live(self, op: str, trigger: Callable[[], Awaitable[None]]) -> None:
        """Fire `trigger` until the operation delivers something: then it is surely live.

        The protocol has no "subscribed" acknowledgement, so this waits for the
        observable effect instead, within a bound.
        """
        async with asyncio.timeout(WAIT):
            while True:
                await trigger()
                try:
                    async with asyncio.timeout(0.25):
                        message = await self._queues[op].get()
                except TimeoutError:
                    continue
                assert message["type"] == "next", message
                return

    @property
    def closed(self) -> bool:
        return self._reader.done()


@asynccontextmanager
async def open_socket(url: str, token: str | None) -> AsyncIterator[Socket]:
    async with acknowledged(url, bearer(token)) as ws:
        socket = Socket(ws)
        try:
            yield socket
        finally:
            socket._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await socket._reader


def texts(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["text"] for edge in connection["edges"]]


@asynccontextmanager
async def captured_events(settings: Settings, *patterns: str) -> AsyncIterator[Captured]:
    """Events on the test's exchange matching `patterns`, straight off the broker."""
    captured = Captured()

    async def put(event: Event) -> None:
        captured.queue.put_nowait(event)

    async with tap(settings, patterns, put):
        yield captured


class Captured:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[Event] = asyncio.Queue()

    async def next(self) -> Event:
        async with asyncio.timeout(WAIT):
            return await self.queue.get()


async def publish_event(settings: Settings, event: Event) -> None:
    assert settings.amqp_url
    bus = AmqpEventBus(settings.amqp_url, exchange=settings.events_exchange)
    await bus.connect()
    try:
        await bus.publish(event)
    finally:
        await bus.close()
