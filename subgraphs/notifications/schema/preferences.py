"""Notification preferences: channels per kind and quiet hours."""

from __future__ import annotations

import strawberry

from subgraphs.notifications import models
from subgraphs.notifications.domain.preferences import enabled
from subgraphs.notifications.schema import enums as _enums  # noqa: F401 - registers the enums


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


def to_preferences(prefs: models.Preferences) -> NotificationPreferences:
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
