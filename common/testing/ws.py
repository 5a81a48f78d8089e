"""graphql-transport-ws sockets for tests: opened past their acknowledgement, read with a bound."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from websockets import ClientConnection, Subprotocol, connect

PROTOCOL = Subprotocol("graphql-transport-ws")


def bearer(token: str | None) -> dict[str, Any]:
    """A `connection_init` payload carrying `token`, or none for an anonymous socket."""
    return {"Authorization": f"Bearer {token}"} if token else {}


def socket_url(http_url: str, path: str = "/graphql") -> str:
    """The WebSocket address of the GraphQL endpoint at `http_url` (http -> ws, https -> wss)."""
    return http_url.replace("http", "ws", 1) + path


async def receive(socket: ClientConnection, *, within: float = 15.0) -> dict[str, Any]:
    """The next message on `socket`, decoded; TimeoutError if none comes within `within` s."""
    async with asyncio.timeout(within):
        message: dict[str, Any] = json.loads(await socket.recv(decode=True))
    return message


async def open_acknowledged(
    http_url: str, payload: dict[str, Any] | None = None, *, path: str = "/graphql"
) -> ClientConnection:
    """A socket to `http_url` past its `connection_ack`; the caller closes it.

    For tests that hold many sockets at once; otherwise use `acknowledged`.
    """
    socket = await connect(socket_url(http_url, path), subprotocols=[PROTOCOL])
    try:
        await socket.send(json.dumps({"type": "connection_init", "payload": payload or {}}))
        ack = await receive(socket)
    except BaseException:
        await socket.close()
        raise
    assert ack["type"] == "connection_ack", ack
    return socket


@asynccontextmanager
async def acknowledged(
    http_url: str, payload: dict[str, Any] | None = None, *, path: str = "/graphql"
) -> AsyncIterator[ClientConnection]:
    """`open_acknowledged` for the block, closed after it.

    ```python
    async with acknowledged(url, bearer(token)) as socket:
        await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": {...}}))
        assert (await receive(socket))["type"] == "next"
    ```
    """
    socket = await open_acknowledged(http_url, payload, path=path)
    try:
        yield socket
    finally:
        await socket.close()
