"""The pure analytics rules: badge catalogue, running totals and the life-balance formula."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from subgraphs.analytics.domain.badges import BY_ID, NthFact, RunningTotal, reached_at, triggered_by
from subgraphs.analytics.domain.balance import activity_score, area_score, half_up

T0 = datetime(2025, 3, 1, tzinfo=UTC)


def test_a_running_total_is_reached_at_the_fact_that_crosses_it() -> None:
    facts = [(T0 + timedelta(hours=i), 2500.0) for i in range(4)]
    assert reached_at(facts, 6000) == T0 + timedelta(hours=2)
    assert reached_at(facts, 5000) == T0 + timedelta(hours=1)
    assert reached_at(facts[:2], 6000) is None


def test_badges_name_their_rule_and_triggers() -> None:
    assert BY_ID["focus_100h"].rule == RunningTotal("focus", total=6000)
    assert BY_ID["streak_7"].rule == NthFact("checkin", min_value=7)
    assert BY_ID["goals_10"].rule == NthFact("completion", n=10)
    assert [b.id for b in triggered_by("goals.habit.checked_in")] == ["streak_7", "streak_30"]
    assert [b.id for b in triggered_by("goals.goal.completed")] == ["first_goal", "goals_10"]


def test_balance_rounds_half_up_and_caps_activity() -> None:
    assert half_up(12.5) == 13
    assert half_up(13.5) == 14
    assert activity_score(completed=1, mean_progress=50, tracker_entries=2, focus_minutes=45) == 50
    assert activity_score(completed=5, mean_progress=0, tracker_entries=0, focus_minutes=0) == 100
    assert area_score(None, 37) == 37
    assert area_score(80, 25) == 53
