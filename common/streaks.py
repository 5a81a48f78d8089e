"""Habit streaks, kindness included: the one rule habits (goals) and analytics both apply.

A streak is a pure function of a habit's checked days, its schedule, the owner's local
today and the owner's kindness (skipped days, vacations). Days are the owner's local
calendar days (`date`), so a DST change (a 23- or 25-hour day) is one day like any other.

- DAILY: every day is due; WEEKDAYS: the chosen weekdays only (a check-in on another day
  still counts). A missed due day breaks the run. TIMES_PER_WEEK: a Monday-Sunday week
  with at least N check-ins counts one (unit: weeks); a week with fewer breaks the run.
- Today (the current week) is open: not having checked in yet breaks nothing.
- **Kindness pauses**: a missed day the owner skipped, froze, or spent on vacation neither
  breaks the run nor lengthens it; a check-in on such a day still counts. A week that
  falls short but holds such a day is paused as a whole.
- **Freezes** are spent by the owner on a missed day (`freezeHabitDay`), and are limited:
  each local month grants `MONTHLY_GRANT` (for days of that month, not carried over), every
  `EARN_EVERY` units of a run earn one more (kept until spent), and at most
  `FREEZES_PER_MONTH` days of one month are frozen. `freezes_left` says what a freeze of
  a day in a month may still use. Vacations pause every habit of the owner.

    streaks = compute_streaks(days, Schedule(ScheduleKind.DAILY), today, Kindness())
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from common.errors import BadUserInput

# At most this many days of one calendar month are frozen.
FREEZES_PER_MONTH: Final = 2
# Freezes granted for the days of every month; not carried over.
MONTHLY_GRANT: Final = 1
# Units (days, or weeks) of an unbroken run that earn one freeze.
EARN_EVERY: Final = 7


class ScheduleKind(StrEnum):
    DAILY = "daily"
    WEEKDAYS = "weekdays"
    TIMES_PER_WEEK = "times_per_week"


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
class Kindness:
    """What pauses a streak: days skipped or frozen, and vacations (inclusive ranges; an
    open vacation has no end)."""

    skipped: frozenset[date] = field(default_factory=frozenset)
    frozen: frozenset[date] = field(default_factory=frozenset)
    vacations: tuple[tuple[date, date | None], ...] = ()

    def paused(self, day: date) -> bool:
        if day in self.skipped or day in self.frozen:
            return True
        return on_vacation(self.vacations, day)


def on_vacation(vacations: Iterable[tuple[date, date | None]], day: date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in vacations)


@dataclass(frozen=True, slots=True)
class Streaks:
    current: int
    longest: int
    unit: StreakUnit
    # Freezes earned over the habit's history (one per EARN_EVERY units of a run).
    earned: int = 0


def month_of(day: date) -> tuple[int, int]:
    return (day.year, day.month)


def freezes_left(streaks: Streaks, frozen: Iterable[date], month: tuple[int, int]) -> int:
    """How many more days of `month` may be frozen: its grant if unused, then earned
    freezes not yet spent, never past `FREEZES_PER_MONTH` in the month."""
    per_month = Counter(month_of(d) for d in frozen)
    # The first frozen day of a month uses its grant; any more use earned ones.
    earned_spent = sum(max(0, n - MONTHLY_GRANT) for n in per_month.values())
    grant = max(0, MONTHLY_GRANT - per_month[month])
    purse = grant + max(0, streaks.earned - earned_spent)
    return max(0, min(purse, FREEZES_PER_MONTH - per_month[month]))


def week_start(day: date) -> date:
    """Weeks start on Monday (ISO 8601)."""
    return day - timedelta(days=day.weekday())


def compute_streaks(
    days: Iterable[date], schedule: Schedule, today: date, kindness: Kindness | None = None
) -> Streaks:
    kind = kindness or Kindness()
    checked = {d for d in days if d <= today}
    if not checked:
        return Streaks(0, 0, schedule.unit)
    if schedule.kind is ScheduleKind.TIMES_PER_WEEK:
        return _weekly(checked, schedule.times_per_week or 1, today, kind)
    return _daily(checked, schedule, today, kind)


def _daily(checked: set[date], schedule: Schedule, today: date, kind: Kindness) -> Streaks:
    run = longest = earned = 0
    day = min(checked)
    while day <= today:
        if day in checked:
            run += 1
            longest = max(longest, run)
            if run % EARN_EVERY == 0:
                earned += 1
        elif day != today and schedule.is_due(day) and not kind.paused(day):
            run = 0
        day += timedelta(days=1)
    return Streaks(run, longest, StreakUnit.DAY, earned)


def _weekly(checked: set[date], per_week: int, today: date, kind: Kindness) -> Streaks:
    counts = Counter(week_start(d) for d in checked)
    current_week = week_start(today)
    run = longest = earned = 0
    week = min(counts)
    while week <= current_week:
        if counts[week] >= per_week:
            run += 1
            longest = max(longest, run)
            if run % EARN_EVERY == 0:
                earned += 1
        elif week != current_week and not any(
            kind.paused(week + timedelta(days=i)) for i in range(7)
        ):
            run = 0
        week += timedelta(days=7)
    return Streaks(run, longest, StreakUnit.WEEK, earned)
