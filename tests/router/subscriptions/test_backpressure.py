"""A client that stops reading is cut off without holding up anyone else."""

from __future__ import annotations

import asyncio
import socket
from urllib.parse import urlsplit

import pytest
from websockets.exceptions import ConnectionClosedError

from tests.router.subscriptions.conftest import StackFactory
from tests.router.subscriptions.wsclient import WsClient

ON = 'subscription { messageAdded(conversationId: "c1") { text } }'
FLOOD = "mutation($i: FloodInput!) { flood(input: $i) }"
COUNT, SIZE = 200, 64_000


def _small_window_socket(url: str) -> socket.socket:
    """A client socket with a tiny receive buffer, so unread data backs up at the router."""
    parts = urlsplit(url)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect((parts.hostname, parts.port))
    sock.setblocking(False)
    return sock


async def test_a_slow_consumer_is_closed_and_others_get_everything(
    stack_factory: StackFactory,
) -> None:
    async with stack_factory(max_pending_messages=8) as stack:
        slow_sock = _small_window_socket(stack.ws_url)
        async with (
            stack.client() as healthy,
            WsClient.connect(stack.ws_url, sock=slow_sock, max_queue=1) as slow,
        ):
            await healthy.init(stack.keys.bearer("alice"))
            await slow.init(stack.keys.bearer("bob"))
            await healthy.subscribe("h", ON)
            await slow.subscribe("s", ON)
            await stack.tracker.wait_live("c1", 2)

            async def read_all() -> list[str]:
                texts = []
                for _ in range(COUNT):
                    message = await healthy.receive()
                    assert message["id"] == "h"
                    texts.append(message["payload"]["data"]["messageAdded"]["text"][:6])
                return texts

            reading = asyncio.create_task(read_all())
            await stack.post_as(
                "alice", FLOOD, {"i": {"conversationId": "c1", "count": COUNT, "size": SIZE}}
            )
            # The router gives up on the slow client and ends its upstream subscription,
            # while the slow client still has not read a thing.
            await stack.tracker.wait_live("c1", 1, within=30)
            assert await reading == [f"{i:06d}" for i in range(COUNT)]

            # What was already in flight drains, then the close frame says why.
            received = 0

            async def drain() -> None:
                nonlocal received
                async with asyncio.timeout(30):
                    while True:
                        await slow.ws.recv()
                        received += 1

            with pytest.raises(ConnectionClosedError) as closed:
                await drain()
            assert closed.value.rcvd is not None
            assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (
                1013,
                "Client is too slow to receive",
            )
            assert received < COUNT
