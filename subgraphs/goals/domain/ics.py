"""The per-user calendar feed (RFC 5545), built and serialised with `icalendar`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vRecur, vText

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
    feed = Calendar()
    feed.add("VERSION", "2.0")
    feed.add("PRODID", "-//LifeGraph//Goals//EN")
    feed.add("CALSCALE", "GREGORIAN")
    # An X- property has no known type: say it is TEXT, or its commas go out unescaped.
    feed.add("X-WR-CALNAME", vText(name))
    spans: dict[str, tuple[datetime, datetime]] = {}
    for event in events:
        if event.rule:
            first, last = spans.get(event.timezone, (event.start, event.start))
            spans[event.timezone] = (min(first, event.start), max(last, event.start))
    for key, (first, last) in sorted(spans.items()):
        # Clamped to the years activities may start in, so the day-by-day walk stays bounded.
        first, last = max(first, _EARLIEST), min(max(last, now), _LATEST)
        feed.add_component(_zone(key, first - timedelta(days=1), last + ZONE_HORIZON))
    for event in events:
        feed.add_component(_vevent(event, now))
        if event.rule:
            for exc in event.exceptions:
                if not exc.cancelled and exc.start is not None and exc.end is not None:
                    feed.add_component(_moved(event, exc, now))
    # Insertion order, as RFC 5545 examples read (UID first), not icalendar's sorted one.
    text: bytes = feed.to_ical(sorted=False)
    return text.decode()


def _zone(key: str, start: datetime, end: datetime) -> Timezone:
    # Not icalendar's Timezone.from_tzinfo: its observances start an hour late after a
    # spring-forward (DTSTART in the new offset, RFC 5545 wants the old one), it takes
    # tzdata's DST flag (wrong way round for Dublin's negative DST) and it stops at its
    # last date, where our yearly RRULEs keep a series right for as long as it runs.
    component = Timezone.from_ical("\r\n".join(vtimezone(ZoneInfo(key), start, end)))
    assert isinstance(component, Timezone)
    return component


def _vevent(event: FeedEvent, now: datetime) -> Event:
    vevent = _stamped(event, now)
    if event.rule:
        # Series carry their zone so clients expand them in wall time, as we do.
        zone = ZoneInfo(event.timezone)
        vevent.add("DTSTART", event.start.astimezone(zone))
        vevent.add("DTEND", event.end.astimezone(zone))
        vevent.add("RRULE", vRecur.from_ical(utc_until_rule(event.rule, zone)))
        for exc in event.exceptions:
            if exc.cancelled:
                vevent.add("EXDATE", exc.original_start.astimezone(zone))
    else:
        vevent.add("DTSTART", event.start.astimezone(UTC))
        vevent.add("DTEND", event.end.astimezone(UTC))
    _describe(vevent, event)
    return vevent


def _moved(event: FeedEvent, exc: OccurrenceException, now: datetime) -> Event:
    """An override of one occurrence: same UID, RECURRENCE-ID naming the slot it replaces."""
    assert exc.start is not None
    assert exc.end is not None
    vevent = _stamped(event, now)
    vevent.add("RECURRENCE-ID", exc.original_start.astimezone(ZoneInfo(event.timezone)))
    vevent.add("DTSTART", exc.start.astimezone(UTC))
    vevent.add("DTEND", exc.end.astimezone(UTC))
    _describe(vevent, event)
    return vevent


def _stamped(event: FeedEvent, now: datetime) -> Event:
    vevent = Event()
    vevent.add("UID", event.uid)
    vevent.add("DTSTAMP", (event.updated_at or now).astimezone(UTC))
    return vevent


def _describe(vevent: Event, event: FeedEvent) -> None:
    vevent.add("SUMMARY", event.title)
    if event.description:
        vevent.add("DESCRIPTION", event.description)
    if event.location:
        vevent.add("LOCATION", event.location)
