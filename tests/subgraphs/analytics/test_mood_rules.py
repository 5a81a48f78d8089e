"""The mood comparison rule: means per day, then per side, none under the minimum sample."""

from __future__ import annotations

from subgraphs.analytics.domain.mood import MIN_SAMPLE_DAYS, compare, daily_moods


def test_a_days_mood_is_the_mean_of_its_check_ins() -> None:
    assert daily_moods([("2031-01-01", 2), ("2031-01-01", 5), ("2031-01-02", 3)]) == {
        "2031-01-01": 3.5,
        "2031-01-02": 3.0,
    }


def test_each_side_needs_the_minimum_sample_and_the_difference_both() -> None:
    moods = {f"2031-01-{d:02d}": 4.0 if d <= 5 else 2.0 for d in range(1, 10)}
    marked = {f"2031-01-{d:02d}" for d in range(1, 6)}
    found = compare(moods, marked)
    assert (found.with_mean, found.with_days) == (4.0, 5)
    assert (found.without_mean, found.without_days) == (None, 4)
    assert found.difference is None
    both = compare(moods, marked, min_sample=4)
    assert (both.without_mean, both.difference) == (2.0, 2.0)
    assert MIN_SAMPLE_DAYS == 5


def test_days_before_since_are_left_out() -> None:
    moods = {"2031-01-01": 1.0, "2031-01-02": 5.0, "2031-01-03": 5.0}
    found = compare(moods, {"2031-01-02"}, since="2031-01-02", min_sample=1)
    assert (found.with_days, found.without_days, found.without_mean) == (1, 1, 5.0)
