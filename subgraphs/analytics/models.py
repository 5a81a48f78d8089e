"""Analytics storage: the append-only event log and the projections rebuilt from it."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from beanie import Document
from pymongo import ASCENDING, IndexModel

from common.livesync import CHANGE_INDEXES, ChangeRow

FactKind = Literal[
    "progress",
    "completion",
    "task",
    # A task completed, then reopened: kept (not deleted) so a late `completed` loses.
    "task_undone",
    "focus",
    "checkin",
    # A check-in withdrawn (undoHabitCheckIn): the same row, no longer counted.
    "checkin_undone",
    "tracker",
    "post",
    "like",
    "unlike",
    "comment",
    "message",
    # A mood check-in (value 1-5, `day` its local day) and one deleted since.
    "mood",
    "mood_deleted",
]


class StoredEvent(Document):
    """Every event analytics consumed, as it arrived; projections are a function of these."""

    event_id: str
    type: str
    source: str
    time: datetime
    version: int = 1
    # The users the event is about, so a user's export and erasure find it.
    user_ids: list[str]
    data: dict[str, Any]

    class Settings:
        name = "events"
        indexes = [
            IndexModel("event_id", unique=True),
            IndexModel([("time", ASCENDING), ("event_id", ASCENDING)]),
            IndexModel("user_ids"),
        ]


class UserProfile(Document):
    user_id: str
    timezone: str = "UTC"
    ratings: dict[str, int] = {}
    as_of: datetime

    class Settings:
        name = "profiles"
        indexes = [IndexModel("user_id", unique=True)]


class GoalView(Document):
    goal_id: str
    owner_id: str
    title: str
    area: str
    status: str
    progress: int
    completed_at: datetime | None = None
    deleted: bool = False
    as_of: datetime

    class Settings:
        name = "goals"
        indexes = [
            IndexModel("goal_id", unique=True),
            IndexModel([("owner_id", ASCENDING), ("status", ASCENDING)]),
        ]


class HabitView(Document):
    habit_id: str
    owner_id: str
    current_streak: int
    longest_streak: int
    # ISO date of the latest check-in ("" once none is left); ISO strings order like dates.
    last_day: str
    # The time of the newest event applied: the row holds that event's state.
    as_of: datetime | None = None
    # The schedule and kindness of `goals.habit.rules_changed`, guarded by their own stamp:
    # what `User.stats` streaks apply (common/streaks.py). A habit never announced is DAILY.
    schedule: str = "daily"
    weekdays: list[int] = []
    times_per_week: int | None = None
    skipped_days: list[str] = []
    frozen_days: list[str] = []
    rules_as_of: datetime | None = None

    class Settings:
        name = "habits"
        indexes = [IndexModel("habit_id", unique=True), IndexModel("owner_id")]


class VacationView(Document):
    """A user's vacations (`goals.vacation.changed`): every habit's streak pauses on them."""

    user_id: str
    # {"start": ISO day, "end": ISO day or None}
    spans: list[dict[str, str | None]] = []
    as_of: datetime

    class Settings:
        name = "vacations"
        indexes = [IndexModel("user_id", unique=True)]


class Fact(Document):
    """One countable thing a user did or received, keyed so a redelivery rewrites the same row."""

    key: str
    kind: FactKind
    user_id: str
    at: datetime
    value: float = 0.0
    goal_id: str | None = None
    area: str | None = None
    # The owner's local day (ISO) the fact belongs to, where the event names it (moods).
    day: str | None = None
    # A toggled fact's (`like`/`unlike`) event time in microseconds: the newest event wins.
    toggled_at: int | None = None

    class Settings:
        name = "facts"
        indexes = [
            IndexModel("key", unique=True),
            IndexModel([("user_id", ASCENDING), ("kind", ASCENDING), ("at", ASCENDING)]),
            IndexModel([("goal_id", ASCENDING), ("at", ASCENDING)]),
        ]


class Achievement(Document):
    user_id: str
    badge: str
    title: str
    # When the rule first held, computed from the facts (see badges.py): the
    # same whatever order the events were applied in, live or rebuilt.
    unlocked_at: datetime

    class Settings:
        name = "achievements"
        indexes = [
            IndexModel([("user_id", ASCENDING), ("badge", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("unlocked_at", ASCENDING), ("badge", ASCENDING)]),
        ]


class BadgeCheck(Document):
    """One row per user, bumped by every badge check of that user.

    Two transactions checking one user's badges both write this row, so one of
    them conflicts and re-runs after the other committed: each check sees every
    fact committed before it, never two half-views that miss each other.
    """

    user_id: str
    checks: int = 0

    class Settings:
        name = "badge_checks"
        indexes = [IndexModel("user_id", unique=True)]


class RebuildLock(Document):
    """Present while a rebuild runs, or after one died half-way: consumers defer events."""

    name: str
    holder: str
    started_at: datetime
    # Renewed while the rebuild makes progress; a stale lock can be taken over
    # by the next rebuild (never by consumers: the projections are half-built).
    heartbeat_at: datetime

    class Settings:
        name = "maintenance"
        indexes = [IndexModel("name", unique=True)]


PROJECTIONS: list[type[Document]] = [
    UserProfile,
    GoalView,
    HabitView,
    VacationView,
    Fact,
    Achievement,
    BadgeCheck,
]


class AnalyticsChange(ChangeRow):
    """Live sync's feed of whose statistics moved (`statsChanged`). Not a projection: a
    rebuild keeps it, so devices' cursors stay good."""

    class Settings:
        name = "changes"
        indexes = CHANGE_INDEXES


MODELS: list[type[Document]] = [StoredEvent, RebuildLock, AnalyticsChange, *PROJECTIONS]
