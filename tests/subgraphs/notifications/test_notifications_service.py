"""Notification logic with a controlled clock: grouping, preferences, quiet hours, retries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from common.db import init_database
from common.errors import BadUserInput
from common.events import Event, transactional
from common.events.catalog import (
    MessageSent,
    PostCommented,
    PostLiked,
    ReminderDue,
    UserFollowed,
    UserRegistered,
)
from common.events.consumer import Applied, Failed, make_subscription
from common.infra import Infrastructure
from common.mail import SmtpMailSender
from common.repository import PageRequest
from subgraphs.notifications.domain.intents import PATTERNS
from subgraphs.notifications.events import CONSUMER
from subgraphs.notifications.models import (
    MODELS,
    Channel,
    Delivery,
    Kind,
    Notification,
    Status,
)
from subgraphs.notifications.repository.base import Session
from subgraphs.notifications.repository.deliveries import Deliveries
from subgraphs.notifications.repository.devices import Devices
from subgraphs.notifications.repository.presence import Presence
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.service.channels import EmailChannel
from subgraphs.notifications.service.notifications import (
    Config,
    DispatchReport,
    NotificationService,
    PreferenceChange,
    Repos,
)
from subgraphs.notifications.service.push import PushChannel
from tests.subgraphs.conftest import MakeEvent

from .conftest import MailServer

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

# 23:30 on a January evening in New York (UTC-5).
LATE_EVENING = datetime(2025, 1, 15, 4, 30, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def database(infra: Infrastructure) -> Any:
    return await init_database(infra.mongo, infra.settings, "notifications", MODELS)


def make_service(
    infra: Infrastructure,
    smtp: MailServer,
    clock: Clock,
    *,
    max_attempts: int = 3,
    repos: Repos | None = None,
) -> NotificationService:
    mail = SmtpMailSender(smtp.settings(infra.settings))
    return NotificationService(
        repos=repos,
        pubsub=infra.pubsub,
        presence=Presence(infra.redis, prefix=infra.settings.redis_prefix, ttl_seconds=60),
        senders={
            Channel.EMAIL: EmailChannel(mail, app_url="http://app.test"),
            Channel.PUSH: PushChannel(PushEndpoints(), Devices()),
        },
        config=Config(
            group_window_seconds=600, message_group_window_seconds=60, max_attempts=max_attempts
        ),
        clock=clock,
    )


async def offer(service: NotificationService, event: Event) -> Applied | Failed:
    """Apply `event` as the bus does: the kit's transactional subscription."""
    subscription = make_subscription(
        CONSUMER,
        ["users.user.*", *PATTERNS],
        transactional(service.handle),
        database=Notification.get_pymongo_collection().database,
        database_for=None,
    )
    return await subscription.apply(event)


async def deliver(service: NotificationService, *events: Event) -> None:
    for event in events:
        outcome = await offer(service, event)
        assert not isinstance(outcome, Failed), outcome


def reminder(make_event: MakeEvent, *, at: datetime, owner: str = "u1") -> Any:
    payload = ReminderDue(
        reminder_id="r1",
        owner_id=owner,
        target_type="habit",
        target_id="h1",
        title="Meditate",
        fire_at=at,
    )
    return make_event("goals.reminder.due", payload=payload, time=at)


async def register(service: NotificationService, make_event: MakeEvent, **fields: Any) -> None:
    payload = UserRegistered(user_id="u1", display_name="Una", **fields)
    await deliver(service, make_event("users.user.registered", payload=payload, time=LATE_EVENING))


async def test_likes_group_per_window_and_redelivery_changes_nothing(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    service = make_service(infra, smtp, Clock(LATE_EVENING))

    def like(liker: str, minutes: int) -> Any:
        payload = PostLiked(post_id="p1", author_id="u1", liker_id=liker)
        return make_event(
            "community.post.liked", payload=payload, time=LATE_EVENING + timedelta(minutes=minutes)
        )

    first = like("u2", 0)
    for event in (first, like("u3", 1), like("u4", 2), first, like("u1", 3)):
        await offer(service, event)
    await deliver(service, like("u5", 11))  # the next 10-minute window

    page = await service.inbox("u1", PageRequest(first=10))
    counts = sorted((n.event_count, tuple(n.actor_ids)) for n in page.items)
    assert counts == [(1, ("u5",)), (3, ("u2", "u3", "u4"))]
    assert await service.unread_count("u1") == 2
    # Likes do not email by default, and push needs a registered browser.
    assert await Delivery.find({}).count() == 0


async def test_preferences_choose_channels_per_kind(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    service = make_service(infra, smtp, Clock(LATE_EVENING))
    await service.update_preferences(
        "u1",
        [
            *(PreferenceChange(Kind.POST_LIKED, c, False) for c in Channel),
            PreferenceChange(Kind.POST_COMMENTED, Channel.IN_APP, False),
            PreferenceChange(Kind.POST_COMMENTED, Channel.EMAIL, True),
        ],
        quiet_hours=None,
        clear_quiet_hours=False,
    )
    await deliver(
        service,
        make_event(
            "community.post.liked", payload=PostLiked(post_id="p", author_id="u1", liker_id="u2")
        ),
    )
    await deliver(
        service,
        make_event(
            "community.post.commented",
            payload=PostCommented(post_id="p", author_id="u1", comment_id="c", commenter_id="u2"),
        ),
    )
    assert (await service.inbox("u1", PageRequest(first=10))).items == []
    assert await service.unread_count("u1") == 0
    deliveries = await Delivery.find({}).to_list()
    assert [(d.user_id, d.channel) for d in deliveries] == [("u1", Channel.EMAIL)]

    with pytest.raises(BadUserInput) as error:
        await service.update_preferences(
            "u1", [], quiet_hours=("10pm", "07:00"), clear_quiet_hours=False
        )
    assert error.value.field == "quietHours.start"


async def test_quiet_hours_hold_email_until_they_end_but_store_in_app(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    clock = Clock(LATE_EVENING)
    service = make_service(infra, smtp, clock)
    await register(service, make_event, email="una@example.test", timezone="America/New_York")
    await service.update_preferences(
        "u1", [], quiet_hours=("22:00", "07:00"), clear_quiet_hours=False
    )
    await deliver(service, reminder(make_event, at=LATE_EVENING))

    assert [n.kind for n in (await service.inbox("u1", PageRequest())).items] == [Kind.REMINDER]
    report = await service.dispatch_pending(LATE_EVENING)
    assert (report.held, report.sent) == (1, 0)
    seven_am = datetime(2025, 1, 15, 12, 0, tzinfo=UTC)
    delivery = await Delivery.find_one({"channel": "email"})
    assert delivery is not None
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (
        Status.PENDING,
        0,
        seven_am,
    )
    assert (await service.dispatch_pending(seven_am - timedelta(minutes=1))).sent == 0
    assert smtp.received.empty()

    assert (await service.dispatch_pending(seven_am)).sent == 1
    envelope = smtp.received.get_nowait()
    assert envelope.rcpt_tos == ["una@example.test"]
    assert b"Subject: Reminder: Meditate" in (envelope.content or b"")
    delivery = await Delivery.find_one({"channel": "email"})
    assert delivery is not None
    assert (delivery.status, delivery.attempts, delivery.sent_at) == (Status.SENT, 1, seven_am)


async def test_failed_attempts_back_off_then_fail_at_the_limit(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    smtp.reject = True
    start = LATE_EVENING
    service = make_service(infra, smtp, Clock(start), max_attempts=3)
    await register(service, make_event, email="una@example.test")
    await deliver(service, reminder(make_event, at=start))

    async def state() -> tuple[Status, int, datetime]:
        row = await Delivery.find_one({"channel": "email"})
        assert row is not None
        return row.status, row.attempts, row.next_attempt_at

    assert (await service.dispatch_pending(start)).retried == 1
    assert await state() == (Status.PENDING, 1, start + timedelta(seconds=30))
    assert (await service.dispatch_pending(start + timedelta(seconds=29))).retried == 0
    assert (await service.dispatch_pending(start + timedelta(seconds=30))).retried == 1
    assert await state() == (Status.PENDING, 2, start + timedelta(seconds=90))
    assert (await service.dispatch_pending(start + timedelta(seconds=90))).failed == 1
    status, attempts, _ = await state()
    assert (status, attempts) == (Status.FAILED, 3)
    row = await Delivery.find_one({"channel": "email"})
    assert row is not None
    # What the user reads says nothing about the mail server's answer.
    assert row.last_error == "The notification could not be delivered; it will be retried."
    assert await service.dispatch_pending(start + timedelta(days=1)) == DispatchReport()


async def test_email_without_an_address_fails_without_retrying(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    service = make_service(infra, smtp, Clock(LATE_EVENING))
    await register(service, make_event)  # no email known
    await deliver(service, reminder(make_event, at=LATE_EVENING))
    assert (await service.dispatch_pending(LATE_EVENING)).failed == 1
    row = await Delivery.find_one({"channel": "email"})
    assert row is not None
    assert (row.status, row.last_error) == (
        Status.FAILED,
        "no email address is known for this user",
    )


def like_at(make_event: MakeEvent, liker: str, at: datetime) -> Event:
    payload = PostLiked(post_id="p1", author_id="u1", liker_id=liker)
    return make_event("community.post.liked", payload=payload, time=at)


async def test_email_for_a_burst_waits_for_the_window_and_tells_the_whole_burst(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    service = make_service(infra, smtp, Clock(LATE_EVENING))
    await register(service, make_event, email="una@example.test")
    change = PreferenceChange(Kind.POST_LIKED, Channel.EMAIL, True)
    await service.update_preferences("u1", [change], quiet_hours=None, clear_quiet_hours=False)
    # LATE_EVENING starts a 10-minute window; all three likes fall in it.
    for n, liker in enumerate(("u2", "u3", "u4")):
        await deliver(service, like_at(make_event, liker, LATE_EVENING + timedelta(minutes=n)))

    window_end = LATE_EVENING + timedelta(minutes=10)
    delivery = await Delivery.find_one({"channel": "email"})
    assert delivery is not None
    assert delivery.next_attempt_at == window_end
    assert (await service.dispatch_pending(window_end - timedelta(seconds=1))).sent == 0
    assert smtp.received.empty()

    assert (await service.dispatch_pending(window_end)).sent == 1
    envelope = smtp.received.get_nowait()
    assert b"Subject: 3 people liked your post" in (envelope.content or b"")
    assert smtp.received.empty()
    assert await Delivery.find({}).count() == 1


def message_at(make_event: MakeEvent, message: str, at: datetime) -> Event:
    payload = MessageSent(
        conversation_id="c1",
        message_id=message,
        sender_id="u2",
        recipient_ids=["u1"],
        preview=f"text of {message}",
    )
    return make_event("chat.message.sent", payload=payload, time=at)


async def test_chat_messages_to_an_offline_member_wait_one_minute_not_ten(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    service = make_service(infra, smtp, Clock(LATE_EVENING))
    await register(service, make_event, email="una@example.test")
    change = PreferenceChange(Kind.MESSAGE, Channel.EMAIL, True)
    await service.update_preferences("u1", [change], quiet_hours=None, clear_quiet_hours=False)
    # Two messages in one minute-long window: one email, due when the minute ends.
    await deliver(service, message_at(make_event, "m1", LATE_EVENING))
    await deliver(service, message_at(make_event, "m2", LATE_EVENING + timedelta(seconds=20)))
    minute_end = LATE_EVENING + timedelta(minutes=1)
    first = await Delivery.find_one({"channel": "email"})
    assert first is not None
    assert first.next_attempt_at == minute_end
    assert (await service.dispatch_pending(minute_end)).sent == 1
    assert b"2 new messages" in (smtp.received.get_nowait().content or b"")

    # The next minute is a new notification with an email of its own.
    await deliver(service, message_at(make_event, "m3", minute_end + timedelta(seconds=5)))
    assert await Delivery.find({"channel": "email"}).count() == 2
    assert (await service.dispatch_pending(minute_end + timedelta(minutes=1))).sent == 1


async def test_reminders_and_achievements_are_not_held_back(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    service = make_service(infra, smtp, Clock(LATE_EVENING + timedelta(minutes=1)))
    await register(service, make_event, email="una@example.test")
    await deliver(service, reminder(make_event, at=LATE_EVENING + timedelta(minutes=1)))
    assert (await service.dispatch_pending(LATE_EVENING + timedelta(minutes=1))).sent == 1


async def test_a_refollow_in_the_window_is_no_news_and_an_unfollow_cancels_the_email(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    service = make_service(infra, smtp, Clock(LATE_EVENING))
    await register(service, make_event, email="una@example.test")
    change = PreferenceChange(Kind.NEW_FOLLOWER, Channel.EMAIL, True)
    await service.update_preferences("u1", [change], quiet_hours=None, clear_quiet_hours=False)

    def follow(kind: str, minute: int) -> Event:
        payload = UserFollowed(follower_id="u2", followee_id="u1")
        at = LATE_EVENING + timedelta(minutes=minute)
        return make_event(f"community.user.{kind}", payload=payload, time=at)

    await deliver(service, follow("followed", 0))
    assert await service.mark_read("u1", None) == 1
    await deliver(service, follow("unfollowed", 1), follow("followed", 2))

    [entry] = (await service.inbox("u1", PageRequest())).items
    assert (entry.event_count, entry.actor_ids, entry.read) == (1, ["u2"], True)
    assert await service.unread_count("u1") == 0

    await deliver(service, follow("unfollowed", 3))
    report = await service.dispatch_pending(LATE_EVENING + timedelta(minutes=10))
    assert (report.sent, report.failed) == (0, 1)
    assert smtp.received.empty()
    delivery = await Delivery.find_one({"channel": "email"})
    assert delivery is not None
    assert (delivery.status, delivery.last_error) == (
        Status.FAILED,
        "every new follower unfollowed",
    )


class FailingDeliveries(Deliveries):
    """The real repository, failing right after writing: a crash between the two writes."""

    async def ensure(self, *args: Any, session: Session, **kwargs: Any) -> None:
        await super().ensure(*args, session=session, **kwargs)
        raise ConnectionError("lost the database mid-transaction")


async def test_a_notification_and_its_deliveries_commit_together_or_not_at_all(
    database: Any, infra: Infrastructure, smtp: MailServer, make_event: MakeEvent
) -> None:
    clock = Clock(LATE_EVENING)
    failing = make_service(infra, smtp, clock, repos=Repos(deliveries=FailingDeliveries()))
    event = reminder(make_event, at=LATE_EVENING)

    outcome = await offer(failing, event)

    assert isinstance(outcome, Failed)
    assert await Notification.find({}).count() == 0
    assert await Delivery.find({}).count() == 0
    assert await database["processed_events"].count_documents({}) == 0

    service = make_service(infra, smtp, clock)
    assert await offer(service, event) is Applied.APPLIED
    assert await offer(service, event) is Applied.DUPLICATE
    assert await Notification.find({}).count() == 1
    assert [d.channel for d in await Delivery.find({}).to_list()] == [Channel.EMAIL]
