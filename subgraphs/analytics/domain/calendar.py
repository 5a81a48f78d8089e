"""Local calendar arithmetic: weeks start on Monday at midnight in the user's own timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    # Combining a wall-clock date with the zone (rather than adding 24h) keeps
    # days 23 or 25 hours long across daylight-saving changes.
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def week_start(moment: datetime, tz: ZoneInfo) -> date:
    local = moment.astimezone(tz).date()
    return local - timedelta(days=local.weekday())


def week_bounds(monday: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    return local_midnight(monday, tz), local_midnight(monday + timedelta(days=7), tz)


def local_day(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()
