"""Streak rules as pure functions: fast, no I/O."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from common.errors import BadUserInput
from subgraphs.goals.domain.enums import ScheduleKind
from subgraphs.goals.domain.streaks import Schedule, StreakUnit, compute_streaks
from subgraphs.goals.domain.timezones import local_day

DAILY = Schedule(ScheduleKind.DAILY)
MON_WED_FRI = Schedule(ScheduleKind.WEEKDAYS, frozenset({0, 2, 4}))
THREE_A_WEEK = Schedule(ScheduleKind.TIMES_PER_WEEK, times_per_week=3)


def days(start: date, count: int) -> list[date]:
    return [start + timedelta(days=i) for i in range(count)]


def test_daily_streak_counts_consecutive_days_and_today_is_still_open() -> None:
    today = date(2025, 5, 10)
    checked = days(date(2025, 5, 5), 5)  # 5th..9th, not yet today
    assert compute_streaks(checked, DAILY, today).current == 5
    assert compute_streaks([*checked, today], DAILY, today).current == 6


def test_a_missed_day_breaks_the_daily_streak_but_longest_remembers() -> None:
    today = date(2025, 5, 20)
    checked = [*days(date(2025, 5, 1), 8), *days(date(2025, 5, 18), 3)]
    streaks = compute_streaks(checked, DAILY, today)
    assert (streaks.current, streaks.longest, streaks.unit) == (3, 8, StreakUnit.DAY)


def test_missing_yesterday_means_no_current_streak() -> None:
    today = date(2025, 5, 20)
    assert compute_streaks(days(date(2025, 5, 10), 9), DAILY, today).current == 0


def test_weekday_schedule_skips_days_that_are_not_due() -> None:
    # Mon 5, Wed 7, Fri 9, Mon 12 May 2025: unscheduled days in between do not break it.
    checked = [date(2025, 5, 5), date(2025, 5, 7), date(2025, 5, 9), date(2025, 5, 12)]
    assert compute_streaks(checked, MON_WED_FRI, date(2025, 5, 13)).current == 4
    # Missing Wednesday 14th breaks it by Thursday.
    assert compute_streaks(checked, MON_WED_FRI, date(2025, 5, 15)).current == 0


def test_times_per_week_counts_consecutive_satisfied_weeks() -> None:
    week1 = [date(2025, 5, 5), date(2025, 5, 6), date(2025, 5, 8)]
    week2 = [date(2025, 5, 12), date(2025, 5, 14), date(2025, 5, 18)]
    week3 = [date(2025, 5, 19)]  # current week, not yet satisfied: still open
    streaks = compute_streaks([*week1, *week2, *week3], THREE_A_WEEK, date(2025, 5, 20))
    assert (streaks.current, streaks.longest, streaks.unit) == (2, 2, StreakUnit.WEEK)
    # Once that week is over unsatisfied, the streak is gone.
    assert compute_streaks([*week1, *week2, *week3], THREE_A_WEEK, date(2025, 5, 26)).current == 0


def test_future_check_ins_are_ignored() -> None:
    assert compute_streaks([date(2025, 5, 11)], DAILY, date(2025, 5, 10)).current == 0


def test_streak_across_a_dst_change_uses_local_days() -> None:
    """Check-ins at 00:30 New York time each night across the March DST switch.

    A fixed UTC offset taken before the change would put the post-DST check-ins
    on the previous day and see a gap; local days keep the streak unbroken.
    """
    tz = ZoneInfo("America/New_York")
    instants = [
        datetime(2025, 3, d, 0, 30, tzinfo=tz).astimezone(UTC) for d in range(5, 15)
    ]  # DST starts 9 March 2025
    checked = [local_day(i, tz) for i in instants]
    assert len(set(checked)) == 10
    fixed_offset = [(i - timedelta(hours=5)).date() for i in instants]
    assert len(set(fixed_offset)) < 10  # the naive approach really would break here
    today = local_day(datetime(2025, 3, 14, 12, tzinfo=tz), tz)
    assert compute_streaks(checked, DAILY, today).current == 10


@pytest.mark.parametrize(
    ("schedule", "field"),
    [
        (Schedule(ScheduleKind.WEEKDAYS), "weekdays"),
        (Schedule(ScheduleKind.WEEKDAYS, frozenset({7})), "weekdays"),
        (Schedule(ScheduleKind.TIMES_PER_WEEK, times_per_week=0), "timesPerWeek"),
        (Schedule(ScheduleKind.TIMES_PER_WEEK, times_per_week=8), "timesPerWeek"),
    ],
)
def test_invalid_schedules_name_the_field(schedule: Schedule, field: str) -> None:
    with pytest.raises(BadUserInput) as caught:
        schedule.validate()
    assert caught.value.field == field
