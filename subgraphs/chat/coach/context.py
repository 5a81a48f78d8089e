"""The coach's context, kept from goals' events: the user's goals, open tasks, habits,
streaks and last week's check-ins. Chat reads no other subgraph's data; these projections
are its source."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import Event
from common.events.catalog import (
    GoalChanged,
    HabitChanged,
    HabitCheckedIn,
    HabitCheckInUndone,
    TodoTaskChanged,
)
from subgraphs.chat.repository import CoachContextRepository

GOAL_EVENTS: Final = [
    "goals.goal.created",
    "goals.goal.updated",
    "goals.goal.completed",
    "goals.goal.reopened",
    "goals.goal.deleted",
    "goals.goal.restored",
]
HABIT_EVENTS: Final = [
    "goals.habit.changed",
    "goals.habit.checked_in",
    "goals.habit.check_in_undone",
]
CONTEXT_EVENTS: Final = [*GOAL_EVENTS, *HABIT_EVENTS, "goals.todo_task.changed"]
# Check-in days older than this (before the newest one seen) are dropped: the coach
# looks back a week, and a user's rows stay few.
KEEP_DAYS: Final = 14


class CoachContextProjector:
    def __init__(self, store: CoachContextRepository) -> None:
        self._store = store

    async def apply(self, event: Event, session: AsyncClientSession) -> None:
        """One goals event, in the consumer's transaction; older events than the row's last
        change nothing (`common.projections.apply_if_newer`)."""
        payload = event.payload()
        match payload:
            case GoalChanged():
                fields = {
                    "title": payload.title,
                    "area": payload.area,
                    "status": payload.status,
                    "progress": payload.progress,
                    "deleted": event.type == "goals.goal.deleted",
                }
                await self._store.apply_goal(
                    payload.goal_id, payload.owner_id, fields, event.time, session=session
                )
            case TodoTaskChanged():
                fields = {
                    "title": payload.title,
                    "completed": payload.completed,
                    "due_day": payload.due_day.isoformat() if payload.due_day else None,
                    "deleted": payload.deleted,
                }
                await self._store.apply_task(
                    payload.task_id, payload.owner_id, fields, event.time, session=session
                )
            case HabitChanged():
                fields = {"title": payload.title, "deleted": payload.deleted}
                await self._store.apply_habit(
                    payload.habit_id, payload.owner_id, fields, event.time, session=session
                )
                if payload.deleted:
                    await self._store.forget_habit_days(payload.habit_id, session=session)
            case HabitCheckedIn() | HabitCheckInUndone():
                await self._streaks(event, payload, session)

    async def _streaks(
        self,
        event: Event,
        payload: HabitCheckedIn | HabitCheckInUndone,
        session: AsyncClientSession,
    ) -> None:
        fields = {
            "current_streak": payload.current_streak,
            "longest_streak": payload.longest_streak,
            "last_day": payload.last_day.isoformat() if payload.last_day else None,
        }
        store, habit_id, user_id = self._store, payload.habit_id, payload.owner_id
        await store.apply_streaks(habit_id, user_id, fields, event.time, session=session)
        day = payload.day.isoformat()
        if isinstance(payload, HabitCheckInUndone):
            await store.remove_day(habit_id, day, session=session)
            return
        await store.add_day(user_id, habit_id, day, session=session)
        oldest = (payload.day - timedelta(days=KEEP_DAYS)).isoformat()
        await store.prune_days(user_id, oldest, session=session)
