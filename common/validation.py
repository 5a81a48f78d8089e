"""Input checks every subgraph shares: text and list caps, time zones, date ranges.

Each check raises `BadUserInput` naming the GraphQL field, so a client sees a clear
`BAD_USER_INPUT` instead of a stored monster or an `INTERNAL` from deep inside.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import TypeVar
from zoneinfo import ZoneInfo

from common.errors import BadUserInput

T = TypeVar("T")

# The dates a person plans around. Outside them date arithmetic (a week, a
# template's offsets, a time zone's offset) can leave what `datetime` represents.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)

MAX_TIMEZONE_CHARS = 64
# Names the tz database ships that are not places: aliases of the host's own zone,
# leap-second ("right/") and POSIX-rule ("posix/") copies, and the "Factory" placeholder.
_NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})
_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+)*$")


def text(value: str, *, field: str, max_chars: int, required: bool = False) -> str:
    """`value` stripped; BAD_USER_INPUT when longer than `max_chars` (or empty if required).

    >>> text("  Run a marathon ", field="title", max_chars=200, required=True)
    'Run a marathon'
    """
    cleaned = value.strip()
    if required and not cleaned:
        raise BadUserInput(f"`{field}` must not be empty.", field=field)
    if len(cleaned) > max_chars:
        raise BadUserInput(f"`{field}` is longer than {max_chars} characters.", field=field)
    return cleaned


def optional_text(value: str | None, *, field: str, max_chars: int) -> str | None:
    """Like `text`, but None and blank both give None."""
    if value is None:
        return None
    return text(value, field=field, max_chars=max_chars) or None


def items(values: Sequence[T], *, field: str, max_items: int) -> Sequence[T]:
    """`values` unchanged; BAD_USER_INPUT when the list has more than `max_items` entries.

    >>> items(["a", "b"], field="tags", max_items=20)
    ['a', 'b']
    """
    if len(values) > max_items:
        raise too_many_items(field, max_items)
    return values


def too_many_items(field: str, max_items: int) -> BadUserInput:
    """The refusal of a list over its cap, as `items` and the limiter's early check say it."""
    return BadUserInput(f"`{field}` takes at most {max_items} entries.", field=field)


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name not in _NOT_PLACES and not name.startswith(("right/", "posix/"))
    )


def timezone_name(raw: str, *, field: str = "timezone") -> str:
    """An IANA place name (e.g. Europe/Paris, UTC); BAD_USER_INPUT otherwise.

    Checked against a fixed list before the tz database is touched, so no name
    (however long or odd) reaches the file system.
    """
    name = raw.strip()
    if len(name) > MAX_TIMEZONE_CHARS or not _ZONE_NAME.match(name) or name not in _zone_names():
        shown = name if len(name) <= MAX_TIMEZONE_CHARS else name[:MAX_TIMEZONE_CHARS] + "…"
        raise BadUserInput(f"{shown!r} is not an IANA time zone (e.g. Europe/Paris).", field=field)
    return name


def zone(raw: str, *, field: str = "timezone") -> ZoneInfo:
    """The `ZoneInfo` for a name `timezone_name` accepts."""
    return ZoneInfo(timezone_name(raw, field=field))


def is_known_zone(name: str) -> bool:
    try:
        timezone_name(name)
    except BadUserInput:
        return False
    return True


def zone_or_utc(name: str) -> ZoneInfo:
    """The zone `name` names, or UTC when it is not a place `timezone_name` accepts.

    For names that arrive in events or stored rows rather than from a client:
    one that is not a place counts as UTC instead of failing the consumer.
    """
    return ZoneInfo(name) if is_known_zone(name) else ZoneInfo("UTC")


def day_in_range(
    value: date, *, field: str, earliest: date = EARLIEST_DATE, latest: date = LATEST_DATE
) -> date:
    """`value` when it lies in [earliest, latest]; BAD_USER_INPUT otherwise.

    >>> day_in_range(date(2025, 3, 1), field="weekOf")
    datetime.date(2025, 3, 1)
    """
    if not earliest <= value <= latest:
        raise BadUserInput(
            f"`{field}` must be between {earliest.isoformat()} and {latest.isoformat()}.",
            field=field,
        )
    return value


def instant_in_range(value: datetime, *, field: str) -> datetime:
    """An aware `value` whose UTC day `day_in_range` accepts, returned in UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadUserInput("Times need a UTC offset (e.g. 2025-01-31T09:00:00Z).", field=field)
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not EARLIEST_DATE <= utc.date() <= LATEST_DATE:
        raise BadUserInput(
            f"`{field}` must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}.",
            field=field,
        )
    return utc
