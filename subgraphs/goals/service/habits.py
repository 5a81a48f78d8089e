"""Habits: schedules, one check-in per local day, streaks and milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from common.errors import BadUserInput, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import HabitCheckedIn, HabitCheckInUndone, StreakMilestone
from common.repository import Page, PageRequest
from common.validation import day_in_range, items, timezone_name
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import STREAK_MILESTONES, ReminderTarget, ScheduleKind
from subgraphs.goals.domain.streaks import Schedule, Streaks, compute_streaks
from subgraphs.goals.domain.timezones import local_day
from subgraphs.goals.models import CheckInDoc, HabitDoc
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.habits import CheckInRepository, HabitRepository
from subgraphs.goals.repository.reminders import ReminderRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import (
    UNSET,
    Deps,
    _Unset,
    description,
    publish_all,
    require_text,
)
from subgraphs.goals.service.goals import GoalService


@dataclass(frozen=True)
class HabitInput:
    title: str
    schedule: Schedule
    description: str = ""
    goal_id: str | None = None
    timezone: str | None = None


@dataclass(frozen=True)
class HabitPatch:
    """Fields not sent stay as they are; a new schedule kind starts without the old details."""

    title: str | _Unset = UNSET
    description: str | _Unset = UNSET
    schedule: ScheduleKind | _Unset = UNSET
    weekdays: list[int] | _Unset = UNSET
    times_per_week: int | _Unset | None = UNSET
    timezone: str | _Unset | None = UNSET


@dataclass(frozen=True)
class HabitState:
    habit: HabitDoc
    streaks: Streaks
    today: date
    days: list[date]

    @property
    def checked_in_today(self) -> bool:
        return bool(self.days) and self.days[-1] == self.today


def schedule_of(habit: HabitDoc) -> Schedule:
    return Schedule(habit.schedule, frozenset(habit.weekdays), habit.times_per_week)


class HabitService:
    def __init__(
        self,
        deps: Deps,
        habits: HabitRepository,
        check_ins: CheckInRepository,
        reminders: ReminderRepository,
        goals: GoalService,
        access: Access,
    ) -> None:
        self._deps = deps
        self._habits = habits
        self._check_ins = check_ins
        self._reminders = reminders
        self._goals = goals
        self._access = access

    async def create(self, owner_id: str, data: HabitInput) -> HabitDoc:
        title = require_text(data.title, field="title")
        text = description(data.description)
        data.schedule.validate()
        timezone = timezone_name(data.timezone) if data.timezone is not None else None
        if data.goal_id is not None:
            await self._goals.owned(owner_id, data.goal_id, field="goalId")
        habit = HabitDoc(
            owner_id=owner_id,
            title=title,
            description=text,
            goal_id=data.goal_id,
            schedule=data.schedule.kind,
            weekdays=sorted(data.schedule.weekdays),
            times_per_week=data.schedule.times_per_week,
            timezone=timezone,
        )
        return await self._habits.insert(habit)

    async def owned(
        self, owner_id: str, habit_id: str, *, field: str = "habitId", session: Session = None
    ) -> HabitDoc:
        habit = await self._habits.get(habit_id, session=session)
        if habit is None or habit.owner_id != owner_id:
            raise NotFound("Habit not found.", field=field)
        return habit

    async def owned_states(
        self, owner_id: str | None, habit_ids: list[str]
    ) -> dict[str, HabitState]:
        """Streaks of those of `habit_ids` that `owner_id` owns (entity references)."""
        if owner_id is None:
            return {}
        found = await self._habits.get_many(habit_ids)
        return await self.states([h for h in found.values() if h.owner_id == owner_id])

    async def page(self, owner_id: str, request: PageRequest) -> Page[HabitDoc]:
        return await self._habits.page_for_owner(owner_id, request)

    async def update(self, owner_id: str, habit_id: str, patch: HabitPatch) -> HabitDoc:
        # A transaction, so a check-in claiming a milestone meanwhile is not overwritten.
        async def work(tx: OutboxTransaction) -> HabitDoc:
            habit = await self.owned(owner_id, habit_id, field="id", session=tx.session)
            if not isinstance(patch.title, _Unset):
                habit.title = require_text(patch.title, field="title")
            if not isinstance(patch.description, _Unset):
                habit.description = description(patch.description)
            if not isinstance(patch.timezone, _Unset):
                habit.timezone = (
                    timezone_name(patch.timezone) if patch.timezone is not None else None
                )
            old = schedule_of(habit)
            kind = patch.schedule if not isinstance(patch.schedule, _Unset) else old.kind
            same_kind = kind is old.kind
            weekdays = (
                frozenset(items(patch.weekdays, field="weekdays", max_items=limits.HABIT_WEEKDAYS))
                if not isinstance(patch.weekdays, _Unset)
                else (old.weekdays if same_kind else frozenset())
            )
            times = (
                patch.times_per_week
                if not isinstance(patch.times_per_week, _Unset)
                else (old.times_per_week if same_kind else None)
            )
            schedule = Schedule(kind, weekdays, times)
            schedule.validate()
            habit.schedule = schedule.kind
            habit.weekdays = sorted(schedule.weekdays)
            habit.times_per_week = schedule.times_per_week
            if schedule.unit is not old.unit:
                # Milestones count days or weeks: a streak in the new unit earns them afresh.
                habit.milestones_reached = []
            return await self._habits.save(habit, session=tx.session)

        return await self._deps.atomically(work)

    async def delete(self, owner_id: str, habit_id: str) -> None:
        """The habit, its check-ins and its reminders go together or not at all."""

        async def work(tx: OutboxTransaction) -> None:
            habit = await self.owned(owner_id, habit_id, field="id", session=tx.session)
            await self._check_ins.delete_habit(habit_id, session=tx.session)
            await self._reminders.delete_for_targets(
                ReminderTarget.HABIT, [habit_id], session=tx.session
            )
            await self._habits.delete(habit, session=tx.session)

        await self._deps.atomically(work)

    async def _zone(self, habit: HabitDoc) -> ZoneInfo:
        return await self._access.timezone(habit.owner_id, habit.timezone)

    async def check_in(self, owner_id: str, habit_id: str, day: date | None = None) -> HabitState:
        """The check-in, the milestones it reaches and their events: one transaction."""

        async def work(tx: OutboxTransaction) -> HabitState:
            session = tx.session
            habit = await self.owned(owner_id, habit_id, session=session)
            now = self._deps.clock()
            today = local_day(now, await self._zone(habit))
            checked_day = day_in_range(day, field="day") if day else today
            if checked_day > today:
                raise BadUserInput("You cannot check in for a future day.", field="day")
            await self._check_ins.add(
                CheckInDoc(
                    habit_id=habit_id, owner_id=owner_id, day=checked_day.isoformat(), at=now
                ),
                session=session,
            )
            state = (await self.states([habit], session=session))[habit_id]
            events = [
                Event.of(
                    "goals.habit.checked_in",
                    user_id=owner_id,
                    data=HabitCheckedIn(
                        habit_id=habit_id,
                        owner_id=owner_id,
                        day=checked_day,
                        current_streak=state.streaks.current,
                        longest_streak=state.streaks.longest,
                        last_day=state.days[-1],
                    ),
                )
            ]
            for milestone in STREAK_MILESTONES:
                # The conditional update lets exactly one check-in announce each milestone.
                if state.streaks.current >= milestone and await self._habits.claim_milestone(
                    habit_id, milestone, session=session
                ):
                    events.append(
                        Event.of(
                            "goals.habit.streak_milestone",
                            user_id=owner_id,
                            data=StreakMilestone(
                                habit_id=habit_id, owner_id=owner_id, days=milestone
                            ),
                        )
                    )
            await publish_all(tx, events)
            return state

        return await self._deps.atomically(work)

    async def undo_check_in(
        self, owner_id: str, habit_id: str, day: date | None = None
    ) -> HabitState:
        """The check-in goes with its event, so analytics withdraws it too: one transaction."""

        async def work(tx: OutboxTransaction) -> HabitState:
            session = tx.session
            habit = await self.owned(owner_id, habit_id, session=session)
            undone = day or local_day(self._deps.clock(), await self._zone(habit))
            if not await self._check_ins.remove(habit_id, undone.isoformat(), session=session):
                raise NotFound("There is no check-in on that day.", field="day")
            state = (await self.states([habit], session=session))[habit_id]
            payload = HabitCheckInUndone(
                habit_id=habit_id,
                owner_id=owner_id,
                day=undone,
                current_streak=state.streaks.current,
                longest_streak=state.streaks.longest,
                last_day=state.days[-1] if state.days else None,
            )
            undo = Event.of("goals.habit.check_in_undone", user_id=owner_id, data=payload)
            await tx.publish(undo)
            return state

        return await self._deps.atomically(work)

    async def states(
        self, habits: list[HabitDoc], *, session: Session = None
    ) -> dict[str, HabitState]:
        """Streaks for many habits with one check-in query."""
        days = await self._check_ins.days_by_habit([str(h.id) for h in habits], session=session)
        now = self._deps.clock()
        zones: dict[tuple[str, str | None], ZoneInfo] = {}
        states: dict[str, HabitState] = {}
        for habit in habits:
            key = (habit.owner_id, habit.timezone)
            if key not in zones:
                zones[key] = await self._zone(habit)
            today = local_day(now, zones[key])
            checked = sorted(date.fromisoformat(d) for d in days.get(str(habit.id), []))
            streaks = compute_streaks(checked, schedule_of(habit), today)
            states[str(habit.id)] = HabitState(habit, streaks, today, checked)
        return states
