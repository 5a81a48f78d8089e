"""Web push cannot be pointed inward (SSRF), and what users read of failures names no network."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import SecretStr
from pymongo import AsyncMongoClient

from common.events.amqp import AmqpEventBus
from common.events.catalog import AchievementUnlocked, UserRegistered
from common.mongo_server import free_port
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.notifications.app import subgraph
from tests.subgraphs.conftest import Eventually, Gql, MakeEvent

from .conftest import PushEndpoint

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

REGISTER = """mutation($input: RegisterPushSubscriptionInput!) {
  registerPushSubscription(input: $input) { endpoint } }"""
DELIVERIES = """{ notifications(first: 5) { edges { node {
  deliveries { channel status lastError } } } } }"""


@pytest.fixture
async def stored(settings: Settings) -> AsyncIterator[Any]:
    """The subgraph's push_subscriptions collection, to check that nothing was stored."""
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        yield client[settings.database_name("notifications")]["push_subscriptions"]
    finally:
        await client.close()


@pytest.fixture
async def served(serve_subgraph: ServeSubgraph, settings: Settings) -> AsyncIterator[str]:
    quiet = settings.model_copy(update={"notifications_dispatch_interval_seconds": 0})
    async with serve_subgraph(subgraph, settings_override=quiet) as url:
        yield url


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://127.0.0.1:4326/push/x",
        "https://127.0.0.1:4326/push/x",
        "https://localhost/push/x",
        "https://[::ffff:127.0.0.1]/push/x",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.8/push",
        "http://8.8.8.8/push",
        "https://8.8.8.8/" + "x" * 3_000,
    ],
    ids=[
        "http-loopback",
        "https-loopback",
        "localhost",
        "mapped",
        "metadata",
        "private",
        "http-public",
        "too-long",
    ],
)
async def test_inward_or_oversized_endpoints_are_refused_and_not_stored(
    served: str,
    gql: Gql,
    test_keys: TestKeys,
    push_service: PushEndpoint,
    stored: Any,
    endpoint: str,
) -> None:
    subscription = {"endpoint": endpoint, "p256dh": push_service.p256dh, "auth": push_service.auth}
    body = await gql(served, REGISTER, {"input": subscription}, test_keys.bearer("u1"))
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["field"] == "endpoint"
    assert await stored.count_documents({}) == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [("p256dh", "not-a-key"), ("p256dh", "A" * 10_000), ("auth", ""), ("auth", "QUJD")],
)
async def test_malformed_keys_are_refused_and_not_stored(
    served: str,
    gql: Gql,
    test_keys: TestKeys,
    push_service: PushEndpoint,
    stored: Any,
    field: str,
    value: str,
) -> None:
    subscription = {
        "endpoint": "https://8.8.8.8/push/x",
        "p256dh": push_service.p256dh,
        "auth": push_service.auth,
        field: value,
    }
    body = await gql(served, REGISTER, {"input": subscription}, test_keys.bearer("u1"))
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": field}
    assert await stored.count_documents({}) == 0


async def test_other_inputs_are_capped(served: str, gql: Gql, test_keys: TestKeys) -> None:
    owner = test_keys.bearer("u1")
    mark = "mutation($ids: [ID!]!) { markNotificationsRead(input: {ids: $ids}) { updatedCount } }"
    too_long = await gql(served, mark, {"ids": ["x" * 100_000]}, owner)
    assert too_long["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    prefs = """mutation($i: UpdateNotificationPreferencesInput!) {
      updateNotificationPreferences(input: $i) { quietHours { start } } }"""
    many = [{"kind": "REMINDER", "channel": "EMAIL", "enabled": True}] * 1_000
    for update in ({"channels": many}, {"quietHours": {"start": "2" * 100_000, "end": "07:00"}}):
        body = await gql(served, prefs, {"i": update}, owner)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    remove = """mutation($e: String!) {
      removePushSubscription(input: {endpoint: $e}) { endpoint } }"""
    body = await gql(served, remove, {"e": "https://x/" + "y" * 3_000}, owner)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_push_services_setting_allows_only_known_services(
    serve_subgraph: ServeSubgraph,
    settings: Settings,
    gql: Gql,
    test_keys: TestKeys,
    push_service: PushEndpoint,
    stored: Any,
) -> None:
    known = settings.model_copy(update={"push_services": ["push.services.mozilla.com"]})
    async with serve_subgraph(subgraph, settings_override=known) as url:
        subscription = {
            "endpoint": "https://8.8.8.8/push/x",
            "p256dh": push_service.p256dh,
            "auth": push_service.auth,
        }
        body = await gql(url, REGISTER, {"input": subscription}, test_keys.bearer("u1"))
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert await stored.count_documents({}) == 0


async def achievement(bus: AmqpEventBus, make_event: MakeEvent, stored: Any) -> None:
    user = UserRegistered(user_id="u1", display_name="Una")
    await bus.publish(make_event("users.user.registered", payload=user))
    badge = AchievementUnlocked(user_id="u1", badge="streak_7", title="7-day streak")
    await bus.publish(make_event("analytics.achievement.unlocked", payload=badge))


async def test_an_endpoint_that_turned_inward_is_not_called_at_send_time(
    serve_subgraph: ServeSubgraph,
    settings: Settings,
    vapid_private_key: str,
    push_service: PushEndpoint,
    bus: AmqpEventBus,
    make_event: MakeEvent,
    gql: Gql,
    eventually: Eventually,
    test_keys: TestKeys,
    stored: Any,
) -> None:
    """Stored while its name resolved publicly (as after DNS rebinding); loopback now."""
    sending = settings.model_copy(
        update={
            "vapid_private_key": SecretStr(vapid_private_key),
            "notifications_dispatch_interval_seconds": 0.2,
        }
    )
    await stored.insert_one(
        {
            "user_id": "u1",
            "endpoint": push_service.endpoint,
            "p256dh": push_service.p256dh,
            "auth": push_service.auth,
            "created_at": datetime.now(UTC),
        }
    )
    async with serve_subgraph(subgraph, settings_override=sending) as url:
        await achievement(bus, make_event, stored)
        body = await eventually(
            lambda: gql(url, DELIVERIES, headers=test_keys.bearer("u1")),
            lambda b: _push_delivery(b).get("status") == "FAILED",
        )
    assert _push_delivery(body)["lastError"] == "No push subscription may be delivered to."
    assert push_service.received.empty()


async def test_delivery_errors_name_no_network_detail(
    serve_subgraph: ServeSubgraph,
    settings: Settings,
    vapid_private_key: str,
    push_service: PushEndpoint,
    bus: AmqpEventBus,
    make_event: MakeEvent,
    gql: Gql,
    eventually: Eventually,
    test_keys: TestKeys,
    stored: Any,
) -> None:
    """A closed port and an answering one must read the same: no port scanner."""
    closed = f"http://127.0.0.1:{free_port()}/push/x"
    sending = settings.model_copy(
        update={
            "vapid_private_key": SecretStr(vapid_private_key),
            "notifications_dispatch_interval_seconds": 0.2,
            "outbound_allowed_networks": ["127.0.0.0/8"],
        }
    )
    async with serve_subgraph(subgraph, settings_override=sending) as url:
        subscription = {
            "endpoint": closed,
            "p256dh": push_service.p256dh,
            "auth": push_service.auth,
        }
        owner = test_keys.bearer("u1")
        assert "errors" not in await gql(url, REGISTER, {"input": subscription}, owner)
        await achievement(bus, make_event, stored)
        body = await eventually(
            lambda: gql(url, DELIVERIES, headers=owner),
            lambda b: _push_delivery(b).get("lastError") is not None,
        )
    error = _push_delivery(body)["lastError"]
    assert error == "The push service did not accept the notification."


def _push_delivery(body: dict[str, Any]) -> dict[str, Any]:
    for edge in (body.get("data") or {}).get("notifications", {}).get("edges", []):
        for delivery in edge["node"]["deliveries"]:
            if delivery["channel"] == "PUSH":
                found: dict[str, Any] = delivery
                return found
    return {}
