"""RRULE text parsed strictly into a `Rule`: RFC 5545 ranges and the limits that keep
expansion cheap. Everything a client may write is checked here, before anything is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from common.errors import BadUserInput

FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MAX_RULE_CHARS = 500
MAX_INTERVAL = 1000
MAX_COUNT = 1000
# BYHOUR x BYMINUTE x BYSECOND: how many occurrences one day can hold.
MAX_PER_DAY = 24

_FIELD = "recurrence"
_NTH_DAY = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{8})(?:T(\d{6})(Z?))?$")
_KNOWN = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "WKST",
    "BYMONTH",
    "BYMONTHDAY",
    "BYYEARDAY",
    "BYDAY",
    "BYHOUR",
    "BYMINUTE",
    "BYSECOND",
    "BYSETPOS",
}


@dataclass(frozen=True, slots=True)
class Until:
    """UNTIL as written: a UTC instant (`Z`), or local wall time of the activity's zone."""

    at: datetime
    utc: bool


@dataclass(frozen=True, slots=True)
class Rule:
    freq: str
    interval: int = 1
    count: int | None = None
    until: Until | None = None
    wkst: int = 0
    bymonth: frozenset[int] = frozenset()
    bymonthday: frozenset[int] = frozenset()
    byyearday: frozenset[int] = frozenset()
    # Plain weekdays (0 = Monday), and (weekday, n) for "the n-th Monday" (n < 0 from the end).
    byday: frozenset[int] = frozenset()
    bynthday: frozenset[tuple[int, int]] = frozenset()
    byhour: tuple[int, ...] = ()
    byminute: tuple[int, ...] = ()
    bysecond: tuple[int, ...] = ()
    bysetpos: tuple[int, ...] = ()


def bad(message: str) -> BadUserInput:
    return BadUserInput(f"The RRULE is not valid: {message}", field=_FIELD)


def normalise(text: str) -> str:
    rule = text.strip()
    if rule.upper().startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    return rule.upper()


def parse(text: str) -> Rule:
    """The rule in `text` (an RRULE value, `RRULE:` prefix optional); BAD_USER_INPUT if invalid."""
    rule = normalise(text)
    if len(rule) > MAX_RULE_CHARS:
        raise bad(f"at most {MAX_RULE_CHARS} characters.")
    if not rule or any(c in rule for c in "\r\n") or "DTSTART" in rule:
        raise BadUserInput("Give a single RRULE line without DTSTART.", field=_FIELD)
    parts: dict[str, str] = {}
    for part in rule.split(";"):
        name, sep, value = part.partition("=")
        if not sep or not value:
            raise bad(f"{part!r} is not NAME=VALUE.")
        if name not in _KNOWN:
            raise bad(f"{name} is not supported.")
        if name in parts:
            raise bad(f"{name} is given twice.")
        parts[name] = value
    freq = parts.get("FREQ")
    if freq not in FREQS:
        raise BadUserInput("The RRULE needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.", field=_FIELD)
    if "COUNT" in parts and "UNTIL" in parts:
        raise bad("COUNT and UNTIL cannot both be given.")
    _check_combinations(freq, parts)
    byday, bynthday = _weekdays(parts.get("BYDAY"), freq)
    times = [_numbers(parts, name, lo, hi) for name, lo, hi in _TIME_PARTS]
    per_day = 1
    for values in times:
        per_day *= max(1, len(values))
    if per_day > MAX_PER_DAY:
        raise bad(f"at most {MAX_PER_DAY} occurrences a day (BYHOUR x BYMINUTE x BYSECOND).")
    return Rule(
        freq=freq,
        interval=_bounded(parts, "INTERVAL", 1, MAX_INTERVAL) or 1,
        count=_bounded(parts, "COUNT", 1, MAX_COUNT),
        until=_until(parts.get("UNTIL")),
        wkst=_weekday(parts.get("WKST", "MO"), "WKST"),
        bymonth=frozenset(_numbers(parts, "BYMONTH", 1, 12)),
        bymonthday=frozenset(_numbers(parts, "BYMONTHDAY", -31, 31, signed=True)),
        byyearday=frozenset(_numbers(parts, "BYYEARDAY", -366, 366, signed=True)),
        byday=byday,
        bynthday=bynthday,
        byhour=times[0],
        byminute=times[1],
        bysecond=times[2],
        bysetpos=_numbers(parts, "BYSETPOS", -366, 366, signed=True),
    )


# Leap second 60 is left out: a datetime cannot hold it.
_TIME_PARTS = (("BYHOUR", 0, 23), ("BYMINUTE", 0, 59), ("BYSECOND", 0, 59))


def _check_combinations(freq: str, parts: dict[str, str]) -> None:
    # RFC 5545 3.3.10: these parts have no meaning with these frequencies.
    if "BYMONTHDAY" in parts and freq == "WEEKLY":
        raise bad("BYMONTHDAY cannot be used with FREQ=WEEKLY.")
    if "BYYEARDAY" in parts and freq != "YEARLY":
        raise bad("BYYEARDAY needs FREQ=YEARLY.")


def _digits(value: str, name: str, *, signed: bool = False) -> int:
    body = value[1:] if signed and value[:1] in "+-" else value
    # Short digit strings only: a 20-digit INTERVAL is refused before it becomes an int.
    if not body.isascii() or not body.isdigit() or len(body) > 6:
        raise bad(f"{name}={value} is not a number in range.")
    return int(value)


def _bounded(parts: dict[str, str], name: str, lo: int, hi: int) -> int | None:
    raw = parts.get(name)
    if raw is None:
        return None
    value = _digits(raw, name)
    if not lo <= value <= hi:
        raise bad(f"{name} must be between {lo} and {hi}.")
    return value


def _numbers(
    parts: dict[str, str], name: str, lo: int, hi: int, *, signed: bool = False
) -> tuple[int, ...]:
    raw = parts.get(name)
    if raw is None:
        return ()
    values: set[int] = set()
    for item in raw.split(","):
        value = _digits(item, name, signed=signed)
        if not lo <= value <= hi or (signed and value == 0):
            raise bad(f"{name} values must be {_range(lo, hi, signed)}.")
        values.add(value)
    return tuple(sorted(values))


def _range(lo: int, hi: int, signed: bool) -> str:
    return f"1..{hi} or -{hi}..-1" if signed else f"{lo}..{hi}"


def _weekday(value: str, name: str) -> int:
    if value not in WEEKDAYS:
        raise bad(f"{name}={value} is not a weekday (MO..SU).")
    return WEEKDAYS.index(value)


def _weekdays(raw: str | None, freq: str) -> tuple[frozenset[int], frozenset[tuple[int, int]]]:
    if raw is None:
        return frozenset(), frozenset()
    plain: set[int] = set()
    nth: set[tuple[int, int]] = set()
    limit = 5 if freq == "MONTHLY" else 53
    for item in raw.split(","):
        match = _NTH_DAY.match(item)
        if match is None:
            raise bad(f"BYDAY value {item!r} is not a weekday like MO, 2TU or -1FR.")
        sign, number, day = match.groups()
        weekday = WEEKDAYS.index(day)
        if number is None:
            plain.add(weekday)
            continue
        if freq not in ("MONTHLY", "YEARLY"):
            raise bad("a numbered BYDAY (like 2TU) needs FREQ=MONTHLY or YEARLY.")
        n = int(number)
        if not 1 <= n <= limit:
            raise bad(f"the number in a BYDAY value must be 1..{limit} or -{limit}..-1.")
        nth.add((weekday, -n if sign == "-" else n))
    if plain and nth:
        raise bad("mix plain (MO) and numbered (2MO) BYDAY values in separate activities.")
    return frozenset(plain), frozenset(nth)


def _until(raw: str | None) -> Until | None:
    if raw is None:
        return None
    match = _UNTIL.match(raw)
    if match is None:
        raise bad("UNTIL must look like 20250131, 20250131T090000 or 20250131T090000Z.")
    day, clock, zulu = match.groups()
    try:
        # A date alone ends the series at the end of that day.
        at = datetime.strptime(day + (clock or "235959"), "%Y%m%d%H%M%S")
    except ValueError as exc:
        raise bad(f"UNTIL={raw} is not a real date and time.") from exc
    return Until(at, utc=bool(zulu))
