"""How each consumed event changes the projections.

Every change converges: applying a user's events in any order gives the same
rows, which is what lets a rebuild replay the log by time and match the live run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from common.events import Event
from common.events.catalog import (
    FocusFinished,
    GoalChanged,
    HabitCheckedIn,
    HabitCheckInUndone,
    HabitRules,
    MessageSent,
    MoodDeleted,
    MoodLogged,
    Payload,
    PostCommented,
    PostCreated,
    PostLiked,
    TaskCompleted,
    TrackerLogged,
    UserDeleted,
    UserRegistered,
    UserUpdated,
    VacationChanged,
    payload_of,
)
from subgraphs.analytics.models import FactKind
from subgraphs.analytics.repository.achievements import Achievements, BadgeChecks
from subgraphs.analytics.repository.base import Session
from subgraphs.analytics.repository.events import EventStore
from subgraphs.analytics.repository.facts import Facts
from subgraphs.analytics.repository.rebuild import Projections, RebuildLocks
from subgraphs.analytics.repository.views import Goals, Habits, Profiles, Vacations


@dataclass(frozen=True)
class Repos:
    events: EventStore
    profiles: Profiles
    goals: Goals
    habits: Habits
    vacations: Vacations
    facts: Facts
    achievements: Achievements
    badge_checks: BadgeChecks
    projections: Projections
    rebuild_locks: RebuildLocks


def new_repos() -> Repos:
    return Repos(
        events=EventStore(),
        profiles=Profiles(),
        goals=Goals(),
        habits=Habits(),
        vacations=Vacations(),
        facts=Facts(),
        achievements=Achievements(),
        badge_checks=BadgeChecks(),
        projections=Projections(),
        rebuild_locks=RebuildLocks(),
    )


def parse(event: Event) -> Payload | None:
    """The typed payload, or None for event types analytics stores but does not project."""
    try:
        return payload_of(event.type, event.data)
    except KeyError:
        return None


def concerned_users(payload: Payload | None) -> list[str]:
    """Users whose analytics an event belongs to (for export and erasure)."""
    if payload is None:
        return []
    fields = ("user_id", "owner_id", "author_id", "liker_id", "commenter_id", "sender_id")
    found = [getattr(payload, f) for f in fields if isinstance(getattr(payload, f, None), str)]
    return sorted(set(found))


Apply = Callable[[Event, Payload, Repos, Session], Awaitable[None]]


async def _profile(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, UserRegistered | UserUpdated)
    ratings = p.life_areas if isinstance(p, UserUpdated) else None
    await r.profiles.apply(
        p.user_id, timezone=p.timezone, ratings=ratings, as_of=event.time, session=s
    )


async def _user_deleted(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, UserDeleted)
    await r.projections.forget_user(p.user_id, session=s)
    await r.events.forget_user(p.user_id, keep=event.id, session=s)


async def _goal(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, GoalChanged)
    fields = {
        "owner_id": p.owner_id,
        "title": p.title,
        "area": p.area,
        "status": p.status,
        "progress": p.progress,
        "completed_at": (p.completed_at or event.time) if p.status == "completed" else None,
        "deleted": event.type == "goals.goal.deleted",
    }
    await r.goals.apply(p.goal_id, fields, as_of=event.time, session=s)
    await r.facts.put(
        f"progress:{event.id}",
        kind="progress",
        user_id=p.owner_id,
        at=event.time,
        value=p.progress,
        goal_id=p.goal_id,
        area=p.area,
        session=s,
    )
    if p.status == "completed":
        # Kept at the earliest completion: reopening and completing again is one goal.
        await r.facts.first(
            f"completion:{p.goal_id}",
            kind="completion",
            user_id=p.owner_id,
            at=event.time,
            goal_id=p.goal_id,
            session=s,
        )


async def _task(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, TaskCompleted)
    # Goal tasks and standalone tasks alike; reopening withdraws the count, and the
    # newest of completed/uncompleted wins whatever order they arrive in.
    kind: FactKind = "task" if event.type == "goals.task.completed" else "task_undone"
    # Each occurrence of a recurring task counts once.
    key = f"task:{p.task_id}:{p.occurrence}" if p.occurrence else f"task:{p.task_id}"
    await r.facts.toggle(
        key,
        kind=kind,
        user_id=p.owner_id,
        at=event.time,
        goal_id=p.goal_id,
        session=s,
    )


async def _checkin(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, HabitCheckedIn)
    day = p.day.isoformat()
    # Events from before `last_day` existed name only their own day.
    last_day = (p.last_day or p.day).isoformat()
    await r.habits.apply(
        p.habit_id,
        owner_id=p.owner_id,
        last_day=last_day,
        current=p.current_streak,
        longest=p.longest_streak,
        as_of=event.time,
        session=s,
    )
    # The value is the longest streak as of this check-in: what streak badges look at.
    # A toggle, as an undo of the same day flips it to `checkin_undone` (newest wins).
    await r.facts.toggle(
        _checkin_key(p.habit_id, day),
        kind="checkin",
        user_id=p.owner_id,
        at=event.time,
        value=p.longest_streak,
        session=s,
    )


async def _checkin_undone(event: Event, p: Payload, r: Repos, s: Session) -> None:
    """As if the check-in had never been made: not counted, and no streak it made stands."""
    assert isinstance(p, HabitCheckInUndone)
    await r.habits.apply(
        p.habit_id,
        owner_id=p.owner_id,
        last_day=p.last_day.isoformat() if p.last_day else "",
        current=p.current_streak,
        longest=p.longest_streak,
        as_of=event.time,
        session=s,
    )
    key = _checkin_key(p.habit_id, p.day.isoformat())
    await r.facts.toggle(key, kind="checkin_undone", user_id=p.owner_id, at=event.time, session=s)
    # Later check-ins recorded streaks that ran through the undone day.
    await r.facts.cap(_checkin_key(p.habit_id, ""), "checkin", p.longest_streak, session=s)


async def _habit_rules(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, HabitRules)
    rules = {
        "schedule": p.schedule,
        "weekdays": list(p.weekdays),
        "times_per_week": p.times_per_week,
        "skipped_days": [d.isoformat() for d in p.skipped_days],
        "frozen_days": [d.isoformat() for d in p.frozen_days],
    }
    await r.habits.apply_rules(p.habit_id, p.owner_id, rules, as_of=event.time, session=s)


async def _vacation(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, VacationChanged)
    spans: list[dict[str, str | None]] = [
        {"start": v.start.isoformat(), "end": v.end.isoformat() if v.end else None}
        for v in p.vacations
    ]
    await r.vacations.apply(p.owner_id, spans, as_of=event.time, session=s)


def _checkin_key(habit_id: str, day: str) -> str:
    return f"checkin:{habit_id}:{day}"


async def _focus(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, FocusFinished)
    await r.facts.put(
        f"focus:{p.session_id}",
        kind="focus",
        user_id=p.owner_id,
        at=event.time,
        value=p.minutes,
        goal_id=p.goal_id,
        session=s,
    )


async def _mood(event: Event, p: Payload, r: Repos, s: Session) -> None:
    """A mood check-in counts on its local day until deleted (the newer event wins)."""
    if isinstance(p, MoodLogged):
        await r.facts.toggle(
            f"mood:{p.check_in_id}",
            kind="mood",
            user_id=p.owner_id,
            at=p.at,
            value=p.mood,
            day=p.day.isoformat(),
            toggled=event.time,
            session=s,
        )
        return
    assert isinstance(p, MoodDeleted)
    await r.facts.toggle(
        f"mood:{p.check_in_id}",
        kind="mood_deleted",
        user_id=p.owner_id,
        at=event.time,
        day=p.day.isoformat(),
        session=s,
    )


async def _tracker(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, TrackerLogged)
    await r.facts.put(
        f"tracker:{p.entry_id}",
        kind="tracker",
        user_id=p.owner_id,
        at=event.time,
        value=p.value,
        area=p.area,
        session=s,
    )


async def _post(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, PostCreated)
    await r.facts.put(
        f"post:{p.post_id}",
        kind="post",
        user_id=p.author_id,
        at=event.time,
        goal_id=p.goal_id,
        session=s,
    )


async def _like(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, PostLiked)
    if p.liker_id != p.author_id:
        # One fact per (post, liker): a `like` while it stands, an `unlike` once withdrawn.
        kind: FactKind = "like" if event.type == "community.post.liked" else "unlike"
        key = f"like:{p.post_id}:{p.liker_id}"
        await r.facts.toggle(key, kind=kind, user_id=p.author_id, at=event.time, session=s)


async def _comment(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, PostCommented)
    # Answering on one's own post does not count towards "helpful commenter".
    if p.commenter_id != p.author_id:
        key = f"comment:{p.comment_id}"
        await r.facts.put(key, kind="comment", user_id=p.commenter_id, at=event.time, session=s)


async def _message(event: Event, p: Payload, r: Repos, s: Session) -> None:
    assert isinstance(p, MessageSent)
    key = f"message:{p.message_id}"
    await r.facts.put(key, kind="message", user_id=p.sender_id, at=event.time, session=s)


APPLY: dict[str, Apply] = {
    "users.user.registered": _profile,
    "users.user.updated": _profile,
    "users.user.deleted": _user_deleted,
    "goals.goal.created": _goal,
    "goals.goal.updated": _goal,
    "goals.goal.completed": _goal,
    "goals.goal.reopened": _goal,
    "goals.goal.deleted": _goal,
    # A goal back from the trash: the newer event un-deletes the view.
    "goals.goal.restored": _goal,
    "goals.task.completed": _task,
    "goals.task.uncompleted": _task,
    "goals.habit.checked_in": _checkin,
    "goals.habit.check_in_undone": _checkin_undone,
    "goals.habit.rules_changed": _habit_rules,
    "goals.vacation.changed": _vacation,
    "goals.focus.finished": _focus,
    "goals.tracker.logged": _tracker,
    "goals.mood.logged": _mood,
    "goals.mood.deleted": _mood,
    "community.post.created": _post,
    "community.post.liked": _like,
    "community.post.unliked": _like,
    "community.post.commented": _comment,
    "chat.message.sent": _message,
}

# What analytics listens to; types it has no projection for are still logged.
PATTERNS = ["users.user.*", "goals.#", "community.post.*", "chat.message.sent"]


async def project(event: Event, payload: Payload | None, repos: Repos, *, session: Session) -> None:
    apply = APPLY.get(event.type)
    if apply is not None and payload is not None:
        await apply(event, payload, repos, session)
