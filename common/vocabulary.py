"""Words every subgraph shares: defined once so no two can drift apart."""

from __future__ import annotations

from typing import Literal, get_args

LifeArea = Literal["health", "finance", "family", "career", "learning", "creativity"]
LIFE_AREAS: tuple[LifeArea, ...] = get_args(LifeArea)
