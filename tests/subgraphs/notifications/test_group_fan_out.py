"""Group messages fanned out in bulk: exact counts under concurrency, nothing applied twice."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from common.events import Event
from common.events.amqp import AmqpEventBus
from common.events.catalog import MessageSent
from common.events.consumer import Applied
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.notifications.app import subgraph
from subgraphs.notifications.models import Channel, Delivery, Kind, Notification, PushEndpoint
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.service.notifications import PreferenceChange
from tests.subgraphs.conftest import Eventually, Gql

from .conftest import MailServer
from .test_notifications_service import Clock, database, make_service, offer

__all__ = ["database"]  # the fixture, shared with the service tests

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

# The start of a one-minute message window, so every message below shares it.
NOW = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
INBOX = """{ unreadNotificationCount
  notifications(first: 50) { edges { node { kind targetId count actorIds read } } } }"""


def message(conversation: str, sender: str, members: list[str], n: int, at: datetime) -> Event:
    payload = MessageSent(
        conversation_id=conversation,
        message_id=f"{conversation}-{sender}-{n}",
        sender_id=sender,
        recipient_ids=members,
        preview=f"message {n}",
    )
    event = Event.of("chat.message.sent", user_id=sender, data=payload)
    return event.model_copy(update={"time": at})


@pytest.fixture
async def server(serve_subgraph: ServeSubgraph, settings: Settings) -> AsyncIterator[str]:
    override = settings.model_copy(update={"notifications_dispatch_interval_seconds": 0})
    async with serve_subgraph(subgraph, settings_override=override) as url:
        yield url


@pytest.fixture
async def notifications_db(settings: Settings) -> AsyncIterator[Any]:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    yield client[settings.database_name("notifications")]
    await client.close()


async def test_concurrent_group_messages_give_every_member_exact_counts(
    server: str,
    bus: AmqpEventBus,
    notifications_db: Any,
    gql: Gql,
    eventually: Eventually,
    test_keys: TestKeys,
) -> None:
    c1 = ["m0", "m1", "m2", "m3", "m4"]
    c2 = ["m0", "m1", "m5"]
    events = [
        *(message("c1", s, c1, n, NOW + timedelta(seconds=n)) for s in c1 for n in range(3)),
        *(message("c2", s, c2, n, NOW + timedelta(seconds=n)) for s in c2 for n in range(2)),
        # The next minute's window: a group of its own.
        message("c1", "m0", c1, 9, NOW + timedelta(seconds=61)),
    ]

    # All at once: every sender's lane runs concurrently on the consumer.
    await asyncio.gather(*(bus.publish(event) for event in events))
    await eventually(
        lambda: notifications_db["processed_events"].count_documents({}),
        lambda n: n == len(events),
    )

    # Per recipient: (conversation, window) -> how many messages and from whom.
    expected: dict[str, dict[tuple[str, int], list[str]]] = {}
    for event in events:
        sent = MessageSent.model_validate(event.data)
        window = int(event.time.timestamp() // 60)
        for user in sent.recipient_ids:
            if user != sent.sender_id:
                group = expected.setdefault(user, {}).setdefault((sent.conversation_id, window), [])
                group.append(sent.sender_id)
    for user, groups in expected.items():
        body = await gql(server, INBOX, headers=test_keys.bearer(user))
        data = body["data"]
        assert data["unreadNotificationCount"] == len(groups), (user, data)
        seen = sorted(
            (n["targetId"], n["count"], sorted(n["actorIds"]))
            for n in (edge["node"] for edge in data["notifications"]["edges"])
        )
        assert seen == sorted(
            (conversation, len(senders), sorted(set(senders)))
            for (conversation, _), senders in groups.items()
        ), user
        assert {edge["node"]["kind"] for edge in data["notifications"]["edges"]} == {"MESSAGE"}
        # One change position per message, none skipped or taken twice.
        position = await notifications_db["inbox_positions"].find_one({"_id": user})
        assert position["seq"] == sum(len(senders) for senders in groups.values())
    assert await notifications_db["deliveries"].count_documents({}) == 0  # nobody has push


async def _state(database: Any) -> dict[str, list[dict[str, Any]]]:
    names = ("notifications", "deliveries", "inbox_positions", "processed_events")
    return {
        name: await database[name].find({}, {"at": 0}).sort("_id", 1).to_list() for name in names
    }


async def test_a_redelivered_group_message_changes_nothing(
    database: Any, infra: Infrastructure, smtp: MailServer
) -> None:
    service = make_service(infra, smtp, Clock(NOW))
    email = PreferenceChange(Kind.MESSAGE, Channel.EMAIL, True)
    await service.update_preferences("u1", [email], quiet_hours=None, clear_quiet_hours=False)
    await PushEndpoints().register(
        PushEndpoint(user_id="u3", endpoint="https://push.example/u3", p256dh="k", auth="a",
                     created_at=NOW)
    )  # fmt: skip
    members = ["u0", "u1", "u2", "u3"]
    first, second = (message("c1", "u0", members, n, NOW) for n in range(2))

    # A redelivery racing the original: exactly one of them applies.
    outcomes = await asyncio.gather(offer(service, first), offer(service, first))
    assert Counter(outcomes) == Counter([Applied.APPLIED, Applied.DUPLICATE])
    assert await offer(service, second) is Applied.APPLIED
    before = await _state(database)

    assert await offer(service, first) is Applied.DUPLICATE
    assert await offer(service, second) is Applied.DUPLICATE

    assert await _state(database) == before
    rows = {n.user_id: n for n in await Notification.find({}).to_list()}
    assert {user: (n.event_count, n.actor_ids) for user, n in rows.items()} == {
        user: (2, ["u0"]) for user in ("u1", "u2", "u3")
    }
    channels = sorted((d.user_id, d.channel) for d in await Delivery.find({}).to_list())
    assert channels == [("u1", Channel.EMAIL), ("u3", Channel.PUSH)]
