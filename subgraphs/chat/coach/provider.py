"""What a coach provider gets for each user message and what it answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, Protocol

from common.events.catalog import LifeArea


@dataclass(frozen=True, slots=True)
class Turn:
    role: Literal["user", "coach"]
    text: str


@dataclass(frozen=True, slots=True)
class RememberedGoal:
    title: str
    area: str
    due_date: str | None
    goal_id: str | None


@dataclass(frozen=True, slots=True)
class KnownGoal:
    """One of the user's active goals, as goals last announced it."""

    id: str
    title: str
    area: str
    progress: int


@dataclass(frozen=True, slots=True)
class KnownTask:
    """One of the user's open standalone tasks."""

    id: str
    title: str
    due_day: str | None = None


@dataclass(frozen=True, slots=True)
class KnownHabit:
    """One of the user's habits, with its streaks and the days it was checked in lately."""

    id: str
    title: str
    current_streak: int
    longest_streak: int
    recent_days: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CoachContext:
    """What the coach knows of the user's goals and habits (bounded; never journal text)."""

    goals: tuple[KnownGoal, ...] = ()
    habits: tuple[KnownHabit, ...] = ()
    tasks: tuple[KnownTask, ...] = ()

    def habit(self, habit_id: str) -> KnownHabit | None:
        return next((h for h in self.habits if h.id == habit_id), None)

    def goal(self, goal_id: str) -> KnownGoal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def task(self, task_id: str) -> KnownTask | None:
        return next((t for t in self.tasks if t.id == task_id), None)


@dataclass(frozen=True, slots=True)
class CoachRequest:
    user_id: str
    message_id: str
    text: str
    today: date
    history: list[Turn] = field(default_factory=list)
    goals: list[RememberedGoal] = field(default_factory=list)
    context: CoachContext = field(default_factory=CoachContext)
    # When the question is answered (the clock tools check start times against); None: now.
    now: datetime | None = None


@dataclass(frozen=True, slots=True)
class GoalProposal:
    title: str
    area: LifeArea
    due_date: date | None = None


@dataclass(frozen=True, slots=True)
class CheckInProposal:
    habit_id: str
    habit: str
    day: date


@dataclass(frozen=True, slots=True)
class TrackerProposal:
    metric: str
    value: float
    currency: str | None = None


@dataclass(frozen=True, slots=True)
class ProgressProposal:
    goal_id: str
    goal: str
    progress: int


@dataclass(frozen=True, slots=True)
class TaskDoneProposal:
    task_id: str
    task: str


@dataclass(frozen=True, slots=True)
class ScheduleProposal:
    title: str
    starts_at: datetime
    duration_minutes: int
    focus: bool = False
    goal_id: str | None = None


# What a coach may propose: one per tool (`coach/tools.py`), each validated before it is offered.
Action = (
    GoalProposal
    | CheckInProposal
    | TrackerProposal
    | ProgressProposal
    | TaskDoneProposal
    | ScheduleProposal
)


@dataclass(slots=True)
class CoachReply:
    """The reply text as it is produced, and what the coach decided to do besides talking.

    A provider that learns what it proposes only from its stream (tool calls) sets
    `action` before the stream ends; the service reads it after the last chunk.
    """

    chunks: AsyncIterator[str]
    action: Action | None = None


class CoachProvider(Protocol):
    async def respond(self, request: CoachRequest) -> CoachReply: ...

    async def aclose(self) -> None:
        """Release what the provider holds open (an HTTP client); called once at shutdown."""


async def single_chunk(text: str) -> AsyncIterator[str]:
    yield text
