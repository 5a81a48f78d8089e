"""The event contract between subgraphs: routing key -> payload model.

Subgraphs never import one another, so what they tell each other is defined
here. Add fields with defaults to evolve a payload; a breaking change gets a
new `version` and both shapes are accepted until every consumer has moved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from common.vocabulary import LifeArea

__all__ = ["LifeArea"]  # re-exported: payload annotations and consumers use it from here

Privacy = Literal["public", "followers", "private"]


class Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


# users
class UserRegistered(Payload):
    user_id: str
    display_name: str
    timezone: str = "UTC"
    # Verified address for notification mail; None until one is known.
    email: str | None = None
    # Verified mobile number (E.164) for SMS notifications; None until one is verified.
    phone: str | None = None


class UserUpdated(Payload):
    user_id: str
    display_name: str
    avatar_url: str | None = None
    timezone: str = "UTC"
    profile_privacy: Privacy = "public"
    life_areas: dict[str, int] = {}
    email: str | None = None
    phone: str | None = None


class UserDeleted(Payload):
    user_id: str


class SecurityAlert(Payload):
    """Something happened to the account its owner must hear about even if it was not them."""

    user_id: str
    reason: Literal["password_changed"]


# goals
class GoalChanged(Payload):
    goal_id: str
    owner_id: str
    title: str
    area: LifeArea
    status: Literal["active", "paused", "completed", "abandoned"]
    progress: int
    parent_id: str | None = None
    visibility: Privacy = "private"
    completed_at: datetime | None = None


class TaskCompleted(Payload):
    """A task ticked off (`completed`) or reopened (`uncompleted`).

    `goal_id` is the goal it counts toward: its own goal for a goal's task, the
    linked goal for a standalone task, None for a standalone task linked to none.
    """

    task_id: str
    owner_id: str
    goal_id: str | None = None
    project_id: str | None = None
    # The local due day of the occurrence completed, for a recurring task.
    occurrence: date | None = None


class TaskMoved(Payload):
    """A standalone task moved between projects; None is the inbox."""

    task_id: str
    owner_id: str
    from_project_id: str | None = None
    to_project_id: str | None = None


class TodoTaskChanged(Payload):
    """A standalone task created, edited, completed or reopened, or deleted (`deleted`).

    The coach keeps the user's open tasks from these (docs/chat.md, "Context").
    """

    task_id: str
    owner_id: str
    title: str
    completed: bool = False
    # Its local due day (the next occurrence's, for a recurring task), if any.
    due_day: date | None = None
    deleted: bool = False


class HabitCheckedIn(Payload):
    habit_id: str
    owner_id: str
    day: date
    current_streak: int
    longest_streak: int
    # The habit's latest checked day after this check-in (not `day` when back-dated).
    last_day: date | None = None


class HabitCheckInUndone(Payload):
    """A check-in withdrawn (`undoHabitCheckIn`): the habit's streaks as they are now."""

    habit_id: str
    owner_id: str
    day: date
    current_streak: int
    longest_streak: int
    # None once no check-in is left.
    last_day: date | None = None


class HabitChanged(Payload):
    """A habit created, renamed or rescheduled (`deleted` False), or deleted (True).

    The coach keeps the user's habits from these (docs/chat.md, "Context").
    """

    habit_id: str
    owner_id: str
    title: str
    deleted: bool = False


class MoodLogged(Payload):
    """A mood check-in (1-5, energy optional). Never carries journal text."""

    check_in_id: str
    owner_id: str
    # The owner's local day of `at` when logged: what analytics correlates by.
    day: date
    at: datetime
    mood: int
    energy: int | None = None
    tags: list[str] = []


class MoodDeleted(Payload):
    check_in_id: str
    owner_id: str
    day: date


class HabitRules(Payload):
    """A habit's schedule and kindness (skipped and frozen days) as they are now, with the
    streaks goals computed from them: analytics applies the same rule (common/streaks.py)."""

    habit_id: str
    owner_id: str
    schedule: Literal["daily", "weekdays", "times_per_week"] = "daily"
    weekdays: list[int] = []
    times_per_week: int | None = None
    skipped_days: list[date] = []
    frozen_days: list[date] = []
    current_streak: int = 0
    longest_streak: int = 0


class VacationSpan(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: date
    # Inclusive; None while open-ended.
    end: date | None = None


class VacationChanged(Payload):
    """The owner's vacations as they are now (every habit's streak pauses on them)."""

    owner_id: str
    vacations: list[VacationSpan] = []


class StreakMilestone(Payload):
    habit_id: str
    owner_id: str
    days: int


class FocusFinished(Payload):
    session_id: str
    owner_id: str
    minutes: float
    goal_id: str | None = None


class ActivityScheduled(Payload):
    activity_id: str
    owner_id: str
    title: str
    starts_at: datetime


class ReminderDue(Payload):
    reminder_id: str
    owner_id: str
    target_type: Literal["goal", "task", "habit", "activity"]
    target_id: str
    title: str
    fire_at: datetime
    late: bool = False


class TrackerLogged(Payload):
    entry_id: str
    owner_id: str
    kind: Literal["vitals", "spending", "learning"]
    area: LifeArea
    value: float


# community
class UserFollowed(Payload):
    follower_id: str
    followee_id: str


class UserBlocked(Payload):
    """A block added (`community.user.blocked`) or lifted (`community.user.unblocked`)."""

    blocker_id: str
    blocked_id: str


PostStatus = Literal["published", "held", "hidden", "removed"]


class PostMediaStatus(Payload):
    """A post with media, as written or after its moderation status changed: media lets
    the post's audience read `media_ids` (docs/media.md)."""

    post_id: str
    author_id: str
    media_ids: list[str]
    status: PostStatus


class PostCreated(Payload):
    post_id: str
    author_id: str
    category: str
    goal_id: str | None = None


class PostDeleted(Payload):
    """A post deleted by its author; media removes `media_ids` (the author's uploads)."""

    post_id: str
    author_id: str
    media_ids: list[str] = []


class PostLiked(Payload):
    post_id: str
    author_id: str
    liker_id: str


class PostCommented(Payload):
    post_id: str
    author_id: str
    comment_id: str
    commenter_id: str


class PostReported(Payload):
    post_id: str
    reporter_id: str
    reason: str


# chat
class MessageSent(Payload):
    conversation_id: str
    message_id: str
    sender_id: str
    recipient_ids: list[str]
    preview: str


class MessageAttached(Payload):
    """Media attached to a new message: media lets `member_ids` read them (docs/media.md)."""

    conversation_id: str
    message_id: str
    sender_id: str
    media_ids: list[str]
    member_ids: list[str]


class MessageDeleted(Payload):
    """A message deleted by its sender; media removes `media_ids` (the sender's uploads)."""

    conversation_id: str
    message_id: str
    sender_id: str
    media_ids: list[str] = []


class ConversationMembers(Payload):
    """A group's members after members were added or removed: who may read its attachments."""

    conversation_id: str
    member_ids: list[str]


class CoachGoalRequested(Payload):
    request_id: str
    conversation_id: str
    user_id: str
    title: str
    area: LifeArea
    due_date: date | None = None


class CoachGoalCreated(Payload):
    request_id: str
    conversation_id: str
    user_id: str
    goal_id: str
    title: str


CoachAction = Literal[
    "check_in_habit", "log_tracker", "set_goal_progress", "complete_task", "schedule"
]


class CoachActionRequested(Payload):
    """A coach proposal the user confirmed, for goals to carry out as that user.

    `request_id` is the proposal's id: goals applies each request once, whatever
    event id it arrives under. The fields used depend on `action`:
    check_in_habit: habit_id, day; log_tracker: metric, value, currency;
    set_goal_progress: goal_id, progress; complete_task: task_id;
    schedule: title, starts_at, duration_minutes, focus (a focus block), goal_id.
    """

    request_id: str
    conversation_id: str
    user_id: str
    action: CoachAction
    habit_id: str | None = None
    day: date | None = None
    metric: str | None = None
    value: float | None = None
    currency: str | None = None
    goal_id: str | None = None
    progress: int | None = None
    task_id: str | None = None
    title: str | None = None
    starts_at: datetime | None = None
    duration_minutes: int | None = None
    focus: bool = False


class CoachActionApplied(Payload):
    """What became of a `CoachActionRequested`: done (`applied`), or refused with a reason."""

    request_id: str
    conversation_id: str
    user_id: str
    action: CoachAction
    applied: bool
    # What the coach can tell the user: "Stretch is checked in for 2026-12-03."
    summary: str
    # The object written or changed (the check-in's habit, the entry, goal, task or activity).
    object_id: str | None = None
    # Why it was refused: an error code (NOT_FOUND, BAD_USER_INPUT, CONFLICT).
    reason: str | None = None


# analytics
class AchievementUnlocked(Payload):
    user_id: str
    badge: str
    title: str


# media
class MediaCompleted(Payload):
    media_id: str
    owner_id: str
    purpose: Literal["AVATAR", "POST_MEDIA", "CHAT_ATTACHMENT", "VOICE_MESSAGE"]


class ExportRequested(Payload):
    """A user asked for everything LifeGraph holds about them (docs/media.md, "Data export")."""

    export_id: str
    user_id: str


class ExportPartReady(Payload):
    """One subgraph stored its part of an export under `key` (object storage)."""

    export_id: str
    user_id: str
    subgraph: str
    key: str
    records: int


class ExportReady(Payload):
    """An export's archive is ready to download until `expires_at`."""

    export_id: str
    user_id: str
    expires_at: datetime


class VoiceTranscribed(Payload):
    """A voice message's transcript, for chat to store on the message it was sent in."""

    media_id: str
    owner_id: str
    conversation_id: str
    message_id: str
    text: str


class CoachSpeechRequested(Payload):
    """The coach's final reply to a voice message: media says it when a speech provider is
    configured, for `member_ids` to hear (docs/media.md "Spoken replies")."""

    conversation_id: str
    # The coach's reply message.
    message_id: str
    # The member who asked: the audio is kept as theirs (their quota, their erasure).
    user_id: str
    member_ids: list[str]
    text: str


class CoachSpeechStored(Payload):
    """The spoken reply is stored: chat attaches `media_id` to the reply message."""

    media_id: str
    conversation_id: str
    message_id: str
    user_id: str
    duration_seconds: float | None = None


EVENTS: dict[str, type[Payload]] = {
    "users.user.registered": UserRegistered,
    "users.user.updated": UserUpdated,
    "users.user.deleted": UserDeleted,
    "users.security.alert": SecurityAlert,
    "goals.goal.created": GoalChanged,
    "goals.goal.updated": GoalChanged,
    "goals.goal.completed": GoalChanged,
    "goals.goal.reopened": GoalChanged,
    "goals.goal.deleted": GoalChanged,
    "goals.goal.restored": GoalChanged,
    "goals.task.completed": TaskCompleted,
    "goals.task.uncompleted": TaskCompleted,
    "goals.task.moved": TaskMoved,
    "goals.habit.checked_in": HabitCheckedIn,
    "goals.habit.check_in_undone": HabitCheckInUndone,
    "goals.habit.streak_milestone": StreakMilestone,
    "goals.habit.rules_changed": HabitRules,
    "goals.vacation.changed": VacationChanged,
    "goals.mood.logged": MoodLogged,
    "goals.mood.deleted": MoodDeleted,
    "goals.focus.finished": FocusFinished,
    "goals.activity.scheduled": ActivityScheduled,
    "goals.reminder.due": ReminderDue,
    "goals.tracker.logged": TrackerLogged,
    "goals.coach_goal.created": CoachGoalCreated,
    "goals.coach_action.applied": CoachActionApplied,
    "goals.habit.changed": HabitChanged,
    "goals.todo_task.changed": TodoTaskChanged,
    "community.user.followed": UserFollowed,
    "community.user.unfollowed": UserFollowed,
    "community.user.blocked": UserBlocked,
    "community.user.unblocked": UserBlocked,
    "community.post_media.changed": PostMediaStatus,
    "community.post.created": PostCreated,
    "community.post.deleted": PostDeleted,
    "community.post.liked": PostLiked,
    # A like withdrawn (unlikePost, or the liker's account erased); `liker_id` withdrew it.
    "community.post.unliked": PostLiked,
    "community.post.commented": PostCommented,
    "community.post.reported": PostReported,
    "chat.message.sent": MessageSent,
    "chat.message.attached": MessageAttached,
    "chat.message.deleted": MessageDeleted,
    "chat.conversation.members_changed": ConversationMembers,
    "chat.coach.goal_requested": CoachGoalRequested,
    "chat.coach.action_requested": CoachActionRequested,
    "chat.coach.speech_requested": CoachSpeechRequested,
    "analytics.achievement.unlocked": AchievementUnlocked,
    "media.media.completed": MediaCompleted,
    "media.voice.transcribed": VoiceTranscribed,
    "media.coach_speech.stored": CoachSpeechStored,
    "media.export.requested": ExportRequested,
    "media.export.ready": ExportReady,
    # Each subgraph's part of an export (common/export/keys.py, PARTS).
    "users.export.part_ready": ExportPartReady,
    "goals.export.part_ready": ExportPartReady,
    "community.export.part_ready": ExportPartReady,
    "chat.export.part_ready": ExportPartReady,
    "analytics.export.part_ready": ExportPartReady,
    "notifications.export.part_ready": ExportPartReady,
    "media.export.part_ready": ExportPartReady,
}


# Later shapes of a payload, once a breaking change needed a new version.
# Version 1 of every type is the model in EVENTS.
LATER_VERSIONS: dict[tuple[str, int], type[Payload]] = {}


class InvalidEvent(ValueError):
    """An event no consumer can apply whatever it retries: it goes to the dead-letter queue.

    Raised by `Event.payload()`; consumers need not catch it.

    ```python
    try:
        payload = event.payload()
    except InvalidEvent as exc:
        log.warning("bad event", extra={"reason": str(exc)})
    ```
    """


def model_for(event_type: str, version: int = 1) -> type[Payload]:
    if event_type not in EVENTS:
        raise InvalidEvent(f"unknown event type {event_type!r}")
    model = EVENTS[event_type] if version == 1 else LATER_VERSIONS.get((event_type, version))
    if model is None:
        raise InvalidEvent(f"unsupported version {version} of {event_type!r}")
    return model


def payload_of(event_type: str, data: Mapping[str, object], version: int = 1) -> Payload:
    """Parse an event's data with its registered model; raises InvalidEvent for anything else."""
    model = model_for(event_type, version)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'data'}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidEvent(f"malformed {event_type!r} v{version} data: {problems}") from exc
