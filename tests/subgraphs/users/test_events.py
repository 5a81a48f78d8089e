"""What users publishes on the real RabbitMQ: registered, updated, deleted."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aio_pika
import pytest
from aio_pika.abc import AbstractIncomingMessage

from common.events import Event
from common.events.catalog import payload_of
from common.settings import Settings
from tests.subgraphs.users.helpers import PASSWORD, Api, code_of

DELETE = "mutation($input: DeleteAccountInput!) { deleteAccount(input: $input) }"


@pytest.fixture
async def user_events(api: Api, users_settings: Settings) -> AsyncIterator[asyncio.Queue[Event]]:
    """Events from a queue bound before anything is published (the `api` is already up)."""
    async with listen(users_settings) as received:
        yield received


@asynccontextmanager
async def listen(users_settings: Settings) -> AsyncIterator[asyncio.Queue[Event]]:
    assert users_settings.amqp_url
    connection = await aio_pika.connect(users_settings.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(
            users_settings.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key="users.user.*")
        received: asyncio.Queue[Event] = asyncio.Queue()

        async def deliver(message: AbstractIncomingMessage) -> None:
            received.put_nowait(Event.model_validate_json(message.body))

        await queue.consume(deliver, no_ack=True)
        yield received


async def _next(events: asyncio.Queue[Event]) -> Event:
    async with asyncio.timeout(10):
        return await events.get()


@pytest.mark.rabbitmq
async def test_register_update_and_delete_are_published(
    api: Api, user_events: asyncio.Queue[Event]
) -> None:
    registered = await api.register(display_name="Leaving Soon")
    user_id, token = registered["user"]["id"], registered["accessToken"]
    event = await _next(user_events)
    assert (event.type, event.user_id, event.source) == ("users.user.registered", user_id, "users")
    assert payload_of(event.type, event.data).model_dump() == {
        "user_id": user_id,
        "display_name": "Leaving Soon",
        "timezone": "UTC",
        "email": None,  # not verified yet: no other subgraph may mail it
        "phone": None,  # none proved yet: no SMS
    }

    await api.ok('mutation { updateProfile(input: {timezone: "Asia/Tokyo"}) { id } }', token=token)
    await api.ok("mutation { updatePreferences(input: {privacy: PRIVATE}) { id } }", token=token)
    first, second = await _next(user_events), await _next(user_events)
    assert first.type == second.type == "users.user.updated"
    assert first.data["timezone"] == "Asia/Tokyo"
    assert second.data["profile_privacy"] == "private"

    wrong = await api.error(DELETE, {"input": {"password": "not-my-password"}}, token=token)
    assert wrong["extensions"] == {"code": "BAD_USER_INPUT", "field": "password"}
    assert await api.ok(DELETE, {"input": {"password": PASSWORD}}, token=token) == {
        "deleteAccount": True
    }
    deleted = await _next(user_events)
    assert (deleted.type, deleted.data) == ("users.user.deleted", {"user_id": user_id})

    # Everything of the account is gone here.
    assert await api.ok("query($id: ID!) { user(id: $id) { id } }", {"id": user_id}) == {
        "user": None
    }
    refreshed = await api.refresh(registered["refreshToken"])
    assert code_of(refreshed["errors"][0]) == "UNAUTHENTICATED"
