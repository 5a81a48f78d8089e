"""Pure rules for standalone tasks: tag normalisation, colours, a series' anchor."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from common.errors import BadUserInput
from subgraphs.goals.domain import limits

_SPACES = re.compile(r"\s+")
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def normalise_tag(raw: str) -> str:
    """Lower case, no leading '#', inner whitespace collapsed to one '-'.

    >>> normalise_tag("  #Deep   Work ")
    'deep-work'
    """
    return _SPACES.sub("-", raw.strip().lstrip("#").strip().casefold())


def normalise_tags(
    raw: Sequence[str], *, field: str = "tags", max_tags: int = limits.TAGS_PER_TASK
) -> list[str]:
    """Normalised, de-duplicated (first kept), blanks dropped; capped in count and length.

    Tasks and mood check-ins share these rules (only the count differs).
    """
    if len(raw) > max_tags:
        raise BadUserInput(f"At most {max_tags} tags.", field=field)
    tags: list[str] = []
    for value in raw:
        tag = normalise_tag(value)
        if len(tag) > limits.TAG_CHARS:
            raise BadUserInput(f"A tag is at most {limits.TAG_CHARS} characters.", field=field)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def color(raw: str | None, *, field: str = "color") -> str | None:
    """`#rrggbb` in lower case, or None."""
    if raw is None or not raw.strip():
        return None
    if not _COLOR.match(raw.strip()):
        raise BadUserInput("A colour is `#rrggbb`.", field=field)
    return raw.strip().lower()


def series_anchor(due_day: date, due_at: datetime | None, zone: ZoneInfo) -> datetime:
    """A recurring task's DTSTART (UTC): its due instant, or noon local on its due day.

    Noon, not midnight: it exists and is unambiguous on every DST change day, so each
    occurrence's local day is the day the rule names.
    """
    if due_at is not None:
        return due_at
    return datetime.combine(due_day, time(12), tzinfo=zone).astimezone(UTC)
