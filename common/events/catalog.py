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


class UserUpdated(Payload):
    user_id: str
    display_name: str
    avatar_url: str | None = None
    timezone: str = "UTC"
    profile_privacy: Privacy = "public"
    life_areas: dict[str, int] = {}
    email: str | None = None


class UserDeleted(Payload):
    user_id: str


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


class PostCreated(Payload):
    post_id: str
    author_id: str
    category: str
    goal_id: str | None = None


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


EVENTS: dict[str, type[Payload]] = {
    "users.user.registered": UserRegistered,
    "users.user.updated": UserUpdated,
    "users.user.deleted": UserDeleted,
    "goals.goal.created": GoalChanged,
    "goals.goal.updated": GoalChanged,
    "goals.goal.completed": GoalChanged,
    "goals.goal.reopened": GoalChanged,
    "goals.goal.deleted": GoalChanged,
    "goals.task.completed": TaskCompleted,
    "goals.task.uncompleted": TaskCompleted,
    "goals.task.moved": TaskMoved,
    "goals.habit.checked_in": HabitCheckedIn,
    "goals.habit.check_in_undone": HabitCheckInUndone,
    "goals.habit.streak_milestone": StreakMilestone,
    "goals.focus.finished": FocusFinished,
    "goals.activity.scheduled": ActivityScheduled,
    "goals.reminder.due": ReminderDue,
    "goals.tracker.logged": TrackerLogged,
    "goals.coach_goal.created": CoachGoalCreated,
    "community.user.followed": UserFollowed,
    "community.user.unfollowed": UserFollowed,
    "community.post.created": PostCreated,
    "community.post.liked": PostLiked,
    # A like withdrawn (unlikePost, or the liker's account erased); `liker_id` withdrew it.
    "community.post.unliked": PostLiked,
    "community.post.commented": PostCommented,
    "community.post.reported": PostReported,
    "chat.message.sent": MessageSent,
    "chat.coach.goal_requested": CoachGoalRequested,
    "analytics.achievement.unlocked": AchievementUnlocked,
    "media.media.completed": MediaCompleted,
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
