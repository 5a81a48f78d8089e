"""Habits: schedules, one check-in per local day, streaks and milestones."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from common.errors import BadUserInput, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import (
    HabitChanged,
    HabitCheckedIn,
    HabitCheckInUndone,
    HabitRules,
    StreakMilestone,
)
from common.repository import Page, PageRequest
from common.validation import day_in_range, items, timezone_name
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import (
    STREAK_MILESTONES,
    ReminderTarget,
    ScheduleKind,
    TrashKind,
)
from subgraphs.goals.domain.streaks import (
    Kindness,
    Schedule,
    Streaks,
    compute_streaks,
    freezes_left,
    month_of,
    on_vacation,
)
from subgraphs.goals.domain.timezones import local_day
from subgraphs.goals.models import CheckInDoc, HabitDoc, ReminderDoc, TrashDoc, VacationDoc
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.habits import CheckInRepository, HabitRepository
from subgraphs.goals.repository.reminders import ReminderRepository, of_targets
from subgraphs.goals.repository.vacations import VacationRepository
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import (
    UNSET,
    Deps,
    _Unset,
    description,
    require_text,
)
from subgraphs.goals.service.goals import GoalService
from subgraphs.goals.service.trashbin import TrashBin


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
    kindness: Kindness = field(default_factory=Kindness)

    @property
    def freezes_left(self) -> int:
        """Freezes a missed day of this month may still use."""
        return freezes_left(self.streaks, self.kindness.frozen, month_of(self.today))

    @property
    def on_vacation(self) -> bool:
        return on_vacation(self.kindness.vacations, self.today)

    @property
    def checked_in_today(self) -> bool:
        return bool(self.days) and self.days[-1] == self.today


def schedule_of(habit: HabitDoc) -> Schedule:
    return Schedule(habit.schedule, frozenset(habit.weekdays), habit.times_per_week)


def _days(values: list[str]) -> frozenset[date]:
    return frozenset(date.fromisoformat(v) for v in values)


def vacation_spans(doc: VacationDoc) -> tuple[tuple[date, date | None], ...]:
    return tuple(
        (date.fromisoformat(s.start), date.fromisoformat(s.end) if s.end else None)
        for s in doc.spans
    )


class HabitService:
    def __init__(
        self,
        deps: Deps,
        habits: HabitRepository,
        check_ins: CheckInRepository,
        reminders: ReminderRepository,
        goals: GoalService,
        access: Access,
        vacations: VacationRepository,
        trash: TrashBin,
    ) -> None:
        self._deps = deps
        self._trash = trash
        self._vacations = vacations
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

        async def work(tx: OutboxTransaction) -> HabitDoc:
            inserted = await self._habits.insert(habit, session=tx.session)
            await self._deps.publish(tx, habit_changed(inserted))
            await self._publish_rules(tx, inserted)
            return inserted

        return await self._deps.atomically(work)

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
            saved = await self._habits.save(habit, session=tx.session)
            await self._deps.publish(tx, habit_changed(saved))
            await self._publish_rules(tx, saved)
            return saved

        return await self._deps.atomically(work)

    async def delete(self, owner_id: str, habit_id: str) -> None:
        """The habit, its check-ins and its reminders go to the trash together or not at all."""

        async def work(tx: OutboxTransaction) -> None:
            habit = await self.owned(owner_id, habit_id, field="id", session=tx.session)
            reminders = of_targets(ReminderTarget.HABIT, [habit_id])
            documents = [
                *await self._trash.capture(HabitDoc, {"_id": habit.id}, session=tx.session),
                *await self._trash.capture(CheckInDoc, {"habit_id": habit_id}, session=tx.session),
                *await self._trash.capture(ReminderDoc, reminders, session=tx.session),
            ]
            await self._trash.put(
                tx,
                owner_id=owner_id,
                kind=TrashKind.HABIT,
                item_id=habit_id,
                title=habit.title,
                documents=documents,
            )
            await self._check_ins.delete_habit(habit_id, session=tx.session)
            await self._reminders.delete_for_targets(
                ReminderTarget.HABIT, [habit_id], session=tx.session
            )
            await self._habits.delete(habit, session=tx.session)
            await self._deps.publish(tx, habit_changed(habit, deleted=True))

        await self._deps.atomically(work)

    async def restore_trashed(self, tx: OutboxTransaction, row: TrashDoc) -> HabitDoc:
        """Back with its check-ins, so its streaks are what they were; told as on create."""
        await self._trash.write_back(tx, row, self._trash.contents(row))
        habit = await self.owned(row.owner_id, row.item_id, session=tx.session)
        await self._deps.publish(tx, habit_changed(habit))
        await self._publish_rules(tx, habit)
        return habit

    async def _zone(self, habit: HabitDoc) -> ZoneInfo:
        return await self._access.timezone(habit.owner_id, habit.timezone)

    async def check_in(
        self,
        owner_id: str,
        habit_id: str,
        day: date | None = None,
        *,
        tx: OutboxTransaction | None = None,
    ) -> HabitState:
        """The check-in, the milestones it reaches and their events: one transaction
        (`tx`'s, when given: a coach action joins its consumer's)."""

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
            await self._deps.publish_all(tx, events)
            return state

        return await self._deps.atomically(work, tx)

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
            await self._deps.publish(tx, undo)
            return state

        return await self._deps.atomically(work)

    async def states(
        self, habits: list[HabitDoc], *, session: Session = None
    ) -> dict[str, HabitState]:
        """Streaks for many habits with one check-in query."""
        days = await self._check_ins.days_by_habit([str(h.id) for h in habits], session=session)
        now = self._deps.clock()
        zones: dict[tuple[str, str | None], ZoneInfo] = {}
        away: dict[str, tuple[tuple[date, date | None], ...]] = {}
        states: dict[str, HabitState] = {}
        for habit in habits:
            key = (habit.owner_id, habit.timezone)
            if key not in zones:
                zones[key] = await self._zone(habit)
            if habit.owner_id not in away:
                found = await self._vacations.for_owner(habit.owner_id, session=session)
                away[habit.owner_id] = vacation_spans(found)
            today = local_day(now, zones[key])
            checked = sorted(date.fromisoformat(d) for d in days.get(str(habit.id), []))
            kindness = Kindness(
                skipped=_days(habit.skipped_days),
                frozen=_days(habit.frozen_days),
                vacations=away[habit.owner_id],
            )
            streaks = compute_streaks(checked, schedule_of(habit), today, kindness)
            states[str(habit.id)] = HabitState(habit, streaks, today, checked, kindness)
        return states

    # streak kindness ---------------------------------------------------------------

    async def skip_day(self, owner_id: str, habit_id: str, day: date, skip: bool) -> HabitState:
        """Skip (or stop skipping) a local day: it pauses the streak, at most
        `SKIPS_PER_MONTH` a month; a day may be planned up to a year ahead."""

        async def work(tx: OutboxTransaction) -> HabitState:
            habit = await self.owned(owner_id, habit_id, session=tx.session)
            today = local_day(self._deps.clock(), await self._zone(habit))
            wanted = day_in_range(day, field="day")
            if wanted > today + timedelta(days=limits.PLAN_AHEAD_DAYS):
                raise BadUserInput("Skip days at most a year ahead.", field="day")
            iso = wanted.isoformat()
            if skip and iso not in habit.skipped_days:
                same_month = [d for d in habit.skipped_days if d[:7] == iso[:7]]
                if len(same_month) >= limits.SKIPS_PER_MONTH:
                    raise BadUserInput(
                        f"At most {limits.SKIPS_PER_MONTH} skipped days a month.", field="day"
                    )
                habit.skipped_days = sorted([*habit.skipped_days, iso])
            elif not skip and iso in habit.skipped_days:
                habit.skipped_days = [d for d in habit.skipped_days if d != iso]
            else:
                return (await self.states([habit], session=tx.session))[habit_id]
            await self._habits.save(habit, session=tx.session)
            return await self._publish_rules(tx, habit)

        return await self._deps.atomically(work)

    async def freeze_day(self, owner_id: str, habit_id: str, day: date) -> HabitState:
        """Spend a freeze on a missed due day in the past, so the streak runs over it."""

        async def work(tx: OutboxTransaction) -> HabitState:
            habit = await self.owned(owner_id, habit_id, session=tx.session)
            state = (await self.states([habit], session=tx.session))[habit_id]
            wanted = day_in_range(day, field="day")
            if wanted >= state.today:
                raise BadUserInput("Only a past day can be frozen.", field="day")
            if not state.days or wanted < state.days[0]:
                raise BadUserInput("No streak ran before that day.", field="day")
            if (
                wanted in state.days
                or state.kindness.paused(wanted)
                or not schedule_of(habit).is_due(wanted)
            ):
                raise BadUserInput("That day breaks no streak: nothing to freeze.", field="day")
            allowed = freezes_left(state.streaks, state.kindness.frozen, month_of(wanted))
            if allowed <= 0:
                raise BadUserInput("No freeze is left for that month.", field="day")
            habit.frozen_days = sorted([*habit.frozen_days, wanted.isoformat()])
            await self._habits.save(habit, session=tx.session)
            return await self._publish_rules(tx, habit)

        return await self._deps.atomically(work)

    async def _publish_rules(self, tx: OutboxTransaction, habit: HabitDoc) -> HabitState:
        """`goals.habit.rules_changed`: what analytics needs to apply the same streak rule."""
        state = (await self.states([habit], session=tx.session))[str(habit.id)]
        rules = HabitRules(
            habit_id=str(habit.id),
            owner_id=habit.owner_id,
            schedule=habit.schedule.value,
            weekdays=list(habit.weekdays),
            times_per_week=habit.times_per_week,
            skipped_days=sorted(state.kindness.skipped),
            frozen_days=sorted(state.kindness.frozen),
            current_streak=state.streaks.current,
            longest_streak=state.streaks.longest,
        )
        event = Event.of("goals.habit.rules_changed", user_id=habit.owner_id, data=rules)
        await self._deps.publish(tx, event)
        return state


def habit_changed(habit: HabitDoc, *, deleted: bool = False) -> Event:
    return Event.of(
        "goals.habit.changed",
        user_id=habit.owner_id,
        data=HabitChanged(
            habit_id=str(habit.id), owner_id=habit.owner_id, title=habit.title, deleted=deleted
        ),
    )
