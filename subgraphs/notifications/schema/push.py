"""Web-push subscriptions of the caller's browsers."""

from __future__ import annotations

import datetime as dt

import strawberry


@strawberry.type(description="A browser's web-push subscription.")
class PushSubscription:
    endpoint: str = strawberry.field(description="The push service URL.")
    created_at: dt.datetime = strawberry.field(description="When it was registered.")


@strawberry.type(description="Result of removing a push subscription.")
class RemovePushSubscriptionPayload:
    endpoint: str = strawberry.field(description="The endpoint that was removed.")
