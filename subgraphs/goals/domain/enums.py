"""The goals vocabulary. Values are what is stored and what events carry (lower case)."""

from __future__ import annotations

from enum import StrEnum

# Shared with analytics, which applies the same streak rules (common/streaks.py).
from common.streaks import ScheduleKind as ScheduleKind


class LifeArea(StrEnum):
    HEALTH = "health"
    FINANCE = "finance"
    FAMILY = "family"
    CAREER = "career"
    LEARNING = "learning"
    CREATIVITY = "creativity"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Visibility(StrEnum):
    PRIVATE = "private"
    FOLLOWERS = "followers"
    PUBLIC = "public"


class ProgressMode(StrEnum):
    DERIVED = "derived"
    MANUAL = "manual"


class FocusStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    CANCELLED = "cancelled"


class ReminderTarget(StrEnum):
    GOAL = "goal"
    TASK = "task"
    HABIT = "habit"
    ACTIVITY = "activity"


class ReminderStatus(StrEnum):
    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    CANCELLED = "cancelled"


class TrackerKind(StrEnum):
    VITALS = "vitals"
    SPENDING = "spending"
    LEARNING = "learning"


class TrackerMetric(StrEnum):
    WEIGHT_KG = "weight_kg"
    SLEEP_HOURS = "sleep_hours"
    RESTING_HEART_RATE = "resting_heart_rate"
    SPENDING = "spending"
    LEARNING_MINUTES = "learning_minutes"


METRIC_KIND: dict[TrackerMetric, TrackerKind] = {
    TrackerMetric.WEIGHT_KG: TrackerKind.VITALS,
    TrackerMetric.SLEEP_HOURS: TrackerKind.VITALS,
    TrackerMetric.RESTING_HEART_RATE: TrackerKind.VITALS,
    TrackerMetric.SPENDING: TrackerKind.SPENDING,
    TrackerMetric.LEARNING_MINUTES: TrackerKind.LEARNING,
}

KIND_AREA: dict[TrackerKind, LifeArea] = {
    TrackerKind.VITALS: LifeArea.HEALTH,
    TrackerKind.SPENDING: LifeArea.FINANCE,
    TrackerKind.LEARNING: LifeArea.LEARNING,
}

MAX_GOAL_DEPTH = 5
STREAK_MILESTONES = (7, 30, 100)


class TaskPriority(StrEnum):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class TaskView(StrEnum):
    """Which slice of the user's tasks a list shows; days are the user's local days."""

    ALL = "all"
    INBOX = "inbox"
    TODAY = "today"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"


class TrashKind(StrEnum):
    """What a trash row holds: the top-level item deleted (a goal brings its sub-tree,
    a project its tasks)."""

    GOAL = "goal"
    PROJECT = "project"
    TODO_TASK = "todo_task"
    HABIT = "habit"
    JOURNAL_ENTRY = "journal_entry"
