"""A chat room with listeners: `graphql-transport-ws` sockets through the router.

Each socket signs in as one of the room's members and subscribes to
`messageAdded`; the room remembers when each socket received each message, so
the latency from a send (its start) to every receipt can be reported.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from bench.product.seed import SEND, Member

SUBSCRIPTION = """subscription($c: ID!) {
  messageAdded(conversationId: $c) { id text createdAt sender { id displayName } }
}"""


@dataclass
class Listener:
    ws: ClientConnection
    received: dict[str, float] = field(default_factory=dict)
    errors: list[Any] = field(default_factory=list)

    async def read(self) -> None:
        try:
            async for raw in self.ws:
                now = time.perf_counter()
                message = json.loads(raw)
                if message.get("type") == "ping":
                    await self.ws.send('{"type":"pong"}')
                elif message.get("type") != "next":
                    self.errors.append(message)
                else:
                    payload = message["payload"]
                    added = (payload.get("data") or {}).get("messageAdded")
                    # The shape the app renders: a sender resolved through users.
                    if payload.get("errors") or not (added and added["sender"]["displayName"]):
                        self.errors.append(payload)
                    else:
                        self.received[added["text"]] = now
        except ConnectionClosed as exc:
            self.errors.append(f"closed {exc.rcvd.code if exc.rcvd else 1006}")


class Room:
    """`sockets` listeners on `conversation`, spread over `members` (several tabs each)."""

    def __init__(self, url: str, conversation: str, members: Sequence[Member]) -> None:
        self.ws_url = url.replace("http", "ws", 1) + "/graphql"
        self.conversation = conversation
        self.members = members
        self.listeners: list[Listener] = []
        self.sent: dict[str, float] = {}
        self._readers: list[asyncio.Task[None]] = []
        self._count = 0

    async def _open(self, member: Member) -> Listener:
        ws = await connect(
            self.ws_url,
            subprotocols=[Subprotocol("graphql-transport-ws")],
            proxy=None,
            ping_interval=None,
            max_queue=None,
        )
        token = f"Bearer {member.client.token}"
        await ws.send(json.dumps({"type": "connection_init", "payload": {"Authorization": token}}))
        ack = json.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack
        payload = {"query": SUBSCRIPTION, "variables": {"c": self.conversation}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        return Listener(ws)

    async def open(self, sockets: int) -> None:
        """Open the sockets and return once each has received a probe message."""
        opened = [self._open(self.members[s % len(self.members)]) for s in range(sockets)]
        self.listeners = list(await asyncio.gather(*opened))
        self._readers = [asyncio.create_task(listener.read()) for listener in self.listeners]
        # The protocol has no "subscribed" acknowledgement: probe until all have one.
        for attempt in range(60):
            text = await self.send(self.members[0], f"probe {attempt}")
            if await self.delivered([text], within=5.0):
                break
        else:
            raise RuntimeError("not every socket is live after 60 probes")
        self.sent.clear()

    async def send(self, member: Member, text: str | None = None) -> str:
        """Send a message as `member`; the send's start is when its delivery latency starts."""
        self._count += 1
        text = text or f"bench message {self._count}"
        self.sent[text] = time.perf_counter()
        data = await member.client.ok(
            SEND, {"i": {"conversationId": self.conversation, "text": text}}
        )
        assert data["sendMessage"]["id"], data
        return text

    async def delivered(self, texts: Sequence[str], *, within: float) -> bool:
        """Whether every listener received every one of `texts` within `within` seconds."""

        def missing() -> bool:
            return any(t not in listener.received for listener in self.listeners for t in texts)

        try:
            async with asyncio.timeout(within):
                while missing():  # noqa: ASYNC110 - receipts arrive on other tasks
                    await asyncio.sleep(0.02)
        except TimeoutError:
            return False
        return True

    def latencies(self) -> list[float]:
        """Send-to-receipt of every message sent since the last `reset`, at every listener."""
        return [
            listener.received[text] - began
            for text, began in self.sent.items()
            for listener in self.listeners
            if text in listener.received
        ]

    def errors(self) -> list[Any]:
        return [error for listener in self.listeners for error in listener.errors]

    def reset(self) -> None:
        self.sent.clear()

    async def close(self) -> None:
        for listener in self.listeners:
            await listener.ws.close()
        await asyncio.gather(*self._readers, return_exceptions=True)
