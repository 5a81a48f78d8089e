"""What the coach asked for on a user's behalf, once the user confirmed it: carried out here.

Every action runs as the user who confirmed it, through the same services (and so
the same owner checks and validation) as that user's own mutations, inside the
consumer's transaction. Each request is answered once by `goals.coach_action.applied`,
done or refused, so the coach says it happened only when it did.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

from common.errors import BadUserInput, Conflict, LifeGraphError
from common.events import Event, OutboxTransaction
from common.events.catalog import CoachActionApplied, CoachActionRequested
from subgraphs.goals.domain.enums import TrackerMetric
from subgraphs.goals.domain.timezones import local_day
from subgraphs.goals.models import CoachActionDoc
from subgraphs.goals.repository.coach import CoachActionRepository
from subgraphs.goals.repository.habits import CheckInRepository
from subgraphs.goals.repository.projections import ErasedRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import Deps
from subgraphs.goals.service.calendar import ActivityInput, CalendarService
from subgraphs.goals.service.goals import GoalPatch, GoalService
from subgraphs.goals.service.habits import HabitService
from subgraphs.goals.service.tasks import TodoTaskService
from subgraphs.goals.service.trackers import TrackerInput, TrackerService

T = TypeVar("T")
Outcome = tuple[str | None, str]


class CoachActionService:
    def __init__(
        self,
        *,
        deps: Deps,
        actions: CoachActionRepository,
        erased: ErasedRepository,
        check_ins: CheckInRepository,
        goals: GoalService,
        habits: HabitService,
        trackers: TrackerService,
        todo_tasks: TodoTaskService,
        calendar: CalendarService,
        access: Access,
    ) -> None:
        self._deps = deps
        self._access = access
        self._actions = actions
        self._erased = erased
        self._check_ins = check_ins
        self._goals = goals
        self._habits = habits
        self._trackers = trackers
        self._tasks = todo_tasks
        self._calendar = calendar

    async def apply(self, request: CoachActionRequested, tx: OutboxTransaction) -> None:
        """Inside the consumer's transaction: the change, its events and the answer commit
        together; a request already answered (also under another event id) changes nothing."""
        session = tx.session
        if await self._erased.is_erased(request.user_id, session=session):
            return
        if await self._actions.answered(request.request_id, session=session):
            return
        try:
            object_id, summary = await self._carry_out(request, tx)
            applied, reason = True, None
        except LifeGraphError as exc:
            # Services check everything before their first write, so a refusal wrote nothing.
            object_id, summary, applied, reason = None, exc.message, False, exc.code
        await self._actions.record(
            CoachActionDoc(
                request_id=request.request_id,
                owner_id=request.user_id,
                action=request.action,
                applied=applied,
                object_id=object_id,
                at=self._deps.clock(),
            ),
            session=session,
        )
        await self._deps.publish(
            tx,
            Event.of(
                "goals.coach_action.applied",
                user_id=request.user_id,
                data=CoachActionApplied(
                    request_id=request.request_id,
                    conversation_id=request.conversation_id,
                    user_id=request.user_id,
                    action=request.action,
                    applied=applied,
                    summary=summary,
                    object_id=object_id,
                    reason=reason,
                ),
            ),
        )

    async def _carry_out(self, request: CoachActionRequested, tx: OutboxTransaction) -> Outcome:
        match request.action:
            case "check_in_habit":
                return await self._check_in(request, tx)
            case "log_tracker":
                return await self._log(request, tx)
            case "set_goal_progress":
                return await self._progress(request, tx)
            case "complete_task":
                return await self._complete(request, tx)
            case "schedule":
                return await self._schedule(request, tx)

    async def _check_in(self, request: CoachActionRequested, tx: OutboxTransaction) -> Outcome:
        user, habit_id = request.user_id, _required(request.habit_id, "habitId")
        habit = await self._habits.owned(user, habit_id, session=tx.session)
        zone = await self._access.timezone(user, habit.timezone)
        day = request.day or local_day(self._deps.clock(), zone)
        # Checked first: the duplicate insert would abort the whole consumer transaction.
        if await self._check_ins.exists(habit_id, day.isoformat(), session=tx.session):
            raise Conflict(f"{habit.title} was already checked in for {day}.", field="day")
        await self._habits.check_in(user, habit_id, day, tx=tx)
        return habit_id, f"{habit.title} is checked in for {day}."

    async def _log(self, request: CoachActionRequested, tx: OutboxTransaction) -> Outcome:
        try:
            metric = TrackerMetric(request.metric or "")
        except ValueError as exc:
            raise BadUserInput("Unknown tracker metric.", field="metric") from exc
        value = _required(request.value, "value")
        entry = await self._trackers.log(
            request.user_id,
            TrackerInput(metric=metric, value=value, currency=request.currency),
            tx=tx,
        )
        unit = f" {entry.currency}" if entry.currency else ""
        return str(entry.id), f"Logged {value:g}{unit} of {metric.value.replace('_', ' ')}."

    async def _progress(self, request: CoachActionRequested, tx: OutboxTransaction) -> Outcome:
        goal_id = _required(request.goal_id, "goalId")
        progress = _required(request.progress, "progress")
        goal = await self._goals.update(
            request.user_id, goal_id, GoalPatch(progress=progress), tx=tx
        )
        return goal_id, f'"{goal.title}" is at {goal.progress}%.'

    async def _complete(self, request: CoachActionRequested, tx: OutboxTransaction) -> Outcome:
        task_id = _required(request.task_id, "taskId")
        task = await self._tasks.owned(request.user_id, task_id, session=tx.session)
        if task.completed:
            raise Conflict(f'"{task.title}" is already done.', field="taskId")
        due = task.due_day
        done = await self._tasks.set_completed(request.user_id, task_id, True, tx=tx)
        if done.due_day != due and not done.completed:
            # A recurring task: this occurrence is done, the task moves to the next one.
            return task_id, f'"{done.title}" is done for {due}; next due {done.due_day}.'
        return task_id, f'"{done.title}" is done.'

    async def _schedule(self, request: CoachActionRequested, tx: OutboxTransaction) -> Outcome:
        title = _required(request.title, "title")
        starts_at = _required(request.starts_at, "startsAt")
        minutes = _required(request.duration_minutes, "durationMinutes")
        if request.focus and not title.lower().startswith("focus"):
            title = f"Focus: {title}"
        activity = await self._calendar.create(
            request.user_id,
            ActivityInput(
                title=title,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(minutes=minutes),
                goal_id=request.goal_id,
            ),
            tx=tx,
        )
        when = f"{activity.starts_at:%Y-%m-%d %H:%M} UTC"
        return str(activity.id), f'"{activity.title}" is on your calendar for {when}.'


def _required(value: T | None, field: str) -> T:
    if value is None:
        raise BadUserInput("Missing in the coach's request.", field=field)
    return value
