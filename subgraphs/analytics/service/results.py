"""What the analytics read side answers: plain values, no GraphQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from subgraphs.analytics.domain.mood import Comparison


@dataclass(frozen=True)
class UserStats:
    goals_completed: int
    goals_active: int
    current_streak: int
    longest_streak: int
    focus_minutes_this_week: float
    posts: int
    likes_received: int


@dataclass(frozen=True)
class AreaBalance:
    area: str
    rating: int | None
    activity: int
    score: int


@dataclass(frozen=True)
class WeeklyReport:
    week_start: date
    starts_at: datetime
    ends_at: datetime
    timezone: str
    goals_completed: int
    tasks_completed: int
    habit_check_ins: int
    focus_minutes: float
    tracker_entries: int
    posts: int
    likes_received: int
    comments_written: int
    messages_sent: int


@dataclass(frozen=True)
class ChartPoint:
    at: datetime
    value: float


@dataclass(frozen=True)
class GoalInsights:
    goal_id: str
    owner_id: str
    progress: list[ChartPoint]
    focus_minutes_per_day: list[ChartPoint]
    tasks_completed_per_day: list[ChartPoint]
    total_focus_minutes: float


@dataclass(frozen=True)
class HabitMood:
    habit_id: str
    comparison: Comparison


@dataclass(frozen=True)
class MoodCorrelations:
    days: int
    since: date
    min_sample: int
    mood_days: int
    habits: list[HabitMood]
    focus: Comparison
