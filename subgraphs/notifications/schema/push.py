"""Push targets of the caller: browsers' web-push subscriptions and app installs."""

from __future__ import annotations

import datetime as dt

import strawberry

from subgraphs.notifications import models
from subgraphs.notifications.schema import enums as _enums  # noqa: F401 - registers the enums


@strawberry.type(description="A browser's web-push subscription.")
class PushSubscription:
    endpoint: str = strawberry.field(description="The push service URL.")
    created_at: dt.datetime = strawberry.field(description="When it was registered.")


@strawberry.type(description="Result of removing a push subscription.")
class RemovePushSubscriptionPayload:
    endpoint: str = strawberry.field(description="The endpoint that was removed.")


@strawberry.type(description="An app install that receives the caller's push notifications.")
class Device:
    platform: models.Platform = strawberry.field(description="Which push service reaches it.")
    token: str = strawberry.field(description="Its push token.")
    app_id: str = strawberry.field(description="The app's bundle id or package name.")
    created_at: dt.datetime = strawberry.field(description="When it was registered.")


def to_device(row: models.Device) -> Device:
    return Device(
        platform=row.platform, token=row.token, app_id=row.app_id, created_at=row.created_at
    )


@strawberry.type(description="Result of unregistering a device.")
class UnregisterDevicePayload:
    token: str = strawberry.field(description="The token that no longer receives pushes.")
