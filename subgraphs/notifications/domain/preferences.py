"""Channel defaults and quiet hours: pure functions, no storage."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from common.validation import zone_or_utc
from subgraphs.notifications.models import Channel, Kind, Preferences

# In-app for everything, push for everything, email only for what must not be missed,
# SMS only for what the user opted into.
DEFAULTS: dict[Channel, frozenset[Kind]] = {
    Channel.IN_APP: frozenset(Kind),
    Channel.PUSH: frozenset(Kind),
    Channel.EMAIL: frozenset(
        {Kind.REMINDER, Kind.ACHIEVEMENT, Kind.SECURITY_ALERT, Kind.DATA_EXPORT}
    ),
    Channel.SMS: frozenset(),
}


def enabled(prefs: Preferences | None, kind: Kind, channel: Channel) -> bool:
    chosen = prefs.channels.get(kind.value, {}).get(channel.value) if prefs else None
    return kind in DEFAULTS[channel] if chosen is None else chosen


def enabled_channels(prefs: Preferences | None, kind: Kind) -> list[Channel]:
    return [c for c in Channel if enabled(prefs, kind, c)]


def parse_clock(value: str) -> time:
    hours, _, minutes = value.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        raise ValueError(f"{value!r} is not HH:MM")
    return time(int(hours), int(minutes))


def quiet_until(now: datetime, tz_name: str, start: str | None, end: str | None) -> datetime | None:
    """When quiet hours that cover `now` end (UTC), or None outside quiet hours."""
    if start is None or end is None or start == end:
        return None
    tz = zone_or_utc(tz_name)
    local = now.astimezone(tz)
    begin, finish = parse_clock(start), parse_clock(end)
    today = local.date()
    clock = local.time()

    def at(day_offset: int, moment: time) -> datetime:
        day = today + timedelta(days=day_offset)
        return datetime.combine(day, moment, tzinfo=tz).astimezone(UTC)

    if begin < finish:  # e.g. 13:00-15:00
        return at(0, finish) if begin <= clock < finish else None
    # Overnight, e.g. 22:00-07:00.
    if clock >= begin:
        return at(1, finish)
    if clock < finish:
        return at(0, finish)
    return None
