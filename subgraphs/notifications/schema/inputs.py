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


@strawberry.input(description="A mobile or web app install's push token, to receive notifications.")
class RegisterDeviceInput:
    platform: models.Platform = strawberry.field(
        description="IOS (delivered through APNs), ANDROID or WEB (through FCM)."
    )
    token: str = strawberry.field(
        description="The APNs device token (hex) or the FCM registration token."
    )
    app_id: str = strawberry.field(
        description="The app's bundle id (iOS: the APNs topic) or package name."
    )


@strawberry.input(description="The device to stop pushing to.")
class UnregisterDeviceInput:
    platform: models.Platform = strawberry.field(description="The platform it was registered for.")
    token: str = strawberry.field(description="The token it was registered with.")
