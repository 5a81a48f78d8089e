"""Recurring activities: RRULEs expanded in the owner's local wall time, returned in UTC.

Expanding in local time keeps "every day at 09:00" at 09:00 across DST changes;
the UTC instant shifts by an hour instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from common.errors import BadUserInput

_ALLOWED_FREQ = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
_UNTIL_LOCAL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6}))?(?![\dZ])")
# A calendar query never expands more than this many occurrences of one activity.
MAX_OCCURRENCES = 2000


@dataclass(frozen=True, slots=True)
class OccurrenceException:
    original_start: datetime
    cancelled: bool
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: datetime
    end: datetime
    original_start: datetime
    moved: bool = False


def normalise_rule(text: str) -> str:
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    return rule.upper()


def utc_until_rule(text: str, tz: ZoneInfo) -> str:
    """The rule as RFC 5545 wants it beside a DTSTART with TZID: a floating UNTIL in UTC."""
    return _UNTIL_LOCAL.sub(lambda m: _until_utc(m, tz), normalise_rule(text))


def parse_rule(text: str, start: datetime, tz: ZoneInfo) -> rrule:
    """The rule anchored at `start` (UTC) in wall time of `tz`; BAD_USER_INPUT when invalid."""
    rule = normalise_rule(text)
    if not rule or any(c in rule for c in "\r\n") or "DTSTART" in rule:
        raise BadUserInput("Give a single RRULE line without DTSTART.", field="recurrence")
    freq = re.search(r"(?:^|;)FREQ=([A-Z]+)", rule)
    if freq is None or freq.group(1) not in _ALLOWED_FREQ:
        raise BadUserInput(
            "The RRULE needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.", field="recurrence"
        )
    rule = _UNTIL_LOCAL.sub(lambda m: _until_utc(m, tz), rule)
    try:
        parsed = rrulestr(rule, dtstart=start.astimezone(tz))
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise BadUserInput(f"The RRULE is not valid: {exc}", field="recurrence") from exc
    if not isinstance(parsed, rrule):
        raise BadUserInput("Give a single RRULE.", field="recurrence")
    return parsed


def _until_utc(match: re.Match[str], tz: ZoneInfo) -> str:
    # A floating UNTIL is wall time in the activity's zone; dateutil wants UTC.
    local = datetime.strptime(match.group(1) + (match.group(2) or "235959"), "%Y%m%d%H%M%S")
    until = local.replace(tzinfo=tz).astimezone(UTC)
    return f"UNTIL={until:%Y%m%dT%H%M%S}Z"


def expand(
    *,
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    rule: str | None,
    exceptions: Sequence[OccurrenceException],
    window_from: datetime,
    window_to: datetime,
) -> list[Occurrence]:
    """Occurrences overlapping [window_from, window_to), moved and cancelled ones honoured."""
    duration = end - start
    if rule is None:
        return (
            [Occurrence(start, end, start)] if _overlaps(start, end, window_from, window_to) else []
        )
    by_original = {e.original_start: e for e in exceptions}
    found: list[Occurrence] = []
    generated = parse_rule(rule, start, tz).xafter(
        window_from - duration, count=MAX_OCCURRENCES, inc=False
    )
    for local in generated:
        occ_start = local.astimezone(UTC)
        if occ_start >= window_to:
            break
        if occ_start in by_original:
            continue
        found.append(Occurrence(occ_start, occ_start + duration, occ_start))
    for exc in exceptions:
        if exc.cancelled or exc.start is None or exc.end is None:
            continue
        if _overlaps(exc.start, exc.end, window_from, window_to):
            found.append(Occurrence(exc.start, exc.end, exc.original_start, moved=True))
    return sorted(found, key=lambda o: (o.start, o.original_start))


def is_occurrence(*, start: datetime, tz: ZoneInfo, rule: str | None, instant: datetime) -> bool:
    if rule is None:
        return instant == start
    return parse_rule(rule, start, tz).before(instant, inc=True) == instant


def next_start_after(
    *,
    start: datetime,
    tz: ZoneInfo,
    rule: str | None,
    exceptions: Sequence[OccurrenceException],
    after: datetime,
) -> tuple[datetime, datetime] | None:
    """(original start, actual start) of the first live occurrence starting after `after`."""
    if rule is None:
        return (start, start) if start > after else None
    by_original = {e.original_start: e for e in exceptions}
    moved = sorted(
        (e.start, e.original_start)
        for e in exceptions
        if not e.cancelled and e.start is not None and e.start > after
    )
    best: tuple[datetime, datetime] | None = (moved[0][1], moved[0][0]) if moved else None
    for local in parse_rule(rule, start, tz).xafter(after, count=MAX_OCCURRENCES, inc=False):
        occ = local.astimezone(UTC)
        if best is not None and occ >= best[1]:
            break
        if occ in by_original:
            continue
        return (occ, occ)
    return best


def _overlaps(start: datetime, end: datetime, window_from: datetime, window_to: datetime) -> bool:
    # A zero-length activity counts when it starts inside the window.
    return start < window_to and (end > window_from or (end == start and start >= window_from))
