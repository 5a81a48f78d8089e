"""The notifications GraphQL schema: inbox, preferences, push subscriptions, live updates."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from typing import Annotated

import strawberry
from strawberry.federation.schema_directives import Authenticated

from common.graphql.pagination import Connection
from common.graphql.schema import build_schema
from subgraphs.notifications.domain import cursors
from subgraphs.notifications.schema.context import Info
from subgraphs.notifications.schema.inbox import (
    AfterArg,
    FirstArg,
    MarkNotificationsReadPayload,
    Notification,
    UnreadArg,
    User,
    inbox_page,
    to_notification,
)
from subgraphs.notifications.schema.inputs import (
    MarkNotificationsReadInput,
    RegisterDeviceInput,
    RegisterPushSubscriptionInput,
    RemovePushSubscriptionInput,
    UnregisterDeviceInput,
    UpdateNotificationPreferencesInput,
)
from subgraphs.notifications.schema.preferences import NotificationPreferences, to_preferences
from subgraphs.notifications.schema.push import (
    Device,
    PushSubscription,
    RemovePushSubscriptionPayload,
    UnregisterDevicePayload,
    to_device,
)
from subgraphs.notifications.service.notifications import PreferenceChange


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
        return await inbox_page(info, viewer.user_id, first, after, unread_only)

    @strawberry.field(
        directives=[Authenticated()],
        description="How many of the caller's notifications are unread.",
    )
    async def unread_notification_count(self, info: Info) -> int:
        viewer = await info.context.require_viewer()
        return await info.context.services.notifications.unread_count(viewer.user_id)

    @strawberry.field(
        directives=[Authenticated()], description="The caller's notification preferences."
    )
    async def notification_preferences(self, info: Info) -> NotificationPreferences:
        viewer = await info.context.require_viewer()
        return to_preferences(await info.context.services.notifications.preferences(viewer.user_id))

    @strawberry.field(
        directives=[Authenticated()],
        description="The caller's app installs that receive push notifications, oldest first.",
    )
    async def devices(self, info: Info) -> list[Device]:
        viewer = await info.context.require_viewer()
        rows = await info.context.services.notifications.devices(viewer.user_id)
        return [to_device(row) for row in rows]

    @strawberry.field(description="VAPID public key for pushManager.subscribe; null if off.")
    def web_push_public_key(self, info: Info) -> str | None:
        return info.context.services.push.public_key


@strawberry.type(description="Notification mutations.")
class Mutation:
    @strawberry.mutation(
        directives=[Authenticated()], description="Mark some of the caller's notifications as read."
    )
    async def mark_notifications_read(
        self, info: Info, input: MarkNotificationsReadInput
    ) -> MarkNotificationsReadPayload:
        viewer = await info.context.require_viewer()
        service = info.context.services.notifications
        updated = await service.mark_read(viewer.user_id, [str(i) for i in input.ids])
        return MarkNotificationsReadPayload(
            updated_count=updated, unread_count=await service.unread_count(viewer.user_id)
        )

    @strawberry.mutation(
        directives=[Authenticated()], description="Mark all of the caller's notifications as read."
    )
    async def mark_all_notifications_read(self, info: Info) -> MarkNotificationsReadPayload:
        viewer = await info.context.require_viewer()
        service = info.context.services.notifications
        updated = await service.mark_read(viewer.user_id, None)
        return MarkNotificationsReadPayload(updated_count=updated, unread_count=0)

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Change which channels get which notifications, and quiet hours.",
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
        return to_preferences(prefs)

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

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Register the caller's app install for push (FCM or APNs). The same token "
        "registered again, by anyone, moves to the caller; past the per-user cap the oldest "
        "device is dropped.",
    )
    async def register_device(self, info: Info, input: RegisterDeviceInput) -> Device:
        viewer = await info.context.require_viewer()
        row = await info.context.services.notifications.register_device(
            viewer.user_id, input.platform, input.token, input.app_id
        )
        return to_device(row)

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Stop pushing to one of the caller's devices (e.g. on sign-out).",
    )
    async def unregister_device(
        self, info: Info, input: UnregisterDeviceInput
    ) -> UnregisterDevicePayload:
        viewer = await info.context.require_viewer()
        await info.context.services.notifications.unregister_device(
            viewer.user_id, input.platform, input.token
        )
        return UnregisterDevicePayload(token=input.token)


@strawberry.type(description="Live notification updates.")
class Subscription:
    @strawberry.subscription(
        description="New or regrouped notifications for the caller; while open, the caller "
        "counts as online (chat messages then do not notify)."
    )
    async def notification_added(
        self,
        info: Info,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="Resume after this notification's `cursor`: every change since"
                " it first, oldest first, then live ones (no gap, no duplicate)."
            ),
        ] = None,
    ) -> AsyncIterator[Notification]:
        # Checked before anything opens: a bad cursor is refused, not a stream that fails.
        since = cursors.decode(after, field="after") if after is not None else None
        return _live(info, since)


async def _live(info: Info, after: int | None) -> AsyncGenerator[Notification, None]:
    viewer = await info.context.require_viewer()
    async with info.context.services.notifications.live(viewer.user_id, after=after) as stream:
        async for row in stream:
            yield to_notification(row)


schema = build_schema(
    "notifications",
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[User, Notification],
)
