"""Live sync: the owner's devices follow their goals, tasks, habits and calendar.

Each subscription carries the changed object as it is now, so a client's normalized
cache (Apollo, urql) updates in place, and is resumable: `after` takes the `cursor` of
the last change a device saw and first replays every object changed since, once each.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

import strawberry

from common.errors import NotFound
from subgraphs.goals.schema.base import Info, require_viewer_id, services
from subgraphs.goals.schema.calendar import ActivityType
from subgraphs.goals.schema.goals import GoalType
from subgraphs.goals.schema.habits import HabitType
from subgraphs.goals.schema.tasks import TodoTaskType
from subgraphs.goals.service.base import Entity
from subgraphs.goals.service.container import GoalsServices

T = TypeVar("T")
P = TypeVar("P")
Loader = Callable[[GoalsServices, str, str], Awaitable[T]]

_AFTER = strawberry.argument(
    description="Resume after this change's `cursor`: every object changed since, each once "
    "and oldest change first, then live ones (no gap, no duplicate)."
)
_CURSOR = "Its place in your changes: pass it as `after` to resume after it."


@strawberry.type(description="One of your goals changed: `goal` as it is now, or deleted.")
class GoalChange:
    cursor: str = strawberry.field(description=_CURSOR)
    goal_id: strawberry.ID = strawberry.field(description="The goal that changed.")
    deleted: bool = strawberry.field(description="Whether it was deleted (then `goal` is null).")
    goal: GoalType | None = strawberry.field(description="The goal as it is now.")


@strawberry.type(description="One of your tasks changed: `task` as it is now, or deleted.")
class TodoTaskChange:
    cursor: str = strawberry.field(description=_CURSOR)
    task_id: strawberry.ID = strawberry.field(description="The task that changed.")
    deleted: bool = strawberry.field(description="Whether it was deleted (then `task` is null).")
    task: TodoTaskType | None = strawberry.field(description="The task as it is now.")


@strawberry.type(description="One of your habits changed (its streaks included), or deleted.")
class HabitChange:
    cursor: str = strawberry.field(description=_CURSOR)
    habit_id: strawberry.ID = strawberry.field(description="The habit that changed.")
    deleted: bool = strawberry.field(description="Whether it was deleted (then `habit` is null).")
    habit: HabitType | None = strawberry.field(description="The habit as it is now.")


@strawberry.type(
    description="An activity of your calendar changed (a moved or cancelled occurrence "
    "included), or was deleted."
)
class ActivityChange:
    cursor: str = strawberry.field(description=_CURSOR)
    activity_id: strawberry.ID = strawberry.field(description="The activity that changed.")
    deleted: bool = strawberry.field(
        description="Whether it was deleted (then `activity` is null)."
    )
    activity: ActivityType | None = strawberry.field(description="The activity as it is now.")


@dataclass(frozen=True, slots=True)
class _Payload(Generic[T, P]):
    """How one subscription reads a changed object and names it in its payload type."""

    load: Loader[T]
    build: Callable[..., P]
    id_field: str
    object_field: str


def _follow(
    info: Info, entity: Entity, after: str | None, shape: _Payload[T, P]
) -> AsyncIterator[P]:
    feed = services(info).deps.changes
    # Checked before anything opens: a bad cursor is refused, not a stream that fails.
    since = feed.position(after) if after is not None else None
    return _stream(info, entity, since, shape)


async def _stream(
    info: Info, entity: Entity, since: int | None, shape: _Payload[T, P]
) -> AsyncGenerator[P, None]:
    me = await require_viewer_id(info)
    all_services = services(info)
    feed = all_services.deps.changes
    async with feed.live(me, entity, after=since) as changes:
        async for change in changes:
            current = None
            if not change.deleted:
                try:
                    current = await shape.load(all_services, me, change.object_id)
                except NotFound:
                    # Deleted since: its own change, marked deleted, follows.
                    continue
            yield shape.build(
                cursor=feed.cursor(change),
                deleted=change.deleted,
                **{shape.id_field: strawberry.ID(change.object_id), shape.object_field: current},
            )


async def _goal(s: GoalsServices, me: str, goal_id: str) -> GoalType:
    return GoalType.of(await s.goals.owned(me, goal_id))


async def _task(s: GoalsServices, me: str, task_id: str) -> TodoTaskType:
    return TodoTaskType.of(await s.todo_tasks.owned(me, task_id))


async def _habit(s: GoalsServices, me: str, habit_id: str) -> HabitType:
    habit = await s.habits.owned(me, habit_id)
    return HabitType.of((await s.habits.states([habit]))[habit_id])


async def _activity(s: GoalsServices, me: str, activity_id: str) -> ActivityType:
    return ActivityType.of(await s.calendar.owned(me, activity_id))


_GOAL = _Payload(_goal, GoalChange, "goal_id", "goal")
_TASK = _Payload(_task, TodoTaskChange, "task_id", "task")
_HABIT = _Payload(_habit, HabitChange, "habit_id", "habit")
_ACTIVITY = _Payload(_activity, ActivityChange, "activity_id", "activity")


@strawberry.type(description="Live sync of your own planning data across your devices.")
class LiveSubscriptions:
    @strawberry.subscription(
        description="Your goals as they change (tasks, progress and status included), "
        "from any device or from the coach."
    )
    async def goal_changed(
        self, info: Info, after: Annotated[str | None, _AFTER] = None
    ) -> AsyncIterator[GoalChange]:
        return _follow(info, Entity.GOAL, after, _GOAL)

    @strawberry.subscription(description="Your tasks (outside goals) as they change.")
    async def task_changed(
        self, info: Info, after: Annotated[str | None, _AFTER] = None
    ) -> AsyncIterator[TodoTaskChange]:
        return _follow(info, Entity.TASK, after, _TASK)

    @strawberry.subscription(
        description="Your habits as they change: check-ins, skips, freezes and edits."
    )
    async def habit_changed(
        self, info: Info, after: Annotated[str | None, _AFTER] = None
    ) -> AsyncIterator[HabitChange]:
        return _follow(info, Entity.HABIT, after, _HABIT)

    @strawberry.subscription(description="Your calendar's activities as they change.")
    async def calendar_changed(
        self, info: Info, after: Annotated[str | None, _AFTER] = None
    ) -> AsyncIterator[ActivityChange]:
        return _follow(info, Entity.ACTIVITY, after, _ACTIVITY)
