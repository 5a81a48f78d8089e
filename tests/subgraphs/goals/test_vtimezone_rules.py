"""VTIMEZONE blocks read back by two independent iCalendar readers agree with zoneinfo."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.tz import tzical

from subgraphs.goals.domain.vtimezone import transitions, vtimezone

START = datetime(2015, 1, 1, tzinfo=UTC)
END = datetime(2031, 1, 1, tzinfo=UTC)
# Zones whose current rules are yearly: right far beyond the span through their RRULEs.
RULED = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "Australia/Lord_Howe",  # half-hour DST
    "Europe/Dublin",  # negative DST in tzdata
]
# No rule (any more): one offset, or listed transitions within the span.
LISTED = [
    "UTC",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "America/Sao_Paulo",  # DST abolished in 2019
    "Europe/Moscow",
    "Africa/Casablanca",  # clocks go back in Ramadan: no yearly rule
]


def read_with_dateutil(key: str, lines: list[str]) -> tzinfo:
    zone = tzical(io.StringIO("\r\n".join(lines) + "\r\n")).get(key)
    assert zone is not None
    return zone


def read_with_icalendar(key: str, lines: list[str]) -> tzinfo:
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:t", *lines, "END:VCALENDAR"])
    [component] = icalendar.Calendar.from_ical(text + "\r\n").walk("VTIMEZONE")
    assert component["TZID"] == key
    # Build the zone from the block itself, not from the TZID.
    zone: tzinfo = component.to_tz(lookup_tzid=False)  # type: ignore[attr-defined]
    return zone


READERS: list[Callable[[str, list[str]], tzinfo]] = [read_with_dateutil, read_with_icalendar]


def instants(zone: ZoneInfo, until: datetime) -> Iterator[datetime]:
    """Every 7 hours, and each side of every transition."""
    t = START + timedelta(days=1)
    while t < until:
        yield t
        t += timedelta(hours=7)
    for change in transitions(zone, START, until):
        for seconds in (-3601, -1, 0, 1, 3601):
            yield change.at + timedelta(seconds=seconds)


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize("key", RULED + LISTED)
def test_offsets_match_zoneinfo(key: str, read: Callable[[str, list[str]], tzinfo]) -> None:
    zone = ZoneInfo(key)
    parsed = read(key, vtimezone(zone, START, END))
    until = END + timedelta(days=20 * 366) if key in RULED else END
    wrong = [
        t
        for t in instants(zone, until)
        if t.astimezone(parsed).utcoffset() != t.astimezone(zone).utcoffset()
    ]
    assert wrong == []


def test_yearly_rules_become_open_ended_rrules() -> None:
    lines = vtimezone(ZoneInfo("Europe/Berlin"), START, END)
    assert lines.count("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU") == 1
    assert lines.count("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU") == 1
    assert not any(line.startswith("RDATE") for line in lines)
    new_york = vtimezone(ZoneInfo("America/New_York"), START, END)
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU" in new_york
    assert "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU" in new_york


def test_a_zone_without_transitions_has_one_observance() -> None:
    lines = vtimezone(ZoneInfo("Asia/Kolkata"), START, END)
    assert lines == [
        "BEGIN:VTIMEZONE",
        "TZID:Asia/Kolkata",
        "BEGIN:STANDARD",
        "DTSTART:20150101T053000",
        "TZOFFSETFROM:+0530",
        "TZOFFSETTO:+0530",
        "TZNAME:IST",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]
