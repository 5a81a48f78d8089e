"""The goals subgraph's documents. Datetimes are aware UTC; calendar days are ISO strings."""

from __future__ import annotations

from datetime import UTC, datetime

from beanie import Document
from pydantic import BaseModel, Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from common.livesync import CHANGE_INDEXES, ChangeRow
from subgraphs.goals.domain.enums import (
    FocusStatus,
    GoalStatus,
    LifeArea,
    ProgressMode,
    ReminderStatus,
    ReminderTarget,
    ScheduleKind,
    TaskPriority,
    TrackerKind,
    TrackerMetric,
    TrashKind,
    Visibility,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


class TaskItem(BaseModel):
    id: str
    title: str
    due_date: str | None = None
    done: bool = False
    done_at: datetime | None = None


class GoalDoc(Document):
    owner_id: str
    title: str
    description: str = ""
    area: LifeArea
    status: GoalStatus = GoalStatus.ACTIVE
    due_date: str | None = None
    visibility: Visibility = Visibility.PRIVATE
    parent_id: str | None = None
    # Root first; len(ancestor_ids) + 1 is the goal's depth.
    ancestor_ids: list[str] = Field(default_factory=list)
    progress: int = 0
    progress_mode: ProgressMode = ProgressMode.DERIVED
    tasks: list[TaskItem] = Field(default_factory=list)
    completed_at: datetime | None = None
    template_id: str | None = None
    coach_request_id: str | None = None
    coach_ack_published: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "goals"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("_id", DESCENDING)]),
            IndexModel([("parent_id", ASCENDING)]),
            IndexModel([("ancestor_ids", ASCENDING)]),
            IndexModel(
                [("coach_request_id", ASCENDING)],
                unique=True,
                partialFilterExpression={"coach_request_id": {"$type": "string"}},
                name="coach_request_once",
            ),
        ]


class TaskBlueprintDoc(BaseModel):
    title: str
    due_in_days: int | None = None


class GoalBlueprintDoc(BaseModel):
    title: str
    description: str = ""
    tasks: list[TaskBlueprintDoc] = Field(default_factory=list)
    sub_goals: list[GoalBlueprintDoc] = Field(default_factory=list)
    due_in_days: int | None = None


class TemplateDoc(Document):
    owner_id: str
    area: LifeArea
    goal: GoalBlueprintDoc
    created_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "goal_templates"
        indexes = [IndexModel([("owner_id", ASCENDING), ("area", ASCENDING)])]


class HabitDoc(Document):
    owner_id: str
    title: str
    description: str = ""
    goal_id: str | None = None
    schedule: ScheduleKind = ScheduleKind.DAILY
    weekdays: list[int] = Field(default_factory=list)
    times_per_week: int | None = None
    timezone: str | None = None
    milestones_reached: list[int] = Field(default_factory=list)
    # Streak kindness (common/streaks.py): local days skipped, and missed days frozen.
    skipped_days: list[str] = Field(default_factory=list)
    frozen_days: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "habits"
        indexes = [IndexModel([("owner_id", ASCENDING), ("_id", DESCENDING)])]


class CheckInDoc(Document):
    habit_id: str
    owner_id: str
    day: str
    at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "habit_checkins"
        indexes = [
            IndexModel([("habit_id", ASCENDING), ("day", ASCENDING)], unique=True),
            IndexModel([("owner_id", ASCENDING)]),
        ]


class FocusSessionDoc(Document):
    owner_id: str
    planned_minutes: int
    goal_id: str | None = None
    task_id: str | None = None
    status: FocusStatus = FocusStatus.RUNNING
    # True while running or paused: the partial unique index allows one per user.
    open: bool = True
    started_at: datetime = Field(default_factory=utcnow)
    paused_at: datetime | None = None
    paused_seconds: float = 0.0
    interruptions: int = 0
    ended_at: datetime | None = None
    minutes: float = 0.0
    day: str | None = None
    week: str | None = None

    class Settings:
        name = "focus_sessions"
        indexes = [
            IndexModel(
                [("owner_id", ASCENDING)],
                unique=True,
                partialFilterExpression={"open": True},
                name="one_open_session_per_user",
            ),
            IndexModel([("owner_id", ASCENDING), ("status", ASCENDING), ("day", ASCENDING)]),
        ]


class OccurrenceExceptionDoc(BaseModel):
    original_start: datetime
    cancelled: bool = False
    start: datetime | None = None
    end: datetime | None = None


class ActivityDoc(Document):
    owner_id: str
    title: str
    description: str = ""
    location: str | None = None
    goal_id: str | None = None
    # Set when the activity time-blocks a standalone task.
    task_id: str | None = None
    starts_at: datetime
    ends_at: datetime
    timezone: str = "UTC"
    recurrence: str | None = None
    # Upper bound of the series (None: open-ended), so windows can skip dead series.
    last_end: datetime | None = None
    exceptions: list[OccurrenceExceptionDoc] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "activities"
        indexes = [IndexModel([("owner_id", ASCENDING), ("starts_at", ASCENDING)])]


class CalendarFeedDoc(Document):
    owner_id: str
    token_hash: str
    rotated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "calendar_feeds"
        indexes = [
            IndexModel([("owner_id", ASCENDING)], unique=True),
            IndexModel([("token_hash", ASCENDING)], unique=True),
        ]


class ReminderDoc(Document):
    owner_id: str
    target_type: ReminderTarget
    target_id: str
    goal_id: str | None = None
    title: str
    at: datetime | None = None
    offset_minutes: int | None = None
    fire_at: datetime | None = None
    occurrence_start: datetime | None = None
    status: ReminderStatus = ReminderStatus.PENDING
    lease_until: datetime | None = None
    claimed_by: str | None = None
    fired_count: int = 0
    last_fired_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "reminders"
        indexes = [
            IndexModel([("status", ASCENDING), ("fire_at", ASCENDING)]),
            IndexModel([("owner_id", ASCENDING), ("_id", DESCENDING)]),
            IndexModel([("target_type", ASCENDING), ("target_id", ASCENDING)]),
        ]


class TrackerEntryDoc(Document):
    owner_id: str
    kind: TrackerKind
    metric: TrackerMetric
    value: float
    currency: str | None = None
    category: str | None = None
    note: str = ""
    logged_at: datetime
    day: str
    week: str

    class Settings:
        name = "tracker_entries"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("metric", ASCENDING), ("day", ASCENDING)]),
            IndexModel([("owner_id", ASCENDING), ("_id", DESCENDING)]),
        ]


class UserProfileDoc(Document):
    """Projection of users events: the owner's time zone and life-area scores."""

    user_id: str
    timezone: str = "UTC"
    life_areas: dict[str, int] = Field(default_factory=dict)
    as_of: datetime

    class Settings:
        name = "user_profiles"
        indexes = [IndexModel([("user_id", ASCENDING)], unique=True)]


class FollowDoc(Document):
    """Projection of community follow events: who may read FOLLOWERS goals."""

    follower_id: str
    followee_id: str
    active: bool
    as_of: datetime

    class Settings:
        name = "follows"
        indexes = [
            IndexModel([("follower_id", ASCENDING), ("followee_id", ASCENDING)], unique=True)
        ]


class ErasedUserDoc(Document):
    """Users whose data was erased: late events about them are ignored."""

    user_id: str
    erased_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "erased_users"
        indexes = [IndexModel([("user_id", ASCENDING)], unique=True)]


class ProjectDoc(Document):
    """A list of standalone tasks; tasks without one are in the inbox."""

    owner_id: str
    name: str
    color: str | None = None
    archived: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "projects"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("archived", ASCENDING), ("_id", DESCENDING)])
        ]


class SubtaskItem(BaseModel):
    id: str
    title: str
    done: bool = False


class TodoTaskDoc(Document):
    """A task of the user's own lists (inbox or a project), optionally counted toward a goal."""

    owner_id: str
    title: str
    notes: str = ""
    priority: TaskPriority = TaskPriority.NONE
    project_id: str | None = None
    goal_id: str | None = None
    tags: list[str] = Field(default_factory=list)
    subtasks: list[SubtaskItem] = Field(default_factory=list)
    # The local day it is due (the day given, or the day of `due_at` in the owner's zone
    # when written): what TODAY / UPCOMING / OVERDUE compare with the owner's today.
    due_day: str | None = None
    due_at: datetime | None = None
    completed: bool = False
    completed_at: datetime | None = None
    # The calendar activity that time-blocks it (`scheduleTodoTask`), if any.
    activity_id: str | None = None
    # RRULE (checked by the calendar's rule code), anchored at `series_start` (UTC) in
    # `timezone`'s wall time; completing an occurrence moves the due date to the next one.
    recurrence: str | None = None
    series_start: datetime | None = None
    timezone: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "todo_tasks"
        # One index per query path of `tasks(filter:)` (test_todo_task_indexes.py).
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("_id", DESCENDING)], name="by_owner"),
            IndexModel(
                [("owner_id", ASCENDING), ("project_id", ASCENDING), ("_id", DESCENDING)],
                name="by_project",
            ),
            IndexModel(
                [("owner_id", ASCENDING), ("tags", ASCENDING), ("_id", DESCENDING)],
                name="by_tag",
            ),
            IndexModel(
                [
                    ("owner_id", ASCENDING),
                    ("completed", ASCENDING),
                    ("due_day", ASCENDING),
                    ("_id", ASCENDING),
                ],
                name="by_due_day",
            ),
            IndexModel([("goal_id", ASCENDING)], name="by_goal"),
        ]


class CoachActionDoc(Document):
    """A confirmed coach request goals has answered: each request acts once, whatever
    event id it comes under (docs/goals.md, "Coach actions")."""

    request_id: str
    owner_id: str
    action: str
    applied: bool
    object_id: str | None = None
    at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "coach_actions"
        indexes = [
            IndexModel([("request_id", ASCENDING)], unique=True),
            IndexModel([("owner_id", ASCENDING)]),
        ]


class VacationSpan(BaseModel):
    start: str
    # Inclusive; None while the vacation is open-ended.
    end: str | None = None


class VacationDoc(Document):
    """The owner's vacations: every habit's streak pauses on their days."""

    owner_id: str
    spans: list[VacationSpan] = Field(default_factory=list)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "vacations"
        indexes = [IndexModel([("owner_id", ASCENDING)], unique=True)]


class JournalEntryDoc(Document):
    """The owner's journal for one local day (markdown); never published in any event."""

    owner_id: str
    day: str
    body: str
    # The owner's per-entry consent for the AI coach to read it; off by default.
    share_with_coach: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "journal_entries"
        indexes = [
            IndexModel(
                [("owner_id", ASCENDING), ("day", ASCENDING)], unique=True, name="one_per_day"
            ),
            # `journalEntries` pages newest day first on (day, _id).
            IndexModel(
                [("owner_id", ASCENDING), ("day", DESCENDING), ("_id", DESCENDING)],
                name="by_day",
            ),
        ]


class MoodCheckInDoc(Document):
    """A mood (and optionally energy) reading, 1-5; several a day."""

    owner_id: str
    mood: int
    energy: int | None = None
    tags: list[str] = Field(default_factory=list)
    at: datetime
    # The local day of `at` in the owner's zone when logged.
    day: str
    created_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "mood_checkins"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("_id", DESCENDING)], name="by_owner"),
            IndexModel(
                [("owner_id", ASCENDING), ("day", ASCENDING), ("at", ASCENDING)], name="by_day"
            ),
        ]


class TrashedDocument(BaseModel):
    """One document as it was stored, BSON-encoded, so restoring writes it back unchanged."""

    collection: str
    bson: bytes


class TrashDoc(Document):
    """A deleted item and everything its deletion removed, restorable until `purge_at`."""

    owner_id: str
    kind: TrashKind
    item_id: str
    title: str
    deleted_at: datetime
    purge_at: datetime
    documents: list[TrashedDocument] = Field(default_factory=list)
    # Every goal id inside (a goal's sub-tree): a sub-goal restored later finds its parent here.
    goal_ids: list[str] = Field(default_factory=list)
    # Standalone tasks the deletion unlinked from these goals: task id -> goal id.
    unlinked_tasks: dict[str, str] = Field(default_factory=dict)

    class Settings:
        name = "trash"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("_id", DESCENDING)], name="by_owner"),
            IndexModel(
                [("owner_id", ASCENDING), ("item_id", ASCENDING)], unique=True, name="one_per_item"
            ),
            IndexModel([("owner_id", ASCENDING), ("goal_ids", ASCENDING)], name="by_goal"),
            # The purge loop's scan: rows past their time.
            IndexModel([("purge_at", ASCENDING)], name="by_purge_at"),
        ]


class GoalsChange(ChangeRow):
    """Live sync's feed of each owner's changed goals, tasks, habits and activities."""

    class Settings:
        name = "changes"
        indexes = CHANGE_INDEXES


MODELS: list[type[Document]] = [
    GoalDoc,
    TemplateDoc,
    HabitDoc,
    CheckInDoc,
    FocusSessionDoc,
    ActivityDoc,
    CalendarFeedDoc,
    ReminderDoc,
    TrackerEntryDoc,
    UserProfileDoc,
    FollowDoc,
    ErasedUserDoc,
    ProjectDoc,
    TodoTaskDoc,
    CoachActionDoc,
    JournalEntryDoc,
    MoodCheckInDoc,
    VacationDoc,
    TrashDoc,
    GoalsChange,
]
