"""Notifications storage: inbox, per-channel deliveries, preferences, recipients, push endpoints."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from beanie import Document
from pymongo import ASCENDING, DESCENDING, IndexModel


class Kind(StrEnum):
    REMINDER = "reminder"
    POST_LIKED = "post_liked"
    POST_COMMENTED = "post_commented"
    NEW_FOLLOWER = "new_follower"
    ACHIEVEMENT = "achievement"
    MESSAGE = "message"
    SECURITY_ALERT = "security_alert"
    DATA_EXPORT = "data_export"


class Channel(StrEnum):
    IN_APP = "in_app"
    EMAIL = "email"
    PUSH = "push"
    SMS = "sms"


class Status(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Notification(Document):
    """One inbox entry; a burst of same-kind events on one target within a window shares it."""

    user_id: str
    kind: Kind
    target_id: str
    # (user, kind, target) plus the window the first event fell in: the grouping key.
    group_key: str
    window: int
    actor_ids: list[str] = []
    # Followers who unfollowed again (NEW_FOLLOWER only): not announced by email/push.
    withdrawn_ids: list[str] = []
    event_count: int = 0
    data: dict[str, Any] = {}
    # False when the user turned the in-app channel off for this kind: the row
    # then only carries email/push deliveries and stays out of the inbox.
    in_app: bool = True
    read: bool = False
    created_at: datetime
    updated_at: datetime
    # Its latest change's position in the user's inbox, gap-free in commit order
    # (repository/notifications.py): what `notificationAdded(after:)` resumes from.
    seq: int = 0

    class Settings:
        name = "notifications"
        indexes = [
            IndexModel([("group_key", ASCENDING), ("window", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("seq", ASCENDING)]),
            IndexModel([("user_id", ASCENDING), ("in_app", ASCENDING), ("_id", DESCENDING)]),
            IndexModel([("user_id", ASCENDING), ("read", ASCENDING)]),
        ]


class Delivery(Document):
    notification_id: str
    user_id: str
    channel: Channel
    status: Status = Status.PENDING
    attempts: int = 0
    next_attempt_at: datetime
    last_error: str | None = None
    sent_at: datetime | None = None
    created_at: datetime
    # Push targets (`PushTarget.key`) that accepted an earlier attempt: a retry after a
    # partial failure sends only to the others, so no phone gets the same push twice.
    reached: list[str] = []

    class Settings:
        name = "deliveries"
        indexes = [
            IndexModel([("notification_id", ASCENDING), ("channel", ASCENDING)], unique=True),
            IndexModel([("status", ASCENDING), ("next_attempt_at", ASCENDING)]),
            IndexModel("user_id"),
        ]


class Preferences(Document):
    user_id: str
    # kind -> channel -> enabled; what is absent takes the default (see preferences.py).
    channels: dict[str, dict[str, bool]] = {}
    # Local wall-clock "HH:MM"; both set or both None. Start may be after end (overnight).
    quiet_start: str | None = None
    quiet_end: str | None = None

    class Settings:
        name = "preferences"
        indexes = [IndexModel("user_id", unique=True)]


class Recipient(Document):
    """What the users subgraph told us about a user: where and when to reach them."""

    user_id: str
    email: str | None = None
    # A verified mobile number in E.164, for SMS; None until one is verified.
    phone: str | None = None
    timezone: str = "UTC"
    as_of: datetime

    class Settings:
        name = "recipients"
        indexes = [IndexModel("user_id", unique=True)]


class PushEndpoint(Document):
    user_id: str
    endpoint: str
    p256dh: str
    auth: str
    created_at: datetime

    class Settings:
        name = "push_subscriptions"
        indexes = [IndexModel([("user_id", ASCENDING), ("endpoint", ASCENDING)], unique=True)]


class Platform(StrEnum):
    IOS = "ios"
    ANDROID = "android"
    WEB = "web"


class Device(Document):
    """A mobile app install's push token: APNs for iOS, FCM for Android and web apps."""

    user_id: str
    platform: Platform
    token: str
    # The app's bundle id (iOS: the APNs topic) or package name.
    app_id: str
    created_at: datetime

    class Settings:
        name = "devices"
        indexes = [
            # A token is one install: registering it again (another user signed in on
            # that phone) moves it, so a phone never gets two people's notifications.
            IndexModel([("platform", ASCENDING), ("token", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("created_at", ASCENDING)]),
        ]


MODELS: list[type[Document]] = [
    Notification,
    Delivery,
    Preferences,
    Recipient,
    PushEndpoint,
    Device,
]
