"""What a daily review lists: something done on the day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Done:
    id: str
    title: str
    at: datetime | None
