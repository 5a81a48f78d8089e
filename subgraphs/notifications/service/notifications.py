"""Notifications domain logic: events in, grouped inbox entries and channel deliveries out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial

from pymongo.asynchronous.client_session import AsyncClientSession

from common.errors import BadUserInput, NotFound
from common.events import Event, after_commit
from common.events.catalog import (
    UserDeleted,
    UserFollowed,
    UserRegistered,
    UserUpdated,
    payload_of,
)
from common.pubsub import PubSub
from common.pubsub.resume import replay_then_live
from common.repository import Page, PageRequest
from common.urlguard import RefusedUrl, UrlGuard
from subgraphs.notifications.domain import validation
from subgraphs.notifications.domain.delivery import PER_PERSON, delivery_due, retry_delay
from subgraphs.notifications.domain.intents import Intent, intents_from
from subgraphs.notifications.domain.preferences import (
    enabled,
    enabled_channels,
    parse_clock,
    quiet_until,
)
from subgraphs.notifications.domain.rendering import remaining_actors
from subgraphs.notifications.models import (
    Channel,
    Delivery,
    Device,
    Kind,
    Notification,
    Platform,
    Preferences,
    PushEndpoint,
    Status,
)
from subgraphs.notifications.repository.base import Session
from subgraphs.notifications.repository.deliveries import Deliveries
from subgraphs.notifications.repository.devices import Devices
from subgraphs.notifications.repository.notifications import Fold, Notifications
from subgraphs.notifications.repository.presence import Presence
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.repository.users import PreferencesRepo, Recipients
from subgraphs.notifications.service.channels import (
    ChannelSender,
    Outgoing,
    PermanentFailure,
    RetryableFailure,
)

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
# Inbox entries read from the store per query while replaying a resumed subscription.
REPLAY_PAGE = 100
# A claimed delivery is retried after this long if its dispatcher died mid-send.
LEASE = timedelta(minutes=2)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Config:
    group_window_seconds: int = 600
    # Chat messages group in shorter windows: their email/push waits for the end of
    # the window, and a message is worth knowing about sooner than a like.
    message_group_window_seconds: int = 60
    max_attempts: int = 5
    max_devices: int = 20

    def window_seconds(self, kind: Kind) -> int:
        if kind is Kind.MESSAGE:
            return self.message_group_window_seconds
        return self.group_window_seconds


@dataclass
class DispatchReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    held: int = 0


@dataclass(frozen=True)
class PreferenceChange:
    kind: Kind
    channel: Channel
    enabled: bool


@dataclass(frozen=True)
class Audience:
    """An event's recipients' settings, read once for all of them."""

    preferences: Mapping[str, Preferences]
    push_users: set[str]


@dataclass(frozen=True)
class Repos:
    notifications: Notifications = field(default_factory=Notifications)
    deliveries: Deliveries = field(default_factory=Deliveries)
    preferences: PreferencesRepo = field(default_factory=PreferencesRepo)
    recipients: Recipients = field(default_factory=Recipients)
    push: PushEndpoints = field(default_factory=PushEndpoints)
    devices: Devices = field(default_factory=Devices)


def public_error(exc: Exception) -> str:
    """What a user may read about a failed attempt: never addresses, ports or socket errors,
    which would turn deliveries into a port scanner (the details are in the log)."""
    if isinstance(exc, RetryableFailure):
        return str(exc)
    return "The notification could not be delivered; it will be retried."


class NotificationService:
    def __init__(
        self,
        *,
        pubsub: PubSub,
        presence: Presence,
        senders: Mapping[Channel, ChannelSender],
        repos: Repos | None = None,
        config: Config = Config(),
        clock: Clock = _utc_now,
        push_guard: UrlGuard | None = None,
    ) -> None:
        self.repos = repos or Repos()
        self._pubsub = pubsub
        self._presence = presence
        self._senders = dict(senders)
        self._config = config
        self._clock = clock
        self._push_guard = push_guard or UrlGuard()
        self._wake = asyncio.Event()

    # -- consuming ---------------------------------------------------------

    async def handle(self, event: Event, session: AsyncClientSession | None) -> None:
        """The transactional consumer: every inbox row and delivery of an event commit together
        with its processed id, so a redelivery or a crash half-way never notifies twice."""
        if event.type.startswith("users.user."):
            await self._user_changed(event, session)
            return
        if event.type == "community.user.unfollowed":
            follow = payload_of(event.type, event.data)
            assert isinstance(follow, UserFollowed)
            await self.repos.notifications.withdraw_actor(
                follow.followee_id, Kind.NEW_FOLLOWER, follow.follower_id, session=session
            )
            return
        intents = [
            intent
            for intent in intents_from(event)
            # Online, they are in the app and see the message in chat.
            if not (intent.kind is Kind.MESSAGE and await self._presence.is_online(intent.user_id))
        ]
        if _fans_out(intents):
            # A group message has a recipient per member: their settings in two reads
            # and their rows in a few bulk writes, not a round trip or two per member.
            audience = await self._audience([i.user_id for i in intents])
            await self._notify_all(intents, audience, session=session)
            return
        for intent in intents:
            await self.notify(intent, session=session)

    async def _audience(self, user_ids: list[str]) -> Audience:
        return Audience(
            await self.repos.preferences.find_many(user_ids),
            await self.repos.push.users_with_endpoints(user_ids)
            | await self.repos.devices.users_with_devices(user_ids),
        )

    async def _reachable(self, user_id: str, channel: Channel) -> bool:
        """Push without a registered browser or phone, or SMS without a verified number,
        has nowhere to go; email without an address is still recorded (and FAILED with
        the reason) so it is visible."""
        if channel is Channel.PUSH:
            return bool(
                await self.repos.push.for_user(user_id)
                or await self.repos.devices.for_user(user_id)
            )
        if channel is Channel.SMS:
            recipient = await self.repos.recipients.find(user_id)
            return recipient is not None and recipient.phone is not None
        return True

    async def _user_changed(self, event: Event, session: Session) -> None:
        payload = payload_of(event.type, event.data)
        if isinstance(payload, UserDeleted):
            await self.forget_user(payload.user_id, session=session)
        elif isinstance(payload, UserRegistered | UserUpdated):
            await self.repos.recipients.apply(
                payload.user_id,
                email=payload.email,
                phone=payload.phone,
                timezone=payload.timezone,
                as_of=event.time,
                session=session,
            )

    def external_due(self, kind: Kind, window: int, now: datetime) -> datetime:
        """When email/push for a notification in `window` should go out."""
        return delivery_due(kind, window, self._config.window_seconds(kind), now)

    async def notify(self, intent: Intent, *, session: Session = None) -> Notification | None:
        """Fold `intent` into its recipient's inbox and queue its deliveries."""
        prefs = await self.repos.preferences.find(intent.user_id)
        channels = enabled_channels(prefs, intent.kind)
        if not channels:
            return None
        now = self._clock()
        window = int(intent.at.timestamp() // self._config.window_seconds(intent.kind))
        notification, news = await self.repos.notifications.fold_in(
            user_id=intent.user_id,
            kind=intent.kind,
            target_id=intent.target_id,
            window=window,
            actor_id=intent.actor_id,
            data=intent.data,
            in_app=Channel.IN_APP in channels,
            now=now,
            quiet_repeat=intent.kind in PER_PERSON,
            session=session,
        )
        if not news:
            return notification
        due = self.external_due(intent.kind, window, now)
        for channel in channels:
            if channel is Channel.IN_APP or not await self._reachable(intent.user_id, channel):
                continue
            await self.repos.deliveries.ensure(
                notification, channel, due=due, now=now, session=session
            )
        # Only once committed: a subscriber reads the row back, a dispatcher the deliveries.
        if notification.in_app:
            await after_commit(partial(self._announce, intent.user_id, str(notification.id)))
        await after_commit(self._wake_dispatcher)
        return notification

    async def _notify_all(
        self, intents: list[Intent], audience: Audience, *, session: Session
    ) -> None:
        """`notify` for one event's many recipients, each once, in bulk: the same rows,
        deliveries and announcements, in a constant number of round trips."""
        now = self._clock()
        folds: list[Fold] = []
        external: dict[tuple[str, int], list[Channel]] = {}
        for intent in intents:
            channels = enabled_channels(audience.preferences.get(intent.user_id), intent.kind)
            if not channels:
                continue
            fold = Fold(
                user_id=intent.user_id,
                kind=intent.kind,
                target_id=intent.target_id,
                window=int(intent.at.timestamp() // self._config.window_seconds(intent.kind)),
                actor_id=intent.actor_id,
                data=intent.data,
                in_app=Channel.IN_APP in channels,
            )
            folds.append(fold)
            external[fold.group_key, fold.window] = [
                channel
                for channel in channels
                if channel is not Channel.IN_APP
                # SMS is only for kinds that never fan out (validation.sms_kind).
                and channel is not Channel.SMS
                and (channel is not Channel.PUSH or intent.user_id in audience.push_users)
            ]
        rows = await self.repos.notifications.fold_in_many(folds, now=now, session=session)
        wanted = [
            (row, channel, self.external_due(row.kind, row.window, now))
            for row in rows
            for channel in external[row.group_key, row.window]
        ]
        await self.repos.deliveries.ensure_many(wanted, now=now, session=session)
        for row in rows:
            if row.in_app:
                await after_commit(partial(self._announce, row.user_id, str(row.id)))
        if rows:
            await after_commit(self._wake_dispatcher)

    async def _announce(self, user_id: str, notification_id: str) -> None:
        await self._pubsub.publish(_channel(user_id), {"id": notification_id})

    async def _wake_dispatcher(self) -> None:
        self._wake.set()

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        r = self.repos
        for repo in (r.notifications, r.deliveries, r.preferences, r.recipients, r.push, r.devices):
            await repo.forget_user(user_id, session=session)

    # -- inbox -------------------------------------------------------------

    async def inbox(
        self, user_id: str, request: PageRequest, *, unread_only: bool = False
    ) -> Page[Notification]:
        return await self.repos.notifications.inbox(user_id, request, unread_only=unread_only)

    async def notification(self, user_id: str, id: str) -> Notification | None:
        return await self.repos.notifications.owned(user_id, id)

    async def notifications_by_id(self, ids: list[str]) -> dict[str, Notification]:
        return await self.repos.notifications.get_many(ids)

    async def unread_count(self, user_id: str) -> int:
        return await self.repos.notifications.unread_count(user_id)

    async def mark_read(self, user_id: str, ids: list[str] | None) -> int:
        if ids is not None:
            validation.ids_to_mark(ids)
        return await self.repos.notifications.mark_read(user_id, ids)

    async def deliveries(self, notification_ids: list[str]) -> dict[str, list[Delivery]]:
        return await self.repos.deliveries.for_notifications(notification_ids)

    @asynccontextmanager
    async def live(
        self, user_id: str, *, after: int | None = None
    ) -> AsyncIterator[AsyncIterator[Notification]]:
        """New and updated inbox entries while the block runs; the user counts as online.

        With `after` (a change position, `domain/cursors.py`), first every entry changed
        since it, oldest change first (`common.pubsub.resume`).
        """
        async with self._pubsub.subscribe(_channel(user_id)) as sub, self._presence.online(user_id):

            async def stream() -> AsyncIterator[Notification]:
                async for message in sub:
                    found = await self.repos.notifications.owned(user_id, str(message.get("id")))
                    if found is not None and found.in_app:
                        yield found

            if after is None:
                yield stream()
            else:
                backlog = self._changed_after(user_id, after)
                yield replay_then_live(stream(), backlog, position=_position, after=after)

    async def _changed_after(self, user_id: str, seq: int) -> AsyncIterator[Notification]:
        while True:
            page = await self.repos.notifications.changed_after(user_id, seq, first=REPLAY_PAGE)
            for row in page:
                yield row
            if len(page) < REPLAY_PAGE:
                return
            seq = page[-1].seq

    # -- preferences and push subscriptions ---------------------------------

    async def preferences(self, user_id: str) -> Preferences:
        return await self.repos.preferences.find(user_id) or Preferences(user_id=user_id)

    async def update_preferences(
        self,
        user_id: str,
        changes: list[PreferenceChange],
        *,
        quiet_hours: tuple[str, str] | None,
        clear_quiet_hours: bool,
    ) -> Preferences:
        validation.channel_changes(len(changes))
        prefs = await self.preferences(user_id)
        for change in changes:
            if change.enabled and change.channel is Channel.SMS:
                validation.sms_kind(change.kind)
            prefs.channels.setdefault(change.kind.value, {})[change.channel.value] = change.enabled
        if clear_quiet_hours:
            prefs.quiet_start = prefs.quiet_end = None
        elif quiet_hours is not None:
            for name, value in zip(("start", "end"), quiet_hours, strict=True):
                validation.clock(value, f"quietHours.{name}")
                try:
                    parse_clock(value)
                except ValueError as exc:
                    raise BadUserInput(
                        "Quiet hours are local times as HH:MM.", field=f"quietHours.{name}"
                    ) from exc
            prefs.quiet_start, prefs.quiet_end = quiet_hours
        return await self.repos.preferences.put(prefs)

    async def register_push(
        self, user_id: str, endpoint: str, p256dh: str, auth: str
    ) -> PushEndpoint:
        validation.endpoint_length(endpoint)
        validation.push_keys(p256dh, auth)
        try:
            await self._push_guard.check(endpoint)
        except RefusedUrl as exc:
            raise BadUserInput(str(exc), field="endpoint") from exc
        row = PushEndpoint(
            user_id=user_id, endpoint=endpoint, p256dh=p256dh, auth=auth, created_at=self._clock()
        )
        return await self.repos.push.register(row)

    async def remove_push(self, user_id: str, endpoint: str) -> None:
        validation.endpoint_length(endpoint)
        if not await self.repos.push.remove(user_id, endpoint):
            raise NotFound("No such push subscription.")

    async def register_device(
        self, user_id: str, platform: Platform, token: str, app_id: str
    ) -> Device:
        validation.device_token(platform, token)
        validation.app_id(app_id)
        row = Device(
            user_id=user_id,
            platform=platform,
            token=token,
            app_id=app_id,
            created_at=self._clock(),
        )
        return await self.repos.devices.register(row, keep=self._config.max_devices)

    async def devices(self, user_id: str) -> list[Device]:
        return await self.repos.devices.for_user(user_id)

    async def unregister_device(self, user_id: str, platform: Platform, token: str) -> None:
        validation.device_token(platform, token)
        if not await self.repos.devices.remove(user_id, platform, token):
            raise NotFound("No such device.")

    # -- delivery ------------------------------------------------------------

    async def dispatch_pending(self, now: datetime, *, limit: int = 200) -> DispatchReport:
        """Attempt every email/push delivery due at `now` (at most `limit` of them)."""
        report = DispatchReport()
        for _ in range(limit):
            delivery = await self.repos.deliveries.claim_due(now, lease_until=now + LEASE)
            if delivery is None:
                break
            await self._attempt(delivery, now, report)
        return report

    async def _attempt(self, delivery: Delivery, now: datetime, report: DispatchReport) -> None:
        deliveries = self.repos.deliveries
        notification = await self.repos.notifications.get(delivery.notification_id)
        prefs = await self.repos.preferences.find(delivery.user_id)
        if notification is None or not enabled(prefs, notification.kind, delivery.channel):
            report.failed += 1
            await deliveries.record(
                delivery.id, {"status": Status.FAILED.value, "last_error": "no longer wanted"}
            )
            return
        if notification.kind is Kind.NEW_FOLLOWER and not remaining_actors(notification):
            report.failed += 1
            await deliveries.record(
                delivery.id,
                {"status": Status.FAILED.value, "last_error": "every new follower unfollowed"},
            )
            return
        recipient = await self.repos.recipients.find(delivery.user_id)
        held_until = quiet_until(
            now,
            recipient.timezone if recipient else "UTC",
            prefs.quiet_start if prefs else None,
            prefs.quiet_end if prefs else None,
        )
        if held_until is not None:
            report.held += 1
            await deliveries.record(delivery.id, {"next_attempt_at": held_until})
            return
        attempts = delivery.attempts + 1
        try:
            outgoing = Outgoing(notification, recipient, frozenset(delivery.reached))
            await self._senders[delivery.channel].send(outgoing)
        except PermanentFailure as exc:
            report.failed += 1
            await deliveries.record(
                delivery.id,
                {"status": Status.FAILED.value, "attempts": attempts, "last_error": str(exc)},
            )
            return
        except Exception as exc:
            log.warning(
                "delivery attempt failed",
                extra={"delivery": str(delivery.id), "channel": delivery.channel.value},
                exc_info=True,
            )
            final = attempts >= self._config.max_attempts
            report.failed += final
            report.retried += not final
            delay = retry_delay(attempts)
            reached: tuple[str, ...] = ()
            if isinstance(exc, RetryableFailure):
                # A provider's Retry-After is a floor: waiting less only earns another 429.
                delay = max(delay, exc.retry_after or delay)
                reached = exc.reached
            await deliveries.record(
                delivery.id,
                {
                    "status": (Status.FAILED if final else Status.PENDING).value,
                    "attempts": attempts,
                    "last_error": public_error(exc),
                    "next_attempt_at": now + delay,
                },
                reached=reached,
            )
            return
        report.sent += 1
        await deliveries.record(
            delivery.id,
            {"status": Status.SENT.value, "attempts": attempts, "sent_at": now, "last_error": None},
        )

    async def run_dispatcher(self, interval_seconds: float) -> None:
        """The background loop: a pass whenever work arrives, and every interval for retries."""
        while True:
            self._wake.clear()
            try:
                await self.dispatch_pending(self._clock())
            except Exception:
                log.exception("notification dispatch pass failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=interval_seconds)


def _fans_out(intents: list[Intent]) -> bool:
    """Whether the bulk path applies: several recipients, each once, each event news
    (a kind counted in people has to look at its row first: `fold_in`)."""
    users = {intent.user_id for intent in intents}
    return (
        len(intents) > 1
        and len(users) == len(intents)
        and not any(intent.kind in PER_PERSON for intent in intents)
    )


def _position(row: Notification) -> int:
    return row.seq


def _channel(user_id: str) -> str:
    return f"notifications.{user_id}"
