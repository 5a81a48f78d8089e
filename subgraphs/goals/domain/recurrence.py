"""Recurring activities: RRULEs expanded in the owner's local wall time, returned in UTC.

Expanding in local time keeps "every day at 09:00" at 09:00 across DST changes;
the UTC instant shifts by an hour instead.

Expansion never walks from DTSTART: the FREQ/INTERVAL grid is a period index
(days, weeks from WKST, months, years), so the first period of a window is found
arithmetically and only the periods inside the window are looked at. COUNT is the
one part that depends on history: COUNT is capped (`rrule.MAX_COUNT`) and the
instant of the last occurrence is found once per rule by a walk whose work is
bounded (`COUNT_WALK_DAYS`; a rule that needs more is refused on write), then the
series is expanded like one with UNTIL.
"""

from __future__ import annotations

import calendar
import time as clock
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as wall
from functools import lru_cache
from zoneinfo import ZoneInfo

from common.errors import BadUserInput
from common.validation import EARLIEST_DATE, LATEST_DATE, instant_in_range
from subgraphs.goals.domain import rrule
from subgraphs.goals.domain.rrule import Rule

# Open-ended series stop here: later instants (plus a zone offset or a duration) would
# leave what `datetime` can hold. Windows past it are simply empty.
HORIZON = datetime(9990, 1, 1, tzinfo=UTC)
# Candidate days one COUNT walk may look at (about 137 years of a daily rule).
COUNT_WALK_DAYS = 50_000
# Candidate days the search for the next occurrence (reminders) may look at.
NEXT_SEARCH_DAYS = 20_000
# A recurring activity lasts at most this long, so a window looks back at most this far.
MAX_DURATION = timedelta(days=366)
_EARLIEST = datetime.combine(EARLIEST_DATE, wall(), UTC)
_LATEST = datetime.combine(LATEST_DATE, wall.max, UTC)
# Default cap on the occurrences one expansion of one activity returns.
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


@dataclass
class Budget:
    """Work allowed for one expansion: candidate days, and a wall-clock deadline."""

    days: int
    deadline: float | None = None
    exhausted: bool = field(default=False)

    def spend(self, days: int) -> bool:
        self.days -= days
        if self.days < 0 or (self.deadline is not None and clock.monotonic() > self.deadline):
            self.exhausted = True
        return not self.exhausted


@dataclass(frozen=True, slots=True)
class Series:
    """A validated rule anchored at DTSTART in a zone, with its defaults made explicit."""

    rule: Rule
    tz: ZoneInfo
    start: datetime  # DTSTART, local wall time (naive)
    start_utc: datetime
    times: tuple[wall, ...]
    # The last instant an occurrence may start at (UNTIL, or COUNT's last); None if open.
    last_utc: datetime | None


def normalise_rule(text: str) -> str:
    return rrule.normalise(text)


def utc_until_rule(text: str, tz: ZoneInfo) -> str:
    """The rule as RFC 5545 wants it beside a DTSTART with TZID: a floating UNTIL in UTC."""
    rule = normalise_rule(text)
    parts = []
    for part in rule.split(";"):
        name, _, value = part.partition("=")
        if name == "UNTIL":
            try:
                until = rrule.parse(f"FREQ=DAILY;UNTIL={value}").until
            except BadUserInput:
                until = None
            if until is not None and not until.utc:
                part = f"UNTIL={_until_utc(until, tz):%Y%m%dT%H%M%SZ}"
        parts.append(part)
    return ";".join(parts)


def parse_rule(text: str, start: datetime, tz: ZoneInfo) -> Series:
    """The rule anchored at `start` (UTC) in wall time of `tz`; BAD_USER_INPUT when invalid."""
    return _series(normalise_rule(text), instant_in_range(start, field="startsAt"), tz)


@lru_cache(maxsize=4096)
def _series(text: str, start_utc: datetime, tz: ZoneInfo) -> Series:
    rule = rrule.parse(text)
    local = start_utc.astimezone(tz).replace(tzinfo=None)
    rule = _with_defaults(rule, local)
    times = tuple(
        sorted(
            wall(h, m, s)
            for h in rule.byhour or (local.hour,)
            for m in rule.byminute or (local.minute,)
            for s in rule.bysecond or (local.second,)
        )
    )
    last: datetime | None = None
    if rule.until is not None:
        last = _until_utc(rule.until, tz)
        if last < start_utc:
            raise rrule.bad("UNTIL is before the activity starts.")
        if last > _LATEST:
            raise rrule.bad(f"UNTIL must be before {LATEST_DATE.year + 1}.")
    series = Series(rule, tz, local, start_utc, times, last)
    if rule.count is not None:
        series = Series(rule, tz, local, start_utc, times, _count_end(series))
    if _first(series) is None:
        raise rrule.bad("the rule has no occurrence on or after the start.")
    return series


def _with_defaults(rule: Rule, start: datetime) -> Rule:
    # What RFC 5545 (and dateutil) take from DTSTART when the rule leaves it open.
    if rule.byyearday or rule.bymonthday or rule.byday or rule.bynthday:
        return rule
    if rule.freq == "YEARLY":
        return replace(
            rule,
            bymonth=rule.bymonth or frozenset({start.month}),
            bymonthday=frozenset({start.day}),
        )
    if rule.freq == "MONTHLY":
        return replace(rule, bymonthday=frozenset({start.day}))
    if rule.freq == "WEEKLY":
        return replace(rule, byday=frozenset({start.weekday()}))
    return rule


def _until_utc(until: rrule.Until, tz: ZoneInfo) -> datetime:
    if until.utc:
        return until.at.replace(tzinfo=UTC)
    # A floating UNTIL is wall time in the activity's zone; the far ends cannot shift.
    if until.at.year <= 1 or until.at.year >= 9999:
        return until.at.replace(tzinfo=UTC)
    return until.at.replace(tzinfo=tz).astimezone(UTC)


# Periods ----------------------------------------------------------------------------


def _period_index(series: Series, day: date) -> int:
    """The index of the FREQ period holding `day` (days, weeks, months or years)."""
    freq = series.rule.freq
    if freq == "DAILY":
        return day.toordinal()
    if freq == "WEEKLY":
        return (day.toordinal() - 1 - series.rule.wkst) // 7
    if freq == "MONTHLY":
        return day.year * 12 + day.month - 1
    return day.year


def _period_days(series: Series, index: int) -> list[date]:
    freq = series.rule.freq
    if freq == "DAILY":
        return [date.fromordinal(index)]
    if freq == "WEEKLY":
        first = index * 7 + 1 + series.rule.wkst
        return [date.fromordinal(first + i) for i in range(7)]
    if freq == "MONTHLY":
        year, month = divmod(index, 12)
        return _month_days(year, month + 1)
    months = sorted(series.rule.bymonth) or range(1, 13)
    return [day for month in months for day in _month_days(index, month)]


_MAX_ORDINAL = date(HORIZON.year, 1, 1).toordinal()


def _month_days(year: int, month: int) -> list[date]:
    return [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]


def _matches(rule: Rule, day: date, *, nth_in_year: bool) -> bool:
    if rule.bymonth and day.month not in rule.bymonth:
        return False
    if rule.byday and day.weekday() not in rule.byday:
        return False
    if rule.bymonthday:
        month_len = calendar.monthrange(day.year, day.month)[1]
        if day.day not in rule.bymonthday and day.day - month_len - 1 not in rule.bymonthday:
            return False
    if rule.byyearday:
        yday = day.timetuple().tm_yday
        year_len = 366 if calendar.isleap(day.year) else 365
        if yday not in rule.byyearday and yday - year_len - 1 not in rule.byyearday:
            return False
    if rule.bynthday:
        if nth_in_year:
            position, length = day.timetuple().tm_yday, 366 if calendar.isleap(day.year) else 365
        else:
            position, length = day.day, calendar.monthrange(day.year, day.month)[1]
        first = (position - 1) // 7 + 1
        last = -((length - position) // 7 + 1)
        weekday = day.weekday()
        if (weekday, first) not in rule.bynthday and (weekday, last) not in rule.bynthday:
            return False
    return True


def _period_occurrences(series: Series, index: int, budget: Budget) -> list[datetime] | None:
    """Local wall times of one period's occurrences, sorted; None when out of budget."""
    rule = series.rule
    days = _period_days(series, index)
    if rule.freq == "WEEKLY" and index == _period_index(series, series.start.date()):
        # dateutil (and rrule.js after it) begin the first week at DTSTART, not at WKST,
        # so BYSETPOS counts from there; RFC 5545 leaves an unsynchronised DTSTART undefined.
        days = [day for day in days if day >= series.start.date()]
    if not budget.spend(len(days)):
        return None
    # "The 2nd Monday" counts within the year only for YEARLY rules without BYMONTH.
    nth_in_year = rule.freq == "YEARLY" and not rule.bymonth
    found = [
        datetime.combine(day, t)
        for day in days
        if _matches(rule, day, nth_in_year=nth_in_year)
        for t in series.times
    ]
    if rule.bysetpos and found:
        positions = (p - 1 if p > 0 else p for p in rule.bysetpos)
        found = sorted({found[i] for i in positions if -len(found) <= i < len(found)})
    return found


def _walk(
    series: Series, after_local: datetime, budget: Budget, stop_local: datetime | None = None
) -> Iterator[datetime]:
    """UTC starts of occurrences from the period holding `after_local` on, in order,
    until a period begins after `stop_local`."""
    rule = series.rule
    start_index = _period_index(series, series.start.date())
    target = _period_index(series, max(after_local, series.start).date())
    # Jump straight to the window: the k-th period of the grid is start + k * INTERVAL.
    k = max(0, (target - start_index) // rule.interval)
    index = start_index + k * rule.interval
    stop = stop_local.date() if stop_local is not None else date(HORIZON.year, 1, 1)
    while True:
        first_day = _period_first_day(series, index)
        if first_day is None or first_day > stop:
            return
        occurrences = _period_occurrences(series, index, budget)
        if occurrences is None:
            return
        for local in occurrences:
            if local < series.start:
                continue
            instant = local.replace(tzinfo=series.tz).astimezone(UTC)
            if series.last_utc is not None and instant > series.last_utc:
                return
            yield instant
        index += rule.interval


def _period_first_day(series: Series, index: int) -> date | None:
    """The first day of period `index`; None past the horizon."""
    freq = series.rule.freq
    if freq in ("DAILY", "WEEKLY"):
        ordinal = index if freq == "DAILY" else index * 7 + 1 + series.rule.wkst
        return date.fromordinal(ordinal) if ordinal < _MAX_ORDINAL else None
    year, month = divmod(index, 12) if freq == "MONTHLY" else (index, 0)
    return date(year, month + 1, 1) if year < HORIZON.year else None


def _count_end(series: Series) -> datetime | None:
    count = series.rule.count
    assert count is not None
    budget = Budget(COUNT_WALK_DAYS)
    last: datetime | None = None
    for n, instant in enumerate(_walk(series, series.start, budget), start=1):
        last = instant
        if n == count:
            return last
    if budget.exhausted:
        raise rrule.bad(f"COUNT={count} reaches too far for this rule; give an UNTIL date instead.")
    return last


def _first(series: Series) -> datetime | None:
    budget = Budget(NEXT_SEARCH_DAYS)
    return next(_walk(series, series.start, budget), None)


def occurrences(
    series: Series, window_from: datetime, window_to: datetime, budget: Budget
) -> Iterator[datetime]:
    """UTC starts in [window_from, window_to), looking only at the periods in between."""
    lo = max(window_from, series.start_utc)
    hi = min(window_to, HORIZON)
    if series.last_utc is not None:
        hi = min(hi, series.last_utc + timedelta(microseconds=1))
    if lo >= hi:
        return
    # A day of slack each side: zone offsets move local days by up to about 26 hours.
    slack = timedelta(days=1)
    after_local = lo.astimezone(series.tz).replace(tzinfo=None) - slack
    stop_local = hi.astimezone(series.tz).replace(tzinfo=None) + slack
    for instant in _walk(series, after_local, budget, stop_local):
        if lo <= instant < hi:
            yield instant


# Used by the calendar, the feed and the reminder dispatcher ----------------------------


def expand(
    *,
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    rule: str | None,
    exceptions: Sequence[OccurrenceException],
    window_from: datetime,
    window_to: datetime,
    limit: int = MAX_OCCURRENCES,
    budget: Budget | None = None,
) -> list[Occurrence]:
    """Occurrences overlapping [window_from, window_to), moved and cancelled ones honoured.

    At most `limit` + 1 are generated, so a caller can tell "more than `limit`".
    """
    duration = end - start
    if rule is None:
        return (
            [Occurrence(start, end, start)] if _overlaps(start, end, window_from, window_to) else []
        )
    series = parse_rule(rule, start, tz)
    by_original = {e.original_start: e for e in exceptions}
    found: list[Occurrence] = []
    # Series start in 1900 or later, so a window from before then looks no further back.
    look_from = max(window_from, _EARLIEST) - min(duration, MAX_DURATION)
    work = budget if budget is not None else Budget(COUNT_WALK_DAYS)
    for occ_start in occurrences(series, look_from, window_to, work):
        if occ_start in by_original:
            continue
        if not _overlaps(occ_start, occ_start + duration, window_from, window_to):
            continue
        found.append(Occurrence(occ_start, occ_start + duration, occ_start))
        if len(found) > limit:
            break
    for exc in exceptions:
        if exc.cancelled or exc.start is None or exc.end is None:
            continue
        if _overlaps(exc.start, exc.end, window_from, window_to):
            found.append(Occurrence(exc.start, exc.end, exc.original_start, moved=True))
    return sorted(found, key=lambda o: (o.start, o.original_start))


def is_occurrence(*, start: datetime, tz: ZoneInfo, rule: str | None, instant: datetime) -> bool:
    if rule is None:
        return instant == start
    series = parse_rule(rule, start, tz)
    if not _EARLIEST <= instant <= HORIZON:
        return False
    window = occurrences(series, instant, instant + timedelta(seconds=1), Budget(COUNT_WALK_DAYS))
    return instant in window


def next_start_after(
    *,
    start: datetime,
    tz: ZoneInfo,
    rule: str | None,
    exceptions: Sequence[OccurrenceException],
    after: datetime,
) -> tuple[datetime, datetime] | None:
    """(original start, actual start) of the first live occurrence starting after `after`.

    The search looks at most `NEXT_SEARCH_DAYS` candidate days ahead; a rule sparser
    than that has no next occurrence as far as reminders are concerned.
    """
    if rule is None:
        return (start, start) if start > after else None
    series = parse_rule(rule, start, tz)
    by_original = {e.original_start: e for e in exceptions}
    moved = sorted(
        (e.start, e.original_start)
        for e in exceptions
        if not e.cancelled and e.start is not None and e.start > after
    )
    best: tuple[datetime, datetime] | None = (moved[0][1], moved[0][0]) if moved else None
    if after >= HORIZON:
        return best
    budget = Budget(NEXT_SEARCH_DAYS)
    for occ in occurrences(series, after + timedelta(microseconds=1), HORIZON, budget):
        if best is not None and occ >= best[1]:
            break
        if occ in by_original:
            continue
        return (occ, occ)
    return best


def _overlaps(start: datetime, end: datetime, window_from: datetime, window_to: datetime) -> bool:
    # A zero-length activity counts when it starts inside the window.
    return start < window_to and (end > window_from or (end == start and start >= window_from))
