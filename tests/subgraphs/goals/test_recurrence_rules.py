"""RRULE expansion, exceptions and the iCalendar writer as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from common.errors import BadUserInput
from subgraphs.goals.domain.ics import FeedEvent, calendar_feed
from subgraphs.goals.domain.recurrence import (
    OccurrenceException,
    expand,
    is_occurrence,
    next_start_after,
    parse_rule,
)

BERLIN = ZoneInfo("Europe/Berlin")
# Daily 09:00-10:00 Berlin from Friday 28 March 2025; DST starts Sunday 30 March.
START = datetime(2025, 3, 28, 9, tzinfo=BERLIN).astimezone(UTC)
END = START + timedelta(hours=1)


def utc(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=UTC)


def test_daily_rule_keeps_local_wall_time_across_dst() -> None:
    found = expand(
        start=START,
        end=END,
        tz=BERLIN,
        rule="FREQ=DAILY;COUNT=4",
        exceptions=[],
        window_from=utc(27, 0),
        window_to=utc(5, 0, month=4),
    )
    assert [o.start for o in found] == [utc(28, 8), utc(29, 8), utc(30, 7), utc(31, 7)]
    assert all(o.start.astimezone(BERLIN).hour == 9 for o in found)
    assert all(o.end - o.start == timedelta(hours=1) for o in found)


def test_moved_and_cancelled_occurrences_are_honoured() -> None:
    moved_to = utc(30, 15)
    exceptions = [
        OccurrenceException(utc(29, 8), cancelled=True),
        OccurrenceException(
            utc(30, 7), cancelled=False, start=moved_to, end=moved_to + timedelta(hours=2)
        ),
    ]
    found = expand(
        start=START,
        end=END,
        tz=BERLIN,
        rule="RRULE:FREQ=DAILY;COUNT=4",
        exceptions=exceptions,
        window_from=utc(27, 0),
        window_to=utc(5, 0, month=4),
    )
    assert [(o.start, o.moved) for o in found] == [
        (utc(28, 8), False),
        (moved_to, True),
        (utc(31, 7), False),
    ]
    assert found[1].original_start == utc(30, 7)
    assert found[1].end == moved_to + timedelta(hours=2)


def test_window_returns_only_overlapping_occurrences() -> None:
    found = expand(
        start=START,
        end=END,
        tz=BERLIN,
        rule="FREQ=DAILY",
        exceptions=[],
        window_from=utc(30, 7, month=4) + timedelta(minutes=30),  # inside the 30 April one
        window_to=utc(2, 0, month=5),
    )
    assert [o.start for o in found] == [utc(30, 7, month=4), utc(1, 7, month=5)]


def test_floating_until_is_local_wall_time() -> None:
    rule = "FREQ=DAILY;UNTIL=20250330T090000"
    found = expand(
        start=START,
        end=END,
        tz=BERLIN,
        rule=rule,
        exceptions=[],
        window_from=utc(1, 0),
        window_to=utc(30, 0, month=4),
    )
    assert [o.start for o in found] == [utc(28, 8), utc(29, 8), utc(30, 7)]


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SOMETIMES",
        "FREQ=DAILY;COUNT=x",
        "FREQ=MINUTELY",
        "BYDAY=MO",
        "DTSTART:20250101T000000\nRRULE:FREQ=DAILY",
        "FREQ=WEEKLY;BYDAY=XX",
        "",
    ],
)
def test_invalid_rules_are_bad_user_input_on_recurrence(rule: str) -> None:
    with pytest.raises(BadUserInput) as caught:
        parse_rule(rule, START, BERLIN)
    assert caught.value.field == "recurrence"


def test_occurrence_membership_and_next_start() -> None:
    assert is_occurrence(start=START, tz=BERLIN, rule="FREQ=DAILY", instant=utc(31, 7))
    assert not is_occurrence(start=START, tz=BERLIN, rule="FREQ=DAILY", instant=utc(31, 8))
    cancelled = [OccurrenceException(utc(30, 7), cancelled=True)]
    nxt = next_start_after(
        start=START, tz=BERLIN, rule="FREQ=DAILY", exceptions=cancelled, after=utc(29, 8)
    )
    assert nxt == (utc(31, 7), utc(31, 7))


def test_ics_feed_has_rrule_exdate_and_a_moved_instance_override() -> None:
    moved_to = utc(30, 15)
    feed = calendar_feed(
        [
            FeedEvent(
                uid="a1@lifegraph",
                title="Run, then stretch; repeat",
                start=START,
                end=END,
                timezone="Europe/Berlin",
                location="Park",
                rule="FREQ=DAILY;COUNT=4",
                exceptions=[
                    OccurrenceException(utc(29, 8), cancelled=True),
                    OccurrenceException(utc(30, 7), False, moved_to, moved_to + timedelta(hours=1)),
                ],
            )
        ],
        name="LifeGraph",
        now=utc(1, 0),
    )
    lines = feed.split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-2] == "END:VCALENDAR"
    assert "DTSTART;TZID=Europe/Berlin:20250328T090000" in lines
    assert "RRULE:FREQ=DAILY;COUNT=4" in lines
    assert "EXDATE;TZID=Europe/Berlin:20250329T090000" in lines
    # Moved, not cancelled: an override of its slot, not an EXDATE.
    assert "EXDATE;TZID=Europe/Berlin:20250330T090000" not in lines
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20250330T090000" in lines
    assert lines.count("UID:a1@lifegraph") == 2
    assert "DTSTART:20250330T150000Z" in lines
    assert lines.count("BEGIN:VTIMEZONE") == 1
    assert "SUMMARY:Run\\, then stretch\\; repeat" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
