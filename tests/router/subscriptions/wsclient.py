"""A bare graphql-transport-ws client for tests: every wait is bounded."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

PROTOCOL = Subprotocol("graphql-transport-ws")
WAIT = 10.0


class WsClient:
    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws

    @classmethod
    @asynccontextmanager
    async def connect(
        cls, url: str, *, subprotocols: tuple[str, ...] = ("graphql-transport-ws",), **options: Any
    ) -> AsyncIterator[WsClient]:
        async with connect(
            url,
            subprotocols=[Subprotocol(p) for p in subprotocols],
            proxy=None,
            open_timeout=WAIT,
            close_timeout=2,
            **options,
        ) as ws:
            yield cls(ws)

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def receive(self, within: float = WAIT) -> dict[str, Any]:
        async with asyncio.timeout(within):
            raw = await self.ws.recv()
        message: dict[str, Any] = json.loads(raw)
        return message

    async def init(self, payload: dict[str, Any] | None = None) -> dict[str, Any]:
        await self.send({"type": "connection_init", "payload": payload or {}})
        ack = await self.receive()
        assert ack["type"] == "connection_ack", ack
        return ack

    async def subscribe(
        self, op_id: str, query: str, variables: dict[str, Any] | None = None
    ) -> None:
        payload: dict[str, Any] = {"query": query}
        if variables is not None:
            payload["variables"] = variables
        await self.send({"id": op_id, "type": "subscribe", "payload": payload})

    async def complete(self, op_id: str) -> None:
        await self.send({"id": op_id, "type": "complete"})

    async def closed(self, within: float = WAIT) -> tuple[int | None, str]:
        """Reads until the server closes; returns the close code and reason it sent."""
        try:
            async with asyncio.timeout(within):
                while True:
                    await self.ws.recv()
        except ConnectionClosed as exc:
            if exc.rcvd is None:
                return None, ""
            return exc.rcvd.code, exc.rcvd.reason
        raise AssertionError("unreachable")
