"""Habit schedules and streaks, as pure functions of check-in days.

Rules (see docs/goals.md):
- DAILY: every day is due. The streak is the run of consecutive checked-in days.
- WEEKDAYS: only the chosen weekdays are due. A missed due day breaks the run;
  other days neither break it nor need a check-in, but a check-in on them counts.
- TIMES_PER_WEEK: a Monday-to-Sunday week is satisfied with at least N
  check-ins. The streak counts consecutive satisfied weeks (unit: weeks).
Today (and for weekly habits the current week) is still open: not having
checked in yet does not break the streak.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from common.errors import BadUserInput
from subgraphs.goals.domain.enums import ScheduleKind
from subgraphs.goals.domain.timezones import week_start


class StreakUnit(StrEnum):
    DAY = "day"
    WEEK = "week"


@dataclass(frozen=True, slots=True)
class Schedule:
    kind: ScheduleKind
    # 0 = Monday ... 6 = Sunday, as `date.weekday()`.
    weekdays: frozenset[int] = field(default_factory=frozenset)
    times_per_week: int | None = None

    def validate(self) -> None:
        if self.kind is ScheduleKind.WEEKDAYS:
            if not self.weekdays:
                raise BadUserInput("Choose at least one weekday.", field="weekdays")
            if any(not 0 <= d <= 6 for d in self.weekdays):
                raise BadUserInput("Weekdays are 0 (Monday) to 6 (Sunday).", field="weekdays")
        if self.kind is ScheduleKind.TIMES_PER_WEEK and not (
            self.times_per_week is not None and 1 <= self.times_per_week <= 7
        ):
            raise BadUserInput("Times per week must be between 1 and 7.", field="timesPerWeek")

    @property
    def unit(self) -> StreakUnit:
        return StreakUnit.WEEK if self.kind is ScheduleKind.TIMES_PER_WEEK else StreakUnit.DAY

    def is_due(self, day: date) -> bool:
        if self.kind is ScheduleKind.WEEKDAYS:
            return day.weekday() in self.weekdays
        return True


@dataclass(frozen=True, slots=True)
class Streaks:
    current: int
    longest: int
    unit: StreakUnit


def compute_streaks(days: Iterable[date], schedule: Schedule, today: date) -> Streaks:
    checked = {d for d in days if d <= today}
    if not checked:
        return Streaks(0, 0, schedule.unit)
    if schedule.kind is ScheduleKind.TIMES_PER_WEEK:
        return _weekly(checked, schedule.times_per_week or 1, today)
    return _daily(checked, schedule, today)


def _daily(checked: set[date], schedule: Schedule, today: date) -> Streaks:
    run = longest = 0
    day = min(checked)
    while day <= today:
        if day in checked:
            run += 1
            longest = max(longest, run)
        elif schedule.is_due(day) and day != today:
            run = 0
        day += timedelta(days=1)
    return Streaks(run, longest, StreakUnit.DAY)


def _weekly(checked: set[date], per_week: int, today: date) -> Streaks:
    counts = Counter(week_start(d) for d in checked)
    current_week = week_start(today)
    run = longest = 0
    week = min(counts)
    while week <= current_week:
        if counts[week] >= per_week:
            run += 1
            longest = max(longest, run)
        elif week != current_week:
            run = 0
        week += timedelta(days=7)
    return Streaks(run, longest, StreakUnit.WEEK)
