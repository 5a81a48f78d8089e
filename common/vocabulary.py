"""Words every subgraph shares: defined once so no two can drift apart."""

from __future__ import annotations

from typing import Literal, get_args

LifeArea = Literal["health", "finance", "family", "career", "learning", "creativity"]
LIFE_AREAS: tuple[LifeArea, ...] = get_args(LifeArea)

# Tracker metrics (goals' `TrackerMetric` values) and the plausible range of each value:
# goals refuses values outside them, and the coach never proposes one.
TrackerMetricName = Literal[
    "weight_kg", "sleep_hours", "resting_heart_rate", "spending", "learning_minutes"
]
TRACKER_RANGES: dict[TrackerMetricName, tuple[float, float]] = {
    "weight_kg": (1, 500),
    "sleep_hours": (0, 24),
    "resting_heart_rate": (20, 250),
    "spending": (0.01, 1_000_000_000),
    "learning_minutes": (1, 24 * 60),
}
