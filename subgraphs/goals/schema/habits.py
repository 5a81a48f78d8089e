"""Habit types, check-ins and streaks."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from common.graphql.listcaps import list_cap
from common.graphql.loaders import batch_loader
from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from common.validation import items
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import ScheduleKind
from subgraphs.goals.domain.streaks import Schedule, StreakUnit
from subgraphs.goals.schema.base import Info, patch, require_viewer_id, services, viewer_id
from subgraphs.goals.service.habits import HabitInput, HabitPatch, HabitState

RECENT_DAYS = 60


async def _owned_states(info: Info, ids: list[str]) -> dict[str, HabitState]:
    # Only the owner reads a habit, as `habit(id:)` decides.
    return await services(info).habits.owned_states(await viewer_id(info), ids)


@strawberry.federation.type(
    name="Habit", keys=["id"], description="A recurring behaviour with check-ins and streaks."
)
class HabitType:
    id: strawberry.ID = strawberry.field(description="The habit's id.")
    title: str = strawberry.field(description="Short name.")
    description: str = strawberry.field(description="Longer description; may be empty.")
    goal_id: strawberry.ID | None = strawberry.field(description="The goal it serves, if any.")
    schedule: ScheduleKind = strawberry.field(description="When it is due.")
    weekdays: list[int] = strawberry.field(description="For WEEKDAYS: 0 (Monday) to 6 (Sunday).")
    times_per_week: int | None = strawberry.field(description="For TIMES_PER_WEEK: N.")
    timezone: str | None = strawberry.field(
        description="Fallback zone for local days when the owner's profile has none."
    )
    current_streak: int = strawberry.field(description="The running streak (days or weeks).")
    longest_streak: int = strawberry.field(description="The longest streak ever.")
    streak_unit: StreakUnit = strawberry.field(description="What the streaks count.")
    checked_in_today: bool = strawberry.field(description="Checked in on the owner's local today.")
    today: date = strawberry.field(description="The owner's local day now.")
    recent_check_ins: list[date] = strawberry.field(
        description=f"Check-in days of the last {RECENT_DAYS} days, oldest first."
    )
    milestones_reached: list[int] = strawberry.field(description="Streak milestones announced.")
    skipped_days: list[date] = strawberry.field(
        description="Local days skipped (`skipHabitDay`): they pause the streak."
    )
    frozen_days: list[date] = strawberry.field(
        description="Missed days covered by a freeze (`freezeHabitDay`)."
    )
    freezes_left: int = strawberry.field(
        description="Freezes a missed day of this month may still use (see docs/goals.md)."
    )
    on_vacation: bool = strawberry.field(
        description="Whether the owner's vacation pauses streaks today."
    )
    created_at: datetime = strawberry.field(description="When it was created.")

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> HabitType | None:
        loader = info.context.loader(
            "goals.habits", lambda: batch_loader(lambda ids: _owned_states(info, ids))
        )
        state = await loader.load(str(id))
        return HabitType.of(state) if state else None

    @staticmethod
    def of(state: HabitState) -> HabitType:
        habit = state.habit
        since = date.fromordinal(state.today.toordinal() - RECENT_DAYS)
        return HabitType(
            id=strawberry.ID(str(habit.id)),
            title=habit.title,
            description=habit.description,
            goal_id=strawberry.ID(habit.goal_id) if habit.goal_id else None,
            schedule=habit.schedule,
            weekdays=habit.weekdays,
            times_per_week=habit.times_per_week,
            timezone=habit.timezone,
            current_streak=state.streaks.current,
            longest_streak=state.streaks.longest,
            streak_unit=state.streaks.unit,
            checked_in_today=state.checked_in_today,
            today=state.today,
            recent_check_ins=[d for d in state.days if d > since],
            milestones_reached=sorted(habit.milestones_reached),
            skipped_days=sorted(state.kindness.skipped),
            frozen_days=sorted(state.kindness.frozen),
            freezes_left=state.freezes_left,
            on_vacation=state.on_vacation,
            created_at=habit.created_at,
        )


async def habit_connection(
    info: Info, owner_id: str, first: int, after: str | None
) -> Connection[HabitType]:
    page = await services(info).habits.page(owner_id, PageRequest(first, after))
    states = await services(info).habits.states(page.items)
    return connection_from_page(page, lambda h: HabitType.of(states[str(h.id)]))


@strawberry.input(description="A new habit.")
class CreateHabitInput:
    title: str = strawberry.field(description="Short name; must not be empty.")
    schedule: ScheduleKind = strawberry.field(
        default=ScheduleKind.DAILY, description="When it is due."
    )
    weekdays: list[int] = strawberry.field(
        metadata=list_cap(limits.HABIT_WEEKDAYS),
        default_factory=list,
        description="For WEEKDAYS: 0 (Monday) to 6 (Sunday).",
    )
    times_per_week: int | None = strawberry.field(default=None, description="For TIMES_PER_WEEK.")
    description: str = strawberry.field(default="", description="Longer description.")
    goal_id: strawberry.ID | None = strawberry.field(default=None, description="Goal it serves.")
    timezone: str | None = strawberry.field(
        default=None, description="IANA zone used when the owner's profile has none."
    )


@strawberry.input(description="Changes to a habit; omitted fields stay as they are.")
class UpdateHabitInput:
    id: strawberry.ID = strawberry.field(description="The habit.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="New title.")
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="New description."
    )
    schedule: ScheduleKind | None = strawberry.field(
        default=strawberry.UNSET,
        description="New schedule kind; its weekdays or times per week must fit it.",
    )
    weekdays: list[int] | None = strawberry.field(
        metadata=list_cap(limits.HABIT_WEEKDAYS),
        default=strawberry.UNSET,
        description="For WEEKDAYS: 0 (Monday) to 6 (Sunday); kept if the kind is unchanged.",
    )
    times_per_week: int | None = strawberry.field(
        default=strawberry.UNSET,
        description="For TIMES_PER_WEEK: 1-7; kept if the kind is unchanged.",
    )
    timezone: str | None = strawberry.field(
        default=strawberry.UNSET, description="IANA fallback zone; null removes it."
    )


@strawberry.input(description="A check-in (or its undo) for one local day.")
class CheckInInput:
    habit_id: strawberry.ID = strawberry.field(description="The habit.")
    day: date | None = strawberry.field(
        default=None, description="The local day; default today. Future days are refused."
    )


@strawberry.input(description="A habit and one of its owner's local days.")
class HabitDayInput:
    habit_id: strawberry.ID = strawberry.field(description="The habit.")
    day: date = strawberry.field(description="The local day.")


@strawberry.input(description="Vacation mode: streaks pause from `startDate` to `endDate`.")
class StartVacationInput:
    start_date: date | None = strawberry.field(
        default=None, description="The first day (today or later); today when omitted."
    )
    end_date: date | None = strawberry.field(
        default=None, description="The last day (inclusive; at most 366 days); open when null."
    )


@strawberry.type(description="A span of local days on which every habit's streak pauses.")
class Vacation:
    start_date: date = strawberry.field(description="Its first day.")
    end_date: date | None = strawberry.field(description="Its last day; null while open.")


def _vacations(spans: list[tuple[date, date | None]]) -> list[Vacation]:
    return [Vacation(start_date=s, end_date=e) for s, e in spans]


@strawberry.input(description="Identifies a habit.")
class HabitIdInput:
    id: strawberry.ID = strawberry.field(description="The habit.")


@strawberry.type
class HabitQueries:
    @strawberry.field(description="One of the viewer's habits.")
    async def habit(self, info: Info, id: strawberry.ID) -> HabitType:
        me = await require_viewer_id(info)
        habits = services(info).habits
        habit = await habits.owned(me, str(id), field="id")
        return HabitType.of((await habits.states([habit]))[str(habit.id)])

    @strawberry.field(description="The viewer's vacations, past, running and planned.")
    async def vacations(self, info: Info) -> list[Vacation]:
        me = await require_viewer_id(info)
        return _vacations(await services(info).vacations.spans(me))


@strawberry.type
class HabitMutations:
    @strawberry.mutation(description="Create a habit.")
    async def create_habit(self, info: Info, input: CreateHabitInput) -> HabitType:
        me = await require_viewer_id(info)
        habits = services(info).habits
        habit = await habits.create(
            me,
            HabitInput(
                title=input.title,
                schedule=Schedule(
                    input.schedule,
                    frozenset(
                        items(input.weekdays, field="weekdays", max_items=limits.HABIT_WEEKDAYS)
                    ),
                    input.times_per_week,
                ),
                description=input.description,
                goal_id=str(input.goal_id) if input.goal_id else None,
                timezone=input.timezone,
            ),
        )
        return HabitType.of((await habits.states([habit]))[str(habit.id)])

    @strawberry.mutation(
        description="Change a habit's title, schedule or zone. Check-ins stay; streaks follow "
        "the new schedule, and a change between day and week streaks resets milestones."
    )
    async def update_habit(self, info: Info, input: UpdateHabitInput) -> HabitType:
        me = await require_viewer_id(info)
        habits = services(info).habits
        habit = await habits.update(
            me,
            str(input.id),
            HabitPatch(
                title=patch(input.title, "title"),
                description=patch(input.description, "description"),
                schedule=patch(input.schedule, "schedule"),
                weekdays=patch(input.weekdays, "weekdays"),
                times_per_week=patch(input.times_per_week, "timesPerWeek", nullable=True),
                timezone=patch(input.timezone, "timezone", nullable=True),
            ),
        )
        return HabitType.of((await habits.states([habit]))[str(habit.id)])

    @strawberry.mutation(description="Check in for a day (once per local day).")
    async def check_in_habit(self, info: Info, input: CheckInInput) -> HabitType:
        me = await require_viewer_id(info)
        state = await services(info).habits.check_in(me, str(input.habit_id), input.day)
        return HabitType.of(state)

    @strawberry.mutation(description="Undo a day's check-in.")
    async def undo_habit_check_in(self, info: Info, input: CheckInInput) -> HabitType:
        me = await require_viewer_id(info)
        state = await services(info).habits.undo_check_in(me, str(input.habit_id), input.day)
        return HabitType.of(state)

    @strawberry.mutation(
        description="Skip a local day: it pauses the streak (at most 8 a month, a year ahead)."
    )
    async def skip_habit_day(self, info: Info, input: HabitDayInput) -> HabitType:
        me = await require_viewer_id(info)
        habits = services(info).habits
        return HabitType.of(await habits.skip_day(me, str(input.habit_id), input.day, True))

    @strawberry.mutation(description="Stop skipping a local day.")
    async def unskip_habit_day(self, info: Info, input: HabitDayInput) -> HabitType:
        me = await require_viewer_id(info)
        habits = services(info).habits
        return HabitType.of(await habits.skip_day(me, str(input.habit_id), input.day, False))

    @strawberry.mutation(
        description="Spend a freeze on a missed past day so the streak runs over it "
        "(limited: see `freezesLeft`)."
    )
    async def freeze_habit_day(self, info: Info, input: HabitDayInput) -> HabitType:
        me = await require_viewer_id(info)
        state = await services(info).habits.freeze_day(me, str(input.habit_id), input.day)
        return HabitType.of(state)

    @strawberry.mutation(description="Start (or plan) a vacation: every habit's streak pauses.")
    async def start_vacation(self, info: Info, input: StartVacationInput) -> list[Vacation]:
        me = await require_viewer_id(info)
        found = await services(info).vacations.start(me, input.start_date, input.end_date)
        return _vacations(found)

    @strawberry.mutation(description="End the running vacation (its last day is yesterday).")
    async def end_vacation(self, info: Info) -> list[Vacation]:
        me = await require_viewer_id(info)
        return _vacations(await services(info).vacations.end(me))

    @strawberry.mutation(
        description=(
            "Move a habit with its check-ins and reminders to the trash "
            "(`restoreFromTrash` for 30 days)."
        )
    )
    async def delete_habit(self, info: Info, input: HabitIdInput) -> strawberry.ID:
        me = await require_viewer_id(info)
        await services(info).habits.delete(me, str(input.id))
        return input.id
