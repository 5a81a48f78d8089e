"""SMS as a notification channel through a Twilio-compatible API on loopback, and the
development provider that writes texts to the dev mailbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import SecretStr

from common.db import init_database
from common.errors import BadUserInput
from common.infra import Infrastructure
from common.mail import dev_mailbox_directory
from common.settings import SubgraphSettings
from common.sms import DevSms, TwilioSms, sms_sender_from
from subgraphs.notifications.domain.intents import Intent
from subgraphs.notifications.models import MODELS, Channel, Delivery, Kind, Status
from subgraphs.notifications.repository.presence import Presence
from subgraphs.notifications.service.notifications import NotificationService, PreferenceChange
from subgraphs.notifications.service.sms import SmsChannel

from .providers import Twilio, twilio_server

pytestmark = [pytest.mark.redis]

NOW = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
SID = "AC0123456789abcdef0123456789abcdef"
AUTH = "secret-auth-token"
PHONE = "+14155550123"


@pytest.fixture
async def twilio() -> AsyncIterator[Twilio]:
    async with twilio_server(SID, AUTH) as server:
        yield server


@pytest.fixture
async def service(
    infra: Infrastructure, twilio: Twilio
) -> AsyncIterator[tuple[NotificationService, TwilioSms]]:
    await init_database(infra.mongo, infra.settings, "notifications", MODELS)
    settings = SubgraphSettings(
        sms_account_sid=SID,
        sms_auth_token=SecretStr(AUTH),
        sms_from="+15005550006",
        sms_base_url=twilio.url,
    )
    sms = sms_sender_from(settings)
    assert isinstance(sms, TwilioSms)
    built = NotificationService(
        pubsub=infra.pubsub,
        presence=Presence(infra.redis, prefix=infra.settings.redis_prefix, ttl_seconds=60),
        senders={Channel.SMS: SmsChannel(sms)},
        clock=lambda: NOW,
    )
    try:
        yield built, sms
    finally:
        await sms.aclose()


async def opt_in(service: NotificationService, *, phone: str | None = PHONE) -> None:
    await service.repos.recipients.apply("u1", email=None, phone=phone, timezone="UTC", as_of=NOW)
    changes = [
        PreferenceChange(Kind.REMINDER, Channel.SMS, enabled=True),
        PreferenceChange(Kind.REMINDER, Channel.EMAIL, enabled=False),
        PreferenceChange(Kind.REMINDER, Channel.PUSH, enabled=False),
    ]
    await service.update_preferences("u1", changes, quiet_hours=None, clear_quiet_hours=False)


async def remind(service: NotificationService) -> list[Delivery]:
    intent = Intent("u1", Kind.REMINDER, "r1", NOW, data={"title": "Stretch", "fire_at": "12:00"})
    notification = await service.notify(intent)
    assert notification is not None
    return (await service.deliveries([str(notification.id)])).get(str(notification.id), [])


async def test_an_opted_in_reminder_is_texted_through_the_twilio_api(
    service: tuple[NotificationService, TwilioSms], twilio: Twilio
) -> None:
    notifications, _ = service
    await opt_in(notifications)
    [delivery] = await remind(notifications)
    assert delivery.channel is Channel.SMS

    assert (await notifications.dispatch_pending(NOW)).sent == 1

    [form] = twilio.received
    assert form == {
        "To": PHONE,
        "From": "+15005550006",
        "Body": "LifeGraph: Reminder: Stretch. Due at 12:00",
    }


async def test_a_busy_provider_is_retried_after_its_retry_after(
    service: tuple[NotificationService, TwilioSms], twilio: Twilio
) -> None:
    notifications, _ = service
    await opt_in(notifications)
    twilio.answers = [(429, {"Retry-After": "90"})]
    [delivery] = await remind(notifications)

    assert (await notifications.dispatch_pending(NOW)).retried == 1
    pending = await Delivery.get(delivery.id)
    assert pending is not None
    assert pending.next_attempt_at.replace(tzinfo=UTC) == NOW + timedelta(seconds=90)
    assert (await notifications.dispatch_pending(NOW + timedelta(seconds=90))).sent == 1
    assert len(twilio.received) == 1
    final = await Delivery.get(delivery.id)
    assert final is not None
    assert final.status is Status.SENT


async def test_no_sms_without_a_verified_number_or_for_kinds_not_allowed(
    service: tuple[NotificationService, TwilioSms], twilio: Twilio
) -> None:
    notifications, _ = service
    await opt_in(notifications, phone=None)
    assert await remind(notifications) == []  # nowhere to text: no delivery at all
    with pytest.raises(BadUserInput):
        await notifications.update_preferences(
            "u1",
            [PreferenceChange(Kind.POST_LIKED, Channel.SMS, enabled=True)],
            quiet_hours=None,
            clear_quiet_hours=False,
        )
    prefs = await notifications.preferences("u1")
    assert Kind.POST_LIKED.value not in prefs.channels
    assert twilio.received == []


async def test_development_texts_go_to_the_dev_mailbox_not_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = SubgraphSettings(environment="development", data_dir=tmp_path)
    sms = sms_sender_from(settings)
    assert isinstance(sms, DevSms)
    await sms.send(to=PHONE, text="Your LifeGraph code is 493817")
    [written] = list(dev_mailbox_directory(tmp_path).iterdir())
    raw = written.read_text()
    assert f"To: {PHONE}@sms.invalid" in raw
    assert "493817" in raw
    assert "493817" not in caplog.text
