"""Pure rules for standalone tasks: tag normalisation, colours and local-day bounds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
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


def normalise_tags(raw: Sequence[str], *, field: str = "tags") -> list[str]:
    """Normalised, de-duplicated (first kept), blanks dropped; capped in count and length."""
    if len(raw) > limits.TAGS_PER_TASK:
        raise BadUserInput(f"A task has at most {limits.TAGS_PER_TASK} tags.", field=field)
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


def local_day(instant: datetime, zone: ZoneInfo) -> date:
    """The calendar day `instant` falls on for someone living in `zone` (DST-safe)."""
    return instant.astimezone(zone).date()
