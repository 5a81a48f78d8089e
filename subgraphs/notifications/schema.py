"""The notifications GraphQL schema: inbox, preferences, push subscriptions, live updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from typing import Annotated

import strawberry

from common.errors import Forbidden
from common.graphql.context import RequestContext
from common.graphql.loaders import batch_loader
from common.graphql.pagination import Connection, connection_from_page
from common.graphql.schema import build_schema
from common.repository import PageRequest
from subgraphs.notifications import models
from subgraphs.notifications.channels import PushChannel
from subgraphs.notifications.preferences import enabled
from subgraphs.notifications.rendering import render
from subgraphs.notifications.service import NotificationService, PreferenceChange


@dataclass
class Services:
    notifications: NotificationService
    push: PushChannel


Info = strawberry.Info[RequestContext[Services], None]

# strawberry.enum registers the domain enums in place; annotations use the domain names.
strawberry.enum(models.Kind, name="NotificationKind", description="What a notification is about.")
strawberry.enum(
    models.Channel, name="NotificationChannel", description="Where a notification is delivered."
)
strawberry.enum(
    models.Status, name="NotificationDeliveryStatus", description="State of one delivery."
)


@strawberry.type(description="Delivery of a notification on one channel (email or push).")
class NotificationDelivery:
    channel: models.Channel = strawberry.field(description="The channel.")
    status: models.Status = strawberry.field(description="Where delivery stands.")
    attempts: int = strawberry.field(description="Attempts made so far.")
    next_attempt_at: dt.datetime | None = strawberry.field(
        description="When the next attempt is due; null once SENT or FAILED."
    )
    last_error: str | None = strawberry.field(description="Why the last attempt failed.")
    sent_at: dt.datetime | None = strawberry.field(description="When it was delivered.")


def _delivery(row: models.Delivery) -> NotificationDelivery:
    return NotificationDelivery(
        channel=row.channel,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at if row.status is models.Status.PENDING else None,
        last_error=row.last_error,
        sent_at=row.sent_at,
    )


@strawberry.federation.type(keys=["id"], description="Something that happened for a user.")
class Notification:
    id: strawberry.ID = strawberry.field(description="The notification's id.")
    kind: models.Kind = strawberry.field(description="What it is about.")
    target_id: str = strawberry.field(
        description="The post, reminder, conversation, badge or user it points at."
    )
    actor_ids: list[strawberry.ID] = strawberry.field(
        description="Users who caused it (distinct), e.g. everyone who liked the post."
    )
    count: int = strawberry.field(description="How many events were grouped into it.")
    title: str = strawberry.field(description="Short text, e.g. '5 people liked your post'.")
    body: str = strawberry.field(description="Longer text.")
    read: bool = strawberry.field(description="Whether the user has read it.")
    created_at: dt.datetime = strawberry.field(description="When the first event arrived.")
    updated_at: dt.datetime = strawberry.field(description="When the latest event arrived.")

    @strawberry.field(description="Email and push deliveries with their status.")
    async def deliveries(self, info: Info) -> list[NotificationDelivery]:
        service = info.context.services.notifications
        loader = info.context.loader(
            "notifications.deliveries", lambda: batch_loader(service.deliveries)
        )
        return [_delivery(row) for row in await loader.load(str(self.id)) or []]

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Notification | None:
        viewer = await info.context.require_viewer()
        service = info.context.services.notifications
        loader = info.context.loader(
            "notifications.byId", lambda: batch_loader(service.notifications_by_id)
        )
        row = await loader.load(str(id))
        if row is None:
            return None
        if row.user_id != viewer.user_id:
            raise Forbidden("Notifications are visible to their recipient only.")
        return to_notification(row)


def to_notification(row: models.Notification) -> Notification:
    words = render(row)
    return Notification(
        id=strawberry.ID(str(row.id)),
        kind=row.kind,
        target_id=row.target_id,
        actor_ids=[strawberry.ID(a) for a in row.actor_ids],
        count=row.event_count,
        title=words.title,
        body=words.body,
        read=row.read,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def _inbox(
    info: Info, user_id: str, first: int, after: str | None, unread_only: bool
) -> Connection[Notification]:
    page = await info.context.services.notifications.inbox(
        user_id, PageRequest(first=first, after=after), unread_only=unread_only
    )
    return connection_from_page(page, to_notification)


FirstArg = Annotated[int, strawberry.argument(description="Page size, 1 to 100.")]
AfterArg = Annotated[str | None, strawberry.argument(description="Cursor to continue after.")]
UnreadArg = Annotated[bool, strawberry.argument(description="Only unread notifications.")]


@strawberry.federation.type(keys=["id"], description="A LifeGraph user, with their notifications.")
class User:
    id: strawberry.ID = strawberry.field(description="The user's id.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User:
        return cls(id=id)

    @strawberry.field(description="The user's inbox, newest first. Owner only.")
    async def notifications(
        self,
        info: Info,
        first: FirstArg = 20,
        after: AfterArg = None,
        unread_only: UnreadArg = False,
    ) -> Connection[Notification]:
        viewer = await info.context.require_viewer()
        if viewer.user_id != self.id:
            raise Forbidden("Notifications are visible to their recipient only.")
        return await _inbox(info, self.id, first, after, unread_only)


@strawberry.type(description="Local quiet hours; email and push wait until they end.")
class QuietHours:
    start: str = strawberry.field(description="Local start time, HH:MM.")
    end: str = strawberry.field(description="Local end time, HH:MM (may be past midnight).")


@strawberry.type(description="Whether one kind of notification goes to one channel.")
class NotificationChannelSetting:
    kind: models.Kind = strawberry.field(description="The kind of notification.")
    channel: models.Channel = strawberry.field(description="The channel.")
    enabled: bool = strawberry.field(description="Whether it is delivered there.")


@strawberry.type(description="How and when the user wants to be notified.")
class NotificationPreferences:
    channels: list[NotificationChannelSetting] = strawberry.field(
        description="Every kind x channel with its effective setting (defaults filled in)."
    )
    quiet_hours: QuietHours | None = strawberry.field(description="Null when none are set.")


def _preferences(prefs: models.Preferences) -> NotificationPreferences:
    return NotificationPreferences(
        channels=[
            NotificationChannelSetting(kind=k, channel=c, enabled=enabled(prefs, k, c))
            for k in models.Kind
            for c in models.Channel
        ],
        quiet_hours=QuietHours(start=prefs.quiet_start, end=prefs.quiet_end)
        if prefs.quiet_start and prefs.quiet_end
        else None,
    )


@strawberry.type(description="A browser's web-push subscription.")
class PushSubscription:
    endpoint: str = strawberry.field(description="The push service URL.")
    created_at: dt.datetime = strawberry.field(description="When it was registered.")


@strawberry.input(description="Notifications to mark as read.")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] = strawberry.field(description="Up to 100 notification ids.")


@strawberry.type(description="Result of marking notifications read.")
class MarkNotificationsReadPayload:
    updated_count: int = strawberry.field(description="Notifications that changed to read.")
    unread_count: int = strawberry.field(description="Unread notifications left.")


@strawberry.input(description="Turn one kind of notification on or off for one channel.")
class NotificationChannelSettingInput:
    kind: models.Kind = strawberry.field(description="The kind of notification.")
    channel: models.Channel = strawberry.field(description="The channel.")
    enabled: bool = strawberry.field(description="Deliver it there or not.")


@strawberry.input(description="Local quiet hours as HH:MM.")
class QuietHoursInput:
    start: str = strawberry.field(description="Local start, HH:MM.")
    end: str = strawberry.field(description="Local end, HH:MM.")


@strawberry.input(description="Changes to notification preferences; omitted parts stay.")
class UpdateNotificationPreferencesInput:
    channels: list[NotificationChannelSettingInput] = strawberry.field(
        default_factory=list, description="Settings to change."
    )
    quiet_hours: QuietHoursInput | None = strawberry.field(
        default=None, description="New quiet hours."
    )
    clear_quiet_hours: bool = strawberry.field(default=False, description="Remove quiet hours.")


@strawberry.input(description="A PushSubscription from the browser's Push API.")
class RegisterPushSubscriptionInput:
    endpoint: str = strawberry.field(description="subscription.endpoint")
    p256dh: str = strawberry.field(description="subscription.keys.p256dh (base64url)")
    auth: str = strawberry.field(description="subscription.keys.auth (base64url)")


@strawberry.input(description="The push subscription to remove.")
class RemovePushSubscriptionInput:
    endpoint: str = strawberry.field(description="subscription.endpoint")


@strawberry.type(description="Result of removing a push subscription.")
class RemovePushSubscriptionPayload:
    endpoint: str = strawberry.field(description="The endpoint that was removed.")


@strawberry.type(description="Notification queries.")
class Query:
    @strawberry.field(description="The caller's inbox, newest first.")
    async def notifications(
        self,
        info: Info,
        first: FirstArg = 20,
        after: AfterArg = None,
        unread_only: UnreadArg = False,
    ) -> Connection[Notification]:
        viewer = await info.context.require_viewer()
        return await _inbox(info, viewer.user_id, first, after, unread_only)

    @strawberry.field(description="How many of the caller's notifications are unread.")
    async def unread_notification_count(self, info: Info) -> int:
        viewer = await info.context.require_viewer()
        return await info.context.services.notifications.unread_count(viewer.user_id)

    @strawberry.field(description="The caller's notification preferences.")
    async def notification_preferences(self, info: Info) -> NotificationPreferences:
        viewer = await info.context.require_viewer()
        return _preferences(await info.context.services.notifications.preferences(viewer.user_id))

    @strawberry.field(description="VAPID public key for pushManager.subscribe; null if off.")
    def web_push_public_key(self, info: Info) -> str | None:
        return info.context.services.push.public_key


@strawberry.type(description="Notification mutations.")
class Mutation:
    @strawberry.mutation(description="Mark some of the caller's notifications as read.")
    async def mark_notifications_read(
        self, info: Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadPayload:
        viewer = await info.context.require_viewer()
        service = info.context.services.notifications
        updated = await service.mark_read(viewer.user_id, [str(i) for i in input.ids])
        return MarkNotificationsReadPayload(
            updated_count=updated, unread_count=await service.unread_count(viewer.user_id)
        )

    @strawberry.mutation(description="Mark all of the caller's notifications as read.")
    async def mark_all_notifications_read(self, info: Info) -> MarkNotificationsReadPayload:
        viewer = await info.context.require_viewer()
        service = info.context.services.notifications
        updated = await service.mark_read(viewer.user_id, None)
        return MarkNotificationsReadPayload(updated_count=updated, unread_count=0)

    @strawberry.mutation(
        description="Change which channels get which notifications, and quiet hours."
    )
    async def update_notification_preferences(
        self, info: Info, input: UpdateNotificationPreferencesInput
    ) -> NotificationPreferences:
        viewer = await info.context.require_viewer()
        prefs = await info.context.services.notifications.update_preferences(
            viewer.user_id,
            [PreferenceChange(c.kind, c.channel, c.enabled) for c in input.channels],
            quiet_hours=(input.quiet_hours.start, input.quiet_hours.end)
            if input.quiet_hours
            else None,
            clear_quiet_hours=input.clear_quiet_hours,
        )
        return _preferences(prefs)

    @strawberry.mutation(description="Register a browser for web push.")
    async def register_push_subscription(
        self, info: Info, input: RegisterPushSubscriptionInput
    ) -> PushSubscription:
        viewer = await info.context.require_viewer()
        row = await info.context.services.notifications.register_push(
            viewer.user_id, input.endpoint, input.p256dh, input.auth
        )
        return PushSubscription(endpoint=row.endpoint, created_at=row.created_at)

    @strawberry.mutation(description="Stop web push to a browser.")
    async def remove_push_subscription(
        self, info: Info, input: RemovePushSubscriptionInput
    ) -> RemovePushSubscriptionPayload:
        viewer = await info.context.require_viewer()
        await info.context.services.notifications.remove_push(viewer.user_id, input.endpoint)
        return RemovePushSubscriptionPayload(endpoint=input.endpoint)


@strawberry.type(description="Live notification updates.")
class Subscription:
    @strawberry.subscription(
        description="New or regrouped notifications for the caller; while open, the caller "
        "counts as online (chat messages then do not notify)."
    )
    async def notification_added(self, info: Info) -> AsyncGenerator[Notification, None]:
        viewer = await info.context.require_viewer()
        async with info.context.services.notifications.live(viewer.user_id) as stream:
            async for row in stream:
                yield to_notification(row)


schema = build_schema(
    "notifications",
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[User, Notification],
)
