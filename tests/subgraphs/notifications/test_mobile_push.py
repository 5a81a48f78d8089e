"""FCM and APNs delivery against loopback servers speaking each protocol, with a controlled
clock: token caching and rotation, dead tokens, Retry-After, partial failures, size limits."""

from __future__ import annotations

import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import trustme
from pydantic import SecretStr

from common.db import init_database
from common.infra import Infrastructure
from common.settings import NotificationsSettings
from subgraphs.notifications.domain.intents import Intent
from subgraphs.notifications.models import MODELS, Channel, Delivery, Kind, Platform, Status
from subgraphs.notifications.repository.devices import Devices
from subgraphs.notifications.repository.presence import Presence
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.service.apns import (
    TOKEN_LIFETIME_SECONDS,
    Apns,
    ProviderToken,
    SigningKey,
)
from subgraphs.notifications.service.fcm import AccessTokens, Fcm, ServiceAccount
from subgraphs.notifications.service.notifications import (
    Config,
    NotificationService,
    PreferenceChange,
)
from subgraphs.notifications.service.push import PushChannel

from .providers import ApnsServer, FcmServer, apns_server, fcm_server, unregistered

pytestmark = [pytest.mark.redis]

NOW = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
ANDROID = "fcm-token-android-1:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx"
IOS = "a" * 64
IOS_2 = "b" * 64
APP = "app.lifegraph.ios"


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def tls() -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A test CA: the server's context with a certificate for 127.0.0.1; the client's trusts it."""
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server)
    client = ssl.create_default_context()
    ca.configure_trust(client)
    return server, client


@pytest.fixture
async def fcm() -> AsyncIterator[FcmServer]:
    async with fcm_server() as server:
        yield server


@pytest.fixture
async def apns(tls: tuple[ssl.SSLContext, ssl.SSLContext]) -> AsyncIterator[ApnsServer]:
    async with apns_server(tls[0]) as server:
        yield server


@pytest.fixture
async def database(infra: Infrastructure) -> Any:
    return await init_database(infra.mongo, infra.settings, "notifications", MODELS)


def fcm_settings(fcm: FcmServer) -> NotificationsSettings:
    return NotificationsSettings(
        fcm_service_account_json=SecretStr(fcm.service_account_json()),
        fcm_token_uri=fcm.token_uri,
        fcm_base_url=fcm.url,
    )


def signing_key(apns: ApnsServer) -> SigningKey:
    return SigningKey(apns.key_id, apns.team_id, apns.private_key_pem)


@pytest.fixture
async def service(
    database: Any,
    infra: Infrastructure,
    fcm: FcmServer,
    apns: ApnsServer,
    tls: tuple[ssl.SSLContext, ssl.SSLContext],
) -> AsyncIterator[tuple[NotificationService, Clock]]:
    account = ServiceAccount.from_settings(fcm_settings(fcm))
    assert account is not None
    push = PushChannel(
        PushEndpoints(),
        Devices(),
        fcm=Fcm(account, base_url=fcm.url),
        apns=Apns(signing_key(apns), base_url=apns.url, verify=tls[1]),
    )
    clock = Clock(NOW)
    built = NotificationService(
        pubsub=infra.pubsub,
        presence=Presence(infra.redis, prefix=infra.settings.redis_prefix, ttl_seconds=60),
        senders={Channel.PUSH: push},
        config=Config(max_attempts=5),
        clock=clock,
    )
    try:
        yield built, clock
    finally:
        await push.aclose()


async def register(service: NotificationService, platform: Platform, token: str) -> None:
    await service.register_device("u1", platform, token, APP)


async def remind(service: NotificationService, *, title: str = "Stretch") -> Delivery:
    # Push alone: reminders also go by email by default.
    no_mail = PreferenceChange(Kind.REMINDER, Channel.EMAIL, enabled=False)
    await service.update_preferences("u1", [no_mail], quiet_hours=None, clear_quiet_hours=False)
    intent = Intent("u1", Kind.REMINDER, "r1", NOW, data={"title": title, "fire_at": "12:00"})
    notification = await service.notify(intent)
    assert notification is not None
    deliveries = await service.deliveries([str(notification.id)])
    [push] = [d for d in deliveries[str(notification.id)] if d.channel.value == "push"]
    return push


async def reload(delivery: Delivery) -> Delivery:
    found = await Delivery.get(delivery.id)
    assert found is not None
    return found


async def test_fcm_and_apns_deliver_with_verified_tokens_over_http2(
    service: tuple[NotificationService, Clock], fcm: FcmServer, apns: ApnsServer
) -> None:
    notifications, _ = service
    await register(notifications, Platform.ANDROID, ANDROID)
    await register(notifications, Platform.IOS, IOS)
    delivery = await remind(notifications)

    report = await notifications.dispatch_pending(NOW)

    assert report.sent == 1
    assert (await reload(delivery)).status is Status.SENT
    [(token, message)] = fcm.received
    assert token == ANDROID
    assert message["notification"] == {"title": "Reminder: Stretch", "body": "Due at 12:00"}
    assert message["data"]["kind"] == "reminder"
    assert fcm.token_requests == 1
    [request] = apns.received
    assert apns.alpn == ["h2"]  # TLS agreed on HTTP/2, and the h2 server parsed it
    assert request.headers[":path"] == f"/3/device/{IOS}"
    assert request.headers["apns-topic"] == APP
    assert request.headers["apns-push-type"] == "alert"
    assert request.body["aps"]["alert"] == {"title": "Reminder: Stretch", "body": "Due at 12:00"}
    assert apns.refused_tokens == 0
    assert apns._verify(f"bearer {request.provider_token}") == request.provider_token


async def test_a_revoked_token_removes_the_device(
    service: tuple[NotificationService, Clock], fcm: FcmServer, apns: ApnsServer
) -> None:
    notifications, _ = service
    await register(notifications, Platform.ANDROID, ANDROID)
    await register(notifications, Platform.IOS, IOS)
    await register(notifications, Platform.IOS, IOS_2)
    fcm.answers[ANDROID] = [unregistered()]
    apns.answers[IOS] = [(410, {"reason": "Unregistered", "timestamp": 1}, {})]
    apns.answers[IOS_2] = [(400, {"reason": "BadDeviceToken"}, {})]
    delivery = await remind(notifications)

    await notifications.dispatch_pending(NOW)

    assert await notifications.devices("u1") == []
    failed = await reload(delivery)
    assert failed.status is Status.FAILED
    assert failed.last_error == "every push subscription has expired"


async def test_rate_limited_pushes_wait_for_retry_after_and_go_only_where_missing(
    service: tuple[NotificationService, Clock], fcm: FcmServer, apns: ApnsServer
) -> None:
    notifications, _ = service
    await register(notifications, Platform.ANDROID, ANDROID)
    await register(notifications, Platform.IOS, IOS)
    busy = {"error": {"code": 429, "status": "RESOURCE_EXHAUSTED"}}
    fcm.answers[ANDROID] = [(429, busy, {"Retry-After": "120"}), (200, None, {})]
    delivery = await remind(notifications)

    report = await notifications.dispatch_pending(NOW)

    assert report.retried == 1
    pending = await reload(delivery)
    assert pending.status is Status.PENDING
    # The provider's 120 s, not the first back-off's 30 s.
    assert pending.next_attempt_at.replace(tzinfo=UTC) == NOW + timedelta(seconds=120)
    assert pending.reached == [f"ios:{IOS}"]
    assert (await notifications.dispatch_pending(NOW + timedelta(seconds=119))).retried == 0

    report = await notifications.dispatch_pending(NOW + timedelta(seconds=120))

    assert report.sent == 1
    assert [token for token, _ in fcm.received] == [ANDROID]
    assert len(apns.received) == 1  # the phone that had it is not pushed twice
    assert fcm.token_requests == 1  # the access token was cached between the attempts
    assert (await reload(delivery)).status is Status.SENT


async def test_server_errors_are_retried_with_backoff(
    service: tuple[NotificationService, Clock], apns: ApnsServer
) -> None:
    notifications, _ = service
    await register(notifications, Platform.IOS, IOS)
    apns.answers[IOS] = [(503, {"reason": "ServiceUnavailable"}, {}), (200, None, {})]
    delivery = await remind(notifications)

    assert (await notifications.dispatch_pending(NOW)).retried == 1
    pending = await reload(delivery)
    assert pending.next_attempt_at.replace(tzinfo=UTC) == NOW + timedelta(seconds=30)
    assert pending.last_error == "The push service did not accept the notification."
    assert (await notifications.dispatch_pending(NOW + timedelta(seconds=30))).sent == 1
    assert len(apns.received) == 1


async def test_payloads_are_cut_to_the_providers_4_kb(
    service: tuple[NotificationService, Clock], fcm: FcmServer, apns: ApnsServer
) -> None:
    notifications, _ = service
    await register(notifications, Platform.ANDROID, ANDROID)
    await register(notifications, Platform.IOS, IOS)
    await remind(notifications, title="ß" * 6000)  # 12 KB of UTF-8

    assert (await notifications.dispatch_pending(NOW)).sent == 1

    [request] = apns.received
    assert request.size <= 4096
    assert request.body["aps"]["alert"]["title"].endswith("…")
    [(_, message)] = fcm.received
    content = {k: v for k, v in message.items() if k != "token"}
    assert len(httpx.Request("POST", "/", json=content).content) <= 4096
    assert message["notification"]["title"].startswith("Reminder: ßß")
    assert message["notification"]["body"] == "Due at 12:00"


async def test_fcm_access_token_is_cached_until_it_expires(fcm: FcmServer) -> None:
    account = ServiceAccount.from_settings(fcm_settings(fcm))
    assert account is not None
    now = [1_000_000.0]
    async with httpx.AsyncClient() as client:
        tokens = AccessTokens(account, client, clock=lambda: now[0])
        first = await tokens.get()
        assert await tokens.get() == first
        now[0] += fcm.expires_in - 61
        assert await tokens.get() == first
        now[0] += 2  # within a minute of expiry: renewed before it can be sent stale
        second = await tokens.get()
    assert second != first
    assert fcm.token_requests == 2
    assert {first, second} <= fcm.issued


def test_fcm_accepts_the_service_account_as_separate_fields(fcm: FcmServer) -> None:
    settings = NotificationsSettings(
        fcm_project_id="p1",
        fcm_client_email="a@p1.iam.gserviceaccount.com",
        fcm_private_key=SecretStr("-----BEGIN PRIVATE KEY-----..."),
    )
    account = ServiceAccount.from_settings(settings)
    assert account is not None
    assert account.project_id == "p1"
    assert ServiceAccount.from_settings(NotificationsSettings()) is None


async def test_apns_provider_token_rotates_every_50_minutes(apns: ApnsServer) -> None:
    now = [1_000_000.0]
    tokens = ProviderToken(signing_key(apns), clock=lambda: now[0])
    first = tokens.get()
    now[0] += TOKEN_LIFETIME_SECONDS - 1
    assert tokens.get() == first
    now[0] += 1
    rotated = tokens.get()
    assert rotated != first
    assert TOKEN_LIFETIME_SECONDS < 3600
    # Both verify against the team's public key, as APNs checks them.
    assert apns._verify(f"bearer {first}")
    assert apns._verify(f"bearer {rotated}")


async def test_unconfigured_transports_fail_the_delivery_at_once(
    database: Any, infra: Infrastructure
) -> None:
    push = PushChannel(PushEndpoints(), Devices())
    notifications = NotificationService(
        pubsub=infra.pubsub,
        presence=Presence(infra.redis, prefix=infra.settings.redis_prefix, ttl_seconds=60),
        senders={Channel.PUSH: push},
        clock=Clock(NOW),
    )
    await register(notifications, Platform.ANDROID, ANDROID)
    delivery = await remind(notifications)
    assert (await notifications.dispatch_pending(NOW)).failed == 1
    failed = await reload(delivery)
    assert failed.last_error == "push is not configured for the user's devices"
    assert [d.token for d in await notifications.devices("u1")] == [ANDROID]
