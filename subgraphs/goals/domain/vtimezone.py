"""VTIMEZONE blocks (RFC 5545 3.6.5) from the IANA database, so feeds need no zone lookup.

The zone's transitions are found by scanning `zoneinfo` over the span the feed
needs. The trailing run of transitions that follow one yearly rule (for example
"last Sunday of March at 02:00") becomes an open-ended RRULE observance, so
occurrences far beyond the scanned span still get the right offset; anything
earlier is listed with RDATEs. A zone without transitions gets one observance.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

_DAY = timedelta(days=1)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Fewer transitions of one kind than this in a row are listed, not turned into a rule.
_MIN_RULE_RUN = 3
_LOOK_BACK = timedelta(days=400)
_SECOND = timedelta(seconds=1)


@dataclass(frozen=True, slots=True)
class _State:
    offset: timedelta
    dst: bool
    name: str


@dataclass(frozen=True, slots=True)
class Transition:
    at: datetime  # UTC instant the new offset starts
    before: _State
    after: _State

    @property
    def forward(self) -> bool:
        """Into DAYLIGHT: the clock goes forward. Not tzdata's DST flag: with negative
        DST (Dublin's winter, Casablanca in Ramadan) readers would resolve the
        repeated hour of a fall-back the wrong way round."""
        return self.after.offset > self.before.offset

    @property
    def onset(self) -> datetime:
        """Local wall time of the change, in the offset in force before it (naive)."""
        return (self.at + self.before.offset).replace(tzinfo=None)

    def rule_key(self) -> tuple[object, ...]:
        """What must repeat every year for transitions to share one RRULE."""
        local = self.onset
        return (local.month, local.weekday(), local.time(), self.before, self.after)

    def nth(self) -> int:
        return (self.onset.day - 1) // 7 + 1

    def is_last(self) -> bool:
        local = self.onset
        return local.day + 7 > calendar.monthrange(local.year, local.month)[1]


def _state(tz: ZoneInfo, instant: datetime) -> _State:
    local = instant.astimezone(tz)
    offset = local.utcoffset() or timedelta(0)
    return _State(offset, bool(local.dst()), local.tzname() or tz.key)


def transitions(tz: ZoneInfo, start: datetime, end: datetime) -> list[Transition]:
    """Offset changes in [start, end), found day by day, then to the second by bisection.

    A change of name or DST flag alone is not one: it would give its observance
    TZOFFSETFROM = TZOFFSETTO, and readers take that difference as its DST amount.
    """
    found: list[Transition] = []
    day = start.astimezone(UTC)
    state = _state(tz, day)
    while day < end:
        nxt = day + _DAY
        next_state = _state(tz, nxt)
        if next_state.offset != state.offset:
            lo, hi = int(day.timestamp()), int(nxt.timestamp())
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _state(tz, datetime.fromtimestamp(mid, UTC)).offset == state.offset:
                    lo = mid
                else:
                    hi = mid
            at = datetime.fromtimestamp(hi, UTC)
            found.append(Transition(at, _state(tz, at - _SECOND), _state(tz, at)))
            state = next_state
        day = nxt
    return found


def vtimezone(tz: ZoneInfo, start: datetime, end: datetime) -> list[str]:
    """Content lines of a VTIMEZONE valid from `start`; from `end` on, only if rule-based."""
    changes = transitions(tz, start, end)
    first = _state(tz, start)
    # The observance in force at `start` begins with the change before it, so that
    # TZOFFSETTO - TZOFFSETFROM is its real DST amount (readers derive dst() from it).
    earlier = transitions(tz, start - _LOOK_BACK, start)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tz.key}"]
    lines += _observance(
        earlier[-1].before if earlier else first,
        first,
        earlier[-1].onset
        if earlier
        else (start.astimezone(UTC) + first.offset).replace(tzinfo=None),
        daylight=bool(earlier) and earlier[-1].forward,
    )
    ruled: set[int] = set()
    for run in _rule_runs(changes):
        ruled.update(id(t) for t in run)
        head, position = run[0], _position(run)
        byday = f"{position}{_WEEKDAYS[head.onset.weekday()]}"
        lines += _observance(
            head.before,
            head.after,
            head.onset,
            daylight=head.forward,
            extra=[f"RRULE:FREQ=YEARLY;BYMONTH={head.onset.month};BYDAY={byday}"],
        )
    listed: dict[tuple[_State, _State], list[Transition]] = {}
    for change in changes:
        if id(change) not in ruled:
            listed.setdefault((change.before, change.after), []).append(change)
    for (before, after), group in listed.items():
        rdates = [f"RDATE:{_stamp(t.onset)}" for t in group[1:]]
        lines += _observance(before, after, group[0].onset, daylight=group[0].forward, extra=rdates)
    lines.append("END:VTIMEZONE")
    return lines


def _rule_runs(changes: list[Transition]) -> Iterator[list[Transition]]:
    """Per kind (into daylight, into standard), the trailing yearly run, if long enough."""
    for forward in (True, False):
        kind = [t for t in changes if t.forward is forward]
        run: list[Transition] = []
        for change in reversed(kind):
            if run and not _same_rule(change, run[0]):
                break
            run.insert(0, change)
        if len(run) >= _MIN_RULE_RUN and _position(run) is not None:
            yield run


def _same_rule(earlier: Transition, later: Transition) -> bool:
    return earlier.rule_key() == later.rule_key() and later.onset.year == earlier.onset.year + 1


def _position(run: list[Transition]) -> int | None:
    """The BYDAY position all transitions of the run share: nth weekday, or -1 for the last."""
    if all(t.is_last() for t in run):
        return -1
    if len({t.nth() for t in run}) == 1:
        return run[0].nth()
    return None


def _observance(
    before: _State,
    after: _State,
    onset: datetime,
    *,
    daylight: bool,
    extra: list[str] | None = None,
) -> list[str]:
    kind = "DAYLIGHT" if daylight else "STANDARD"
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{_stamp(onset)}",
        f"TZOFFSETFROM:{_offset(before.offset)}",
        f"TZOFFSETTO:{_offset(after.offset)}",
        f"TZNAME:{after.name}",
        *(extra or []),
        f"END:{kind}",
    ]


def _stamp(local: datetime) -> str:
    return local.strftime("%Y%m%dT%H%M%S")


def _offset(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")
