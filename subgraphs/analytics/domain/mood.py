"""Mood correlations: mean daily mood on days with something versus days without it.

A day's mood is the mean of that local day's check-ins; each side of a comparison is
the mean of its days' moods. A side with fewer than `MIN_SAMPLE_DAYS` days is not
shown (its mean is None), and the difference only when both sides are shown: a
figure from two or three days says more about chance than about the habit.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

# The fewest days either side of a comparison needs before its mean is shown.
MIN_SAMPLE_DAYS: Final = 5
# How far back `moodCorrelations(days:)` may look.
MAX_WINDOW_DAYS: Final = 366


@dataclass(frozen=True)
class Comparison:
    with_mean: float | None
    with_days: int
    without_mean: float | None
    without_days: int

    @property
    def difference(self) -> float | None:
        if self.with_mean is None or self.without_mean is None:
            return None
        return round(self.with_mean - self.without_mean, 2)


def daily_moods(readings: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Local day (ISO) -> mean mood of that day's check-ins."""
    by_day: dict[str, list[float]] = defaultdict(list)
    for day, mood in readings:
        by_day[day].append(mood)
    return {day: sum(values) / len(values) for day, values in by_day.items()}


def compare(
    moods: dict[str, float],
    marked: set[str],
    *,
    since: str | None = None,
    min_sample: int = MIN_SAMPLE_DAYS,
) -> Comparison:
    """Mood on `marked` days versus the other mood days (from `since` on, when given)."""
    days = [d for d in moods if since is None or d >= since]
    with_days = [moods[d] for d in days if d in marked]
    without_days = [moods[d] for d in days if d not in marked]
    return Comparison(
        with_mean=_mean(with_days, min_sample),
        with_days=len(with_days),
        without_mean=_mean(without_days, min_sample),
        without_days=len(without_days),
    )


def _mean(values: list[float], min_sample: int) -> float | None:
    if len(values) < min_sample or not values:
        return None
    return round(sum(values) / len(values), 2)
