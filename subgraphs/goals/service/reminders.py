"""Reminders and their dispatcher: each due reminder fires exactly once across replicas.

Firing is one transaction: read the earliest due reminder, move it on (SENT, or
PENDING at the next occurrence for recurring activities) with a conditional
update, and add the `goals.reminder.due` row to the outbox. Replicas racing for
one reminder: the loser's transaction hits a write conflict and starts again
from the read, finding the reminder already moved on. A replica dying mid-way:
nothing was committed, the reminder is still due and the next pass fires it.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, Final, Literal

from pymongo.errors import PyMongoError

from common.errors import BadUserInput, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import ReminderDue
from common.repository import Page, PageRequest
from subgraphs.goals.domain.enums import ReminderStatus, ReminderTarget
from subgraphs.goals.domain.recurrence import OccurrenceException, next_start_after
from subgraphs.goals.domain.timezones import as_utc, zone
from subgraphs.goals.models import ActivityDoc, ReminderDoc
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.calendar import ActivityRepository
from subgraphs.goals.repository.reminders import ReminderRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import Deps
from subgraphs.goals.service.goals import GoalService
from subgraphs.goals.service.habits import HabitService

log = logging.getLogger(__name__)

# A reminder firing later than this after its time is flagged `late` (e.g. missed while down).
LATE_AFTER = timedelta(minutes=5)
MAX_OFFSET_MINUTES = 60 * 24 * 30
IDLE_WAIT = 30.0
# Due dates are days; an offset reminder counts back from 09:00 local on that day.
DUE_TIME = time(9, 0)
SKIPPED: Final = "skipped"


@dataclass(frozen=True)
class ReminderInput:
    target_type: ReminderTarget
    target_id: str
    goal_id: str | None = None
    at: datetime | None = None
    offset_minutes: int | None = None


def exceptions_of(activity: ActivityDoc) -> list[OccurrenceException]:
    return [
        OccurrenceException(e.original_start, e.cancelled, e.start, e.end)
        for e in activity.exceptions
    ]


class ReminderService:
    def __init__(
        self,
        deps: Deps,
        reminders: ReminderRepository,
        activities: ActivityRepository,
        goals: GoalService,
        habits: HabitService,
        access: Access,
    ) -> None:
        self._deps = deps
        self._reminders = reminders
        self._activities = activities
        self._goals = goals
        self._habits = habits
        self._access = access
        self.worker = uuid.uuid4().hex[:12]
        self.wake = asyncio.Event()

    async def create(self, owner_id: str, data: ReminderInput) -> ReminderDoc:
        if (data.at is None) == (data.offset_minutes is None):
            raise BadUserInput("Give either `at` or `offsetMinutes`.", field="at")
        now = self._deps.clock()
        reminder = ReminderDoc(
            owner_id=owner_id, target_type=data.target_type, target_id=data.target_id, title=""
        )
        anchor: tuple[datetime, datetime | None] | None = None  # (start, original start)
        if data.target_type is ReminderTarget.ACTIVITY:
            activity = await self._activity(owner_id, data.target_id)
            reminder.title = activity.title
            if data.offset_minutes is not None:
                self._check_offset(data.offset_minutes)
                nxt = _next_for(activity, now + timedelta(minutes=data.offset_minutes))
                if nxt is None:
                    raise BadUserInput("The activity has no upcoming occurrence.", field="targetId")
                anchor = (nxt[1], nxt[0])
        elif data.target_type is ReminderTarget.HABIT:
            habit = await self._habits.owned(owner_id, data.target_id, field="targetId")
            reminder.title = habit.title
            if data.offset_minutes is not None:
                raise BadUserInput("Habit reminders need an absolute time.", field="offsetMinutes")
        else:
            goal_id = data.target_id if data.target_type is ReminderTarget.GOAL else data.goal_id
            if goal_id is None:
                raise BadUserInput("A task reminder needs the task's goal.", field="goalId")
            goal = await self._goals.owned(owner_id, goal_id, field="goalId")
            reminder.goal_id = goal_id
            due = goal.due_date
            reminder.title = goal.title
            if data.target_type is ReminderTarget.TASK:
                task = next((t for t in goal.tasks if t.id == data.target_id), None)
                if task is None:
                    raise BadUserInput("No such task on that goal.", field="targetId")
                reminder.title, due = task.title, task.due_date
            if data.offset_minutes is not None:
                self._check_offset(data.offset_minutes)
                if due is None:
                    raise BadUserInput(
                        "Offsets need a due date on the target.", field="offsetMinutes"
                    )
                tz = await self._access.timezone(owner_id)
                local = datetime.combine(datetime.fromisoformat(due).date(), DUE_TIME, tzinfo=tz)
                anchor = (as_utc(local, field="dueDate"), None)
        if data.at is not None:
            reminder.at = reminder.fire_at = as_utc(data.at, field="at")
        elif anchor is not None and data.offset_minutes is not None:
            reminder.offset_minutes = data.offset_minutes
            reminder.fire_at = anchor[0] - timedelta(minutes=data.offset_minutes)
            reminder.occurrence_start = anchor[1]
        if reminder.fire_at is None or reminder.fire_at <= now:
            raise BadUserInput("The reminder time has already passed.", field="at")
        await self._reminders.insert(reminder)
        self.wake.set()
        return reminder

    @staticmethod
    def _check_offset(minutes: int) -> None:
        if not 0 <= minutes <= MAX_OFFSET_MINUTES:
            raise BadUserInput(
                f"Offsets are 0 to {MAX_OFFSET_MINUTES} minutes.", field="offsetMinutes"
            )

    async def _activity(self, owner_id: str, activity_id: str) -> ActivityDoc:
        activity = await self._activities.get(activity_id)
        if activity is None or activity.owner_id != owner_id:
            raise BadUserInput("No such activity.", field="targetId")
        return activity

    async def page(self, owner_id: str, request: PageRequest) -> Page[ReminderDoc]:
        return await self._reminders.page_for_owner(owner_id, request)

    async def cancel(self, owner_id: str, reminder_id: str) -> None:
        reminder = await self._reminders.get(reminder_id)
        if reminder is None or reminder.owner_id != owner_id:
            raise NotFound("Reminder not found.", field="id")
        await self._reminders.delete(reminder)

    async def reschedule_activity(self, activity: ActivityDoc, *, session: Session = None) -> None:
        """After an activity's times change, offset reminders follow its next occurrence."""
        now = self._deps.clock()
        targets = await self._reminders.for_target(
            ReminderTarget.ACTIVITY, str(activity.id), session=session
        )
        for reminder in targets:
            if reminder.offset_minutes is None or reminder.status is not ReminderStatus.PENDING:
                continue
            nxt = _next_for(activity, now + timedelta(minutes=reminder.offset_minutes))
            fields: dict[str, Any] = (
                {
                    "fire_at": nxt[1] - timedelta(minutes=reminder.offset_minutes),
                    "occurrence_start": nxt[0],
                }
                if nxt
                else {"status": ReminderStatus.SENT.value, "fire_at": None}
            )
            await self._reminders.set_fields(str(reminder.id), fields, session=session)
        self.wake.set()

    # dispatcher -----------------------------------------------------------------

    async def dispatch_due(self, now: datetime) -> list[ReminderDue]:
        """Fire every reminder due at `now`; racing dispatchers split them, none fires twice."""
        fired: list[ReminderDue] = []
        conflicts = 0
        while True:
            try:
                payload = await self._deps.atomically(lambda tx: self._fire_next(tx, now))
            except PyMongoError as exc:
                # Still conflicting after the publisher's own retries: other dispatchers
                # are busy with the same rows. Read again; give up only if it persists.
                conflicts += 1
                if not exc.has_error_label("TransientTransactionError") or conflicts > 20:
                    raise
                continue
            if payload is None:
                return fired
            if payload != SKIPPED:
                fired.append(payload)

    async def _fire_next(
        self, tx: OutboxTransaction, now: datetime
    ) -> ReminderDue | Literal["skipped"] | None:
        reminder = await self._reminders.next_due(now, session=tx.session)
        if reminder is None:
            return None
        assert reminder.fire_at is not None
        fields = await self._after_fire(reminder, now, session=tx.session)
        if not await self._reminders.mark_fired(reminder, fields=fields, session=tx.session):
            return SKIPPED  # another dispatcher moved it on between our read and update
        payload = ReminderDue(
            reminder_id=str(reminder.id),
            owner_id=reminder.owner_id,
            target_type=reminder.target_type.value,
            target_id=reminder.target_id,
            title=reminder.title,
            fire_at=reminder.fire_at,
            late=now - reminder.fire_at > LATE_AFTER,
        )
        await tx.publish(Event.of("goals.reminder.due", user_id=reminder.owner_id, data=payload))
        return payload

    async def _after_fire(
        self, reminder: ReminderDoc, now: datetime, *, session: Session
    ) -> dict[str, Any]:
        done = {"status": ReminderStatus.SENT.value, "last_fired_at": now}
        if reminder.target_type is not ReminderTarget.ACTIVITY or reminder.offset_minutes is None:
            return done
        activity = await self._activities.get(reminder.target_id, session=session)
        if activity is None or activity.recurrence is None:
            return done
        offset = timedelta(minutes=reminder.offset_minutes)
        # Skip occurrences missed while down: one late reminder, then the next upcoming one.
        after = max(reminder.occurrence_start or activity.starts_at, now + offset)
        nxt = _next_for(activity, after)
        if nxt is None:
            return done
        return {
            "status": ReminderStatus.PENDING.value,
            "fire_at": nxt[1] - offset,
            "occurrence_start": nxt[0],
            "last_fired_at": now,
        }

    async def run(self) -> None:
        """The background loop: fire what is due, then sleep until the next one or a wake-up."""
        while True:
            # Cleared before dispatching, so a wake-up during the dispatch is not lost.
            self.wake.clear()
            try:
                await self.dispatch_due(self._deps.clock())
                next_at = await self._reminders.next_fire_at()
            except Exception:
                log.exception("reminder dispatch failed")
                next_at = None
            wait = IDLE_WAIT
            if next_at is not None:
                wait = min(IDLE_WAIT, max(0.0, (next_at - self._deps.clock()).total_seconds()))
            try:
                async with asyncio.timeout(wait):
                    await self.wake.wait()
            except TimeoutError:
                pass


def _next_for(activity: ActivityDoc, after: datetime) -> tuple[datetime, datetime] | None:
    try:
        return next_start_after(
            start=activity.starts_at,
            tz=zone(activity.timezone),
            rule=activity.recurrence,
            exceptions=exceptions_of(activity),
            after=after,
        )
    except BadUserInput:
        # A rule or zone stored before they were checked strictly: no further reminders.
        return None
