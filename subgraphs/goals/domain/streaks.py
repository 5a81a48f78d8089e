"""Habit schedules and streaks: the rules live once in `common.streaks`, shared with analytics.

See docs/goals.md ("Streaks" and "Streak kindness") for the rules.
"""

from __future__ import annotations

from common.streaks import (
    Kindness,
    Schedule,
    Streaks,
    StreakUnit,
    compute_streaks,
    freezes_left,
    month_of,
    on_vacation,
)

__all__ = [
    "Kindness",
    "Schedule",
    "StreakUnit",
    "Streaks",
    "compute_streaks",
    "freezes_left",
    "month_of",
    "on_vacation",
]
