"""Streak kindness (common/streaks.py): skips, freezes, vacations, across a DST change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from common.streaks import (
    EARN_EVERY,
    FREEZES_PER_MONTH,
    Kindness,
    Schedule,
    ScheduleKind,
    Streaks,
    StreakUnit,
    compute_streaks,
    freezes_left,
)

DAILY = Schedule(ScheduleKind.DAILY)
TWICE_A_WEEK = Schedule(ScheduleKind.TIMES_PER_WEEK, times_per_week=2)
BERLIN = ZoneInfo("Europe/Berlin")


def run(start: date, count: int, *, missing: frozenset[date] = frozenset()) -> list[date]:
    return [d for d in (start + timedelta(days=i) for i in range(count)) if d not in missing]


def test_skipped_frozen_and_vacation_days_pause_without_counting() -> None:
    gap = date(2025, 5, 5)
    checked = run(date(2025, 5, 1), 10, missing=frozenset({gap}))
    today = date(2025, 5, 10)
    assert compute_streaks(checked, DAILY, today).current == 5
    for kindness in (
        Kindness(skipped=frozenset({gap})),
        Kindness(frozen=frozenset({gap})),
        Kindness(vacations=((gap, gap),)),
        Kindness(vacations=((date(2025, 5, 4), None),)),
    ):
        found = compute_streaks(checked, DAILY, today, kindness)
        # The paused day keeps the run alive and does not lengthen it: 9, not 10.
        assert (found.current, found.longest) == (9, 9), kindness


def test_an_open_vacation_pauses_every_day_after_its_start() -> None:
    checked = run(date(2025, 5, 1), 5)
    found = compute_streaks(
        checked, DAILY, date(2025, 5, 20), Kindness(vacations=((date(2025, 5, 6), None),))
    )
    assert found.current == 5
    assert compute_streaks(checked, DAILY, date(2025, 5, 20)).current == 0


def test_a_short_week_with_a_paused_day_is_paused_as_a_whole() -> None:
    # Weeks of 5, 12 and 19 May 2025; the middle one has one check-in of two.
    checked = [
        date(2025, 5, 5),
        date(2025, 5, 6),
        date(2025, 5, 13),
        date(2025, 5, 19),
        date(2025, 5, 20),
    ]
    today = date(2025, 5, 21)
    assert compute_streaks(checked, TWICE_A_WEEK, today).current == 1
    kind = Kindness(skipped=frozenset({date(2025, 5, 16)}))
    found = compute_streaks(checked, TWICE_A_WEEK, today, kind)
    assert (found.current, found.unit) == (2, StreakUnit.WEEK)


def test_freezes_a_monthly_grant_then_earned_ones_never_past_the_monthly_limit() -> None:
    june = (2025, 6)
    nothing = Streaks(0, 0, StreakUnit.DAY, earned=0)
    assert freezes_left(nothing, [], june) == 1
    assert freezes_left(nothing, [date(2025, 6, 3)], june) == 0
    # Another month's grant is its own.
    assert freezes_left(nothing, [date(2025, 5, 3)], june) == 1
    rich = Streaks(30, 30, StreakUnit.DAY, earned=4)
    assert freezes_left(rich, [], june) == FREEZES_PER_MONTH
    assert freezes_left(rich, [date(2025, 6, 3), date(2025, 6, 9)], june) == 0
    # Earned freezes spent in May are gone for June.
    spent = [date(2025, 5, d) for d in (2, 9)]
    assert freezes_left(Streaks(0, 0, StreakUnit.DAY, earned=1), spent, june) == 1
    assert (
        freezes_left(Streaks(0, 0, StreakUnit.DAY, earned=1), [*spent, date(2025, 6, 1)], june) == 0
    )


def test_every_seven_days_of_a_run_earn_a_freeze() -> None:
    checked = run(date(2025, 5, 1), EARN_EVERY * 2 + 3)
    assert compute_streaks(checked, DAILY, checked[-1]).earned == 2
    broken = [*run(date(2025, 5, 1), 6), *run(date(2025, 5, 9), 6)]
    assert compute_streaks(broken, DAILY, date(2025, 5, 14)).earned == 0


def test_days_across_a_dst_change_are_calendar_days() -> None:
    # Berlin springs forward on 30 March 2025 (a 23-hour day) and falls back on
    # 26 October (25 hours). Check-ins at 23:30 local each evening around both.
    for first in (date(2025, 3, 27), date(2025, 10, 23)):
        evenings = [
            datetime(d.year, d.month, d.day, 23, 30, tzinfo=BERLIN).astimezone(UTC)
            for d in run(first, 6)
        ]
        days = [moment.astimezone(BERLIN).date() for moment in evenings]
        assert days == run(first, 6)
        # The change day lasts 23 or 25 hours: the evenings around it are not 24 hours apart.
        assert {evenings[3] - evenings[2]} < {timedelta(hours=23), timedelta(hours=25)}
        today = days[-1]
        assert compute_streaks(days, DAILY, today).current == 6
        # A freeze on the change day itself keeps the run over it.
        change = first + timedelta(days=3)
        gappy = [d for d in days if d != change]
        assert compute_streaks(gappy, DAILY, today).current == 2
        frozen = compute_streaks(gappy, DAILY, today, Kindness(frozen=frozenset({change})))
        assert frozen.current == 5
