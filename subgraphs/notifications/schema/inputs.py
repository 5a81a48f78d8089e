"""The notifications GraphQL input types."""

from __future__ import annotations

import strawberry

from subgraphs.notifications import models
from subgraphs.notifications.schema import enums as _enums  # noqa: F401 - registers the enums


@strawberry.input(description="Notifications to mark as read.")
class MarkNotificationsReadInput:
    ids: list[strawberry.ID] = strawberry.field(description="Up to 100 notification ids.")


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
