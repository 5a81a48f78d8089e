"""Time zones and local days: a user's day is their wall-clock day, not UTC's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from common.errors import BadUserInput
from common.validation import is_known_zone, zone

__all__ = ["as_utc", "is_known_zone", "local_day", "local_midnight_utc", "week_start", "zone"]


def local_day(instant: datetime, tz: ZoneInfo) -> date:
    return instant.astimezone(tz).date()


def week_start(day: date) -> date:
    """Weeks start on Monday (ISO 8601)."""
    return day - timedelta(days=day.weekday())


def local_midnight_utc(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


def as_utc(value: datetime, *, field: str) -> datetime:
    """Clients must send instants with an offset; a naive time is ambiguous."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadUserInput("Times need a UTC offset (e.g. 2025-01-31T09:00:00Z).", field=field)
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:
        # 0001-01-01T00:00+05:00 or 9999-12-31T23:00-05:00: no UTC instant exists.
        raise BadUserInput("That time is out of range.", field=field) from exc
