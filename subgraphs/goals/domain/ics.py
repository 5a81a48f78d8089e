"""A minimal iCalendar (RFC 5545) writer for the per-user calendar feed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from common.validation import EARLIEST_DATE, LATEST_DATE
from subgraphs.goals.domain.recurrence import OccurrenceException, utc_until_rule
from subgraphs.goals.domain.vtimezone import vtimezone


@dataclass(frozen=True, slots=True)
class FeedEvent:
    uid: str
    title: str
    start: datetime
    end: datetime
    timezone: str
    description: str = ""
    location: str | None = None
    rule: str | None = None
    exceptions: Sequence[OccurrenceException] = field(default_factory=tuple)
    updated_at: datetime | None = None


# VTIMEZONE blocks cover this long past the latest start; beyond it only their yearly rules.
ZONE_HORIZON = timedelta(days=5 * 366)
_EARLIEST = datetime.combine(EARLIEST_DATE, time(), UTC)
_LATEST = datetime.combine(LATEST_DATE, time(), UTC)


def calendar_feed(events: Iterable[FeedEvent], *, name: str, now: datetime) -> str:
    """The feed: one-offs in UTC; series in their zone (with its VTIMEZONE), RRULE, EXDATEs
    for cancelled occurrences and a RECURRENCE-ID override for each moved one."""
    events = list(events)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//LifeGraph//Goals//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    spans: dict[str, tuple[datetime, datetime]] = {}
    for event in events:
        if event.rule:
            first, last = spans.get(event.timezone, (event.start, event.start))
            spans[event.timezone] = (min(first, event.start), max(last, event.start))
    for key, (first, last) in sorted(spans.items()):
        # Clamped to the years activities may start in, so the day-by-day walk stays bounded.
        first, last = max(first, _EARLIEST), min(max(last, now), _LATEST)
        lines += vtimezone(ZoneInfo(key), first - timedelta(days=1), last + ZONE_HORIZON)
    for event in events:
        lines += _vevent(event, now)
        if event.rule:
            for exc in event.exceptions:
                if not exc.cancelled and exc.start is not None and exc.end is not None:
                    lines += _moved(event, exc, now)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _vevent(event: FeedEvent, now: datetime) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{_utc(event.updated_at or now)}"]
    if event.rule:
        # Series carry their zone so clients expand them in wall time, as we do.
        tzid = f"TZID={event.timezone}"
        lines.append(f"DTSTART;{tzid}:{_local(event.start, event.timezone)}")
        lines.append(f"DTEND;{tzid}:{_local(event.end, event.timezone)}")
        lines.append(f"RRULE:{utc_until_rule(event.rule, ZoneInfo(event.timezone))}")
        for exc in event.exceptions:
            if exc.cancelled:
                lines.append(f"EXDATE;{tzid}:{_local(exc.original_start, event.timezone)}")
    else:
        lines += [f"DTSTART:{_utc(event.start)}", f"DTEND:{_utc(event.end)}"]
    lines += _common(event)
    lines.append("END:VEVENT")
    return lines


def _moved(event: FeedEvent, exc: OccurrenceException, now: datetime) -> list[str]:
    """An override of one occurrence: same UID, RECURRENCE-ID naming the slot it replaces."""
    assert exc.start is not None
    assert exc.end is not None
    return [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(event.updated_at or now)}",
        f"RECURRENCE-ID;TZID={event.timezone}:{_local(exc.original_start, event.timezone)}",
        f"DTSTART:{_utc(exc.start)}",
        f"DTEND:{_utc(exc.end)}",
        *_common(event),
        "END:VEVENT",
    ]


def _common(event: FeedEvent) -> list[str]:
    lines = [f"SUMMARY:{_text(event.title)}"]
    if event.description:
        lines.append(f"DESCRIPTION:{_text(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{_text(event.location)}")
    return lines


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(value: datetime, timezone: str) -> str:
    return value.astimezone(ZoneInfo(timezone)).strftime("%Y%m%dT%H%M%S")


def _text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    # Lines are at most 75 octets; continuation lines start with one space.
    data = line.encode()
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += encoded
    parts.append(current.decode())
    return "\r\n ".join(parts)
