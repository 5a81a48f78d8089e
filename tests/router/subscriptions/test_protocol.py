"""graphql-transport-ws rules at the router's socket: handshake, auth, codes, ping/pong."""

from __future__ import annotations

import asyncio

import pytest
from websockets.exceptions import ConnectionClosed

from tests.router.subscriptions.conftest import Stack, StackFactory

TEXT_ONLY = 'subscription { messageAdded(conversationId: "c1") { text } }'


async def test_other_subprotocols_are_refused_with_4406(stack: Stack) -> None:
    async with stack.client(subprotocols=("graphql-ws",)) as client:
        assert await client.closed() == (4406, "Subprotocol not acceptable")


async def test_the_subprotocol_is_agreed(stack: Stack) -> None:
    async with stack.client() as client:
        assert client.ws.subprotocol == "graphql-transport-ws"
        assert client.ws.response is not None
        assert client.ws.response.headers["x-request-id"]


@pytest.mark.parametrize(
    "authorization",
    ["Bearer not.a.jwt", "Basic YWxpY2U6c2VjcmV0", 42],
)
async def test_a_bad_token_is_refused_at_connection_init(
    stack: Stack, authorization: object
) -> None:
    async with stack.client() as client:
        await client.send({"type": "connection_init", "payload": {"Authorization": authorization}})
        assert await client.closed() == (4403, "Forbidden")


async def test_a_token_from_another_issuer_is_refused(stack: Stack) -> None:
    forged = stack.keys.token("alice", iss="https://evil.test")
    async with stack.client() as client:
        await client.send(
            {"type": "connection_init", "payload": {"Authorization": f"Bearer {forged}"}}
        )
        assert await client.closed() == (4403, "Forbidden")


@pytest.mark.parametrize("ttl", [-120, -1], ids=["past-leeway", "within-leeway"])
async def test_an_expired_token_is_refused_at_connection_init(stack: Stack, ttl: int) -> None:
    async with stack.client() as client:
        await client.send(
            {"type": "connection_init", "payload": stack.keys.bearer("alice", ttl=ttl)}
        )
        # Before any ack (the first frame is the close), with the code a client refreshes
        # its token on (docs/errors.md).
        with pytest.raises(ConnectionClosed) as closed:
            async with asyncio.timeout(10):
                await client.ws.recv()
    assert closed.value.rcvd is not None
    assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4419, "Token expired")


async def test_an_anonymous_socket_reaches_the_subgraphs_own_check(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init()
        await client.subscribe("s", TEXT_ONLY)
        error = await client.receive()
        assert error["type"] == "error"
        assert error["payload"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_subscribe_before_ack_is_unauthorized(stack: Stack) -> None:
    async with stack.client() as client:
        await client.subscribe("s", TEXT_ONLY)
        assert await client.closed() == (4401, "Unauthorized")


async def test_a_second_connection_init_is_too_many(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.send({"type": "connection_init"})
        assert await client.closed() == (4429, "Too many initialisation requests")


async def test_a_duplicate_subscriber_id_closes_with_4409(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.subscribe("same", TEXT_ONLY)
        await client.subscribe("same", TEXT_ONLY)
        assert await client.closed() == (4409, "Subscriber for same already exists")


async def test_an_id_is_free_again_once_its_operation_completed(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        for _ in range(2):
            await client.subscribe("q", '{ person(id: "bob") { displayName } }')
            assert (await client.receive())["type"] == "next"
            assert await client.receive() == {"id": "q", "type": "complete"}


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("not json", "Invalid message received: not JSON"),
        ('{"type": "launch"}', 'Invalid message received: unknown type "launch"'),
        (
            '{"type": "subscribe", "id": "1"}',
            'Invalid message: "subscribe" needs a payload with a query',
        ),
    ],
)
async def test_malformed_messages_close_with_4400(stack: Stack, message: str, reason: str) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        await client.ws.send(message)
        assert await client.closed() == (4400, reason)


async def test_client_pings_get_pongs_before_and_after_init(stack: Stack) -> None:
    async with stack.client() as client:
        await client.send({"type": "ping"})
        assert await client.receive() == {"type": "pong"}
        await client.init(stack.keys.bearer("alice"))
        await client.send({"type": "ping", "payload": {"at": 1}})
        assert await client.receive() == {"type": "pong", "payload": {"at": 1}}


async def test_the_router_pings_and_accepts_pongs(stack_factory: StackFactory) -> None:
    async with stack_factory(ping_interval=0.05) as stack, stack.client() as client:
        await client.init(stack.keys.bearer("alice"))
        assert await client.receive() == {"type": "ping"}
        await client.send({"type": "pong"})
        assert await client.receive() == {"type": "ping"}
        await client.send({"type": "ping"})
        # The answer may come between further pings of the router's.
        replies = [await client.receive() for _ in range(3)]
        assert {"type": "pong"} in replies


async def test_no_connection_init_in_time_closes_with_4408(stack_factory: StackFactory) -> None:
    async with stack_factory(init_timeout=0.2) as stack, stack.client() as client:
        assert await client.closed() == (4408, "Connection initialisation timeout")


async def test_the_socket_closes_when_its_token_expires(stack: Stack) -> None:
    async with stack.client() as client:
        await client.init(stack.keys.bearer("alice", ttl=2))
        assert await client.closed() == (4419, "Token expired")
