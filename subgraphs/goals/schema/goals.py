"""Goal, Task and Template types; goal queries and mutations."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from common.graphql.listcaps import list_cap
from common.graphql.loaders import batch_loader
from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import GoalStatus, LifeArea, ProgressMode, Visibility
from subgraphs.goals.models import GoalDoc, TaskItem
from subgraphs.goals.schema.base import Info, patch, require_viewer_id, services, viewer_id
from subgraphs.goals.service.goals import GoalInput, GoalPatch, TaskInput, TaskPatch


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@strawberry.type(name="Task", description="A checklist item of a goal.")
class TaskType:
    id: strawberry.ID = strawberry.field(description="The task's id (unique within its goal).")
    title: str = strawberry.field(description="What to do.")
    due_date: date | None = strawberry.field(description="When it should be done.")
    done: bool = strawberry.field(description="Whether it is done.")
    done_at: datetime | None = strawberry.field(description="When it was ticked off.")

    @staticmethod
    def of(task: TaskItem) -> TaskType:
        return TaskType(
            id=strawberry.ID(task.id),
            title=task.title,
            due_date=_day(task.due_date),
            done=task.done,
            done_at=task.done_at,
        )


async def _load_goals(info: Info, ids: list[str]) -> dict[str, GoalDoc]:
    return await services(info).goals.get_many_readable(await viewer_id(info), ids)


@strawberry.federation.type(name="Goal", keys=["id"], description="A life goal, possibly nested.")
class GoalType:
    doc: strawberry.Private[GoalDoc]
    id: strawberry.ID = strawberry.field(description="The goal's id.")
    title: str = strawberry.field(description="Short name of the goal.")
    description: str = strawberry.field(description="Longer description; may be empty.")
    area: LifeArea = strawberry.field(description="The life area it belongs to.")
    status: GoalStatus = strawberry.field(description="Active, paused, completed or abandoned.")
    due_date: date | None = strawberry.field(description="The target date, if any.")
    visibility: Visibility = strawberry.field(description="Who may read it.")
    progress: int = strawberry.field(description="0-100.")
    progress_mode: ProgressMode = strawberry.field(description="How progress is determined.")
    depth: int = strawberry.field(description="1 for a top-level goal, up to 5.")
    completed_at: datetime | None = strawberry.field(description="When it was completed.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    template_id: strawberry.ID | None = strawberry.field(
        description="The template it was created from, if any."
    )
    tasks: list[TaskType] = strawberry.field(description="Its checklist, in order.")

    @staticmethod
    def of(goal: GoalDoc) -> GoalType:
        return GoalType(
            doc=goal,
            id=strawberry.ID(str(goal.id)),
            title=goal.title,
            description=goal.description,
            area=goal.area,
            status=goal.status,
            due_date=_day(goal.due_date),
            visibility=goal.visibility,
            progress=goal.progress,
            progress_mode=goal.progress_mode,
            depth=len(goal.ancestor_ids) + 1,
            completed_at=goal.completed_at,
            created_at=goal.created_at,
            updated_at=goal.updated_at,
            template_id=strawberry.ID(goal.template_id) if goal.template_id else None,
            tasks=[TaskType.of(t) for t in goal.tasks],
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> GoalType | None:
        loader = info.context.loader(
            "goals", lambda: batch_loader(lambda ids: _load_goals(info, ids))
        )
        goal = await loader.load(str(id))
        return GoalType.of(goal) if goal else None

    @strawberry.field(description="The owner's user id.")
    def owner_id(self) -> strawberry.ID:
        return strawberry.ID(self.doc.owner_id)

    @strawberry.field(description="The parent goal; null for top-level goals or when hidden.")
    async def parent(self, info: Info) -> GoalType | None:
        if self.doc.parent_id is None:
            return None
        return await GoalType.resolve_reference(info, strawberry.ID(self.doc.parent_id))

    @strawberry.field(description="Sub-goals the viewer may read.")
    async def sub_goals(self, info: Info) -> list[GoalType]:
        children = await services(info).goals.children_readable(await viewer_id(info), self.doc)
        return [GoalType.of(c) for c in children]


@strawberry.input(description="A task to add.")
class TaskInputType:
    title: str = strawberry.field(description="What to do.")
    due_date: date | None = strawberry.field(default=None, description="When it is due.")


@strawberry.input(description="A new goal.")
class CreateGoalInput:
    title: str = strawberry.field(description="Short name; must not be empty.")
    area: LifeArea = strawberry.field(description="The life area.")
    description: str = strawberry.field(default="", description="Longer description.")
    due_date: date | None = strawberry.field(default=None, description="Target date.")
    visibility: Visibility = strawberry.field(
        default=Visibility.PRIVATE, description="Who may read it."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="Make it a sub-goal of this goal (5 levels at most)."
    )
    tasks: list[TaskInputType] = strawberry.field(
        metadata=list_cap(limits.TASKS_PER_GOAL),
        default_factory=list,
        description="Initial checklist.",
    )


@strawberry.input(description="Changes to a goal; omitted fields stay as they are.")
class UpdateGoalInput:
    id: strawberry.ID = strawberry.field(description="The goal to change.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="New title.")
    description: str | None = strawberry.field(default=strawberry.UNSET, description="New text.")
    area: LifeArea | None = strawberry.field(default=strawberry.UNSET, description="New area.")
    due_date: date | None = strawberry.field(
        default=strawberry.UNSET, description="New due date; null clears it."
    )
    visibility: Visibility | None = strawberry.field(
        default=strawberry.UNSET, description="New visibility."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Move under this goal; null makes it top-level."
    )
    progress: int | None = strawberry.field(
        default=strawberry.UNSET, description="Set progress by hand (0-100); switches to MANUAL."
    )
    progress_mode: ProgressMode | None = strawberry.field(
        default=strawberry.UNSET, description="DERIVED recomputes from sub-goals and tasks."
    )


@strawberry.input(description="A goal status change (complete, reopen, pause, abandon).")
class SetGoalStatusInput:
    id: strawberry.ID = strawberry.field(description="The goal.")
    status: GoalStatus = strawberry.field(description="The new status.")


@strawberry.input(description="Identifies a goal.")
class GoalIdInput:
    id: strawberry.ID = strawberry.field(description="The goal.")


@strawberry.input(description="A task to add to a goal.")
class AddTaskInput:
    goal_id: strawberry.ID = strawberry.field(description="The goal.")
    title: str = strawberry.field(description="What to do.")
    due_date: date | None = strawberry.field(default=None, description="When it is due.")


@strawberry.input(description="Changes to a task; omitted fields stay as they are.")
class UpdateTaskInput:
    goal_id: strawberry.ID = strawberry.field(description="The task's goal.")
    task_id: strawberry.ID = strawberry.field(description="The task.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="New title.")
    due_date: date | None = strawberry.field(default=strawberry.UNSET, description="New due date.")
    done: bool | None = strawberry.field(default=strawberry.UNSET, description="Tick or untick.")


@strawberry.input(description="Identifies a task.")
class TaskIdInput:
    goal_id: strawberry.ID = strawberry.field(description="The task's goal.")
    task_id: strawberry.ID = strawberry.field(description="The task.")


@strawberry.type(
    description="The goals a deletion moved to the trash (the goal and its sub-goals)."
)
class DeleteGoalPayload:
    deleted_ids: list[strawberry.ID] = strawberry.field(
        description="Ids of the goals moved to the trash."
    )


@strawberry.type
class GoalQueries:
    @strawberry.field(description="A goal the viewer may read; NOT_FOUND otherwise.")
    async def goal(self, info: Info, id: strawberry.ID) -> GoalType:
        return GoalType.of(await services(info).goals.get_readable(await viewer_id(info), str(id)))

    @strawberry.field(description="The viewer's own goals, newest first.")
    async def my_goals(
        self,
        info: Info,
        status: GoalStatus | None = None,
        area: LifeArea | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[GoalType]:
        me = await require_viewer_id(info)
        page = await services(info).goals.list_for(
            me, me, PageRequest(first, after), status=status, area=area
        )
        return connection_from_page(page, GoalType.of)


@strawberry.type
class GoalMutations:
    @strawberry.mutation(description="Create a goal (optionally as a sub-goal, with tasks).")
    async def create_goal(self, info: Info, input: CreateGoalInput) -> GoalType:
        me = await require_viewer_id(info)
        goal = await services(info).goals.create(
            me,
            GoalInput(
                title=input.title,
                area=input.area,
                description=input.description,
                due_date=input.due_date,
                visibility=input.visibility,
                parent_id=str(input.parent_id) if input.parent_id else None,
                tasks=[TaskInput(t.title, t.due_date) for t in input.tasks],
            ),
        )
        return GoalType.of(goal)

    @strawberry.mutation(description="Change a goal's fields, parent or progress.")
    async def update_goal(self, info: Info, input: UpdateGoalInput) -> GoalType:
        me = await require_viewer_id(info)
        parent = patch(input.parent_id, "parentId", nullable=True)
        goal = await services(info).goals.update(
            me,
            str(input.id),
            GoalPatch(
                title=patch(input.title, "title"),
                description=patch(input.description, "description"),
                area=patch(input.area, "area"),
                due_date=patch(input.due_date, "dueDate", nullable=True),
                visibility=patch(input.visibility, "visibility"),
                parent_id=str(parent) if isinstance(parent, str) else parent,
                progress=patch(input.progress, "progress"),
                progress_mode=patch(input.progress_mode, "progressMode"),
            ),
        )
        return GoalType.of(goal)

    @strawberry.mutation(description="Complete, reopen, pause or abandon a goal.")
    async def set_goal_status(self, info: Info, input: SetGoalStatusInput) -> GoalType:
        me = await require_viewer_id(info)
        return GoalType.of(await services(info).goals.set_status(me, str(input.id), input.status))

    @strawberry.mutation(
        description=(
            "Move a goal with all its sub-goals (and their reminders) to the trash "
            "(`restoreFromTrash` for 30 days)."
        )
    )
    async def delete_goal(self, info: Info, input: GoalIdInput) -> DeleteGoalPayload:
        me = await require_viewer_id(info)
        ids = await services(info).goals.delete(me, str(input.id))
        return DeleteGoalPayload(deleted_ids=[strawberry.ID(i) for i in ids])

    @strawberry.mutation(description="Add a task to a goal.")
    async def add_task(self, info: Info, input: AddTaskInput) -> GoalType:
        me = await require_viewer_id(info)
        goal = await services(info).goals.add_task(
            me, str(input.goal_id), TaskInput(input.title, input.due_date)
        )
        return GoalType.of(goal)

    @strawberry.mutation(description="Change a task, or tick it off.")
    async def update_task(self, info: Info, input: UpdateTaskInput) -> GoalType:
        me = await require_viewer_id(info)
        goal = await services(info).goals.update_task(
            me,
            str(input.goal_id),
            str(input.task_id),
            TaskPatch(
                title=patch(input.title, "title"),
                due_date=patch(input.due_date, "dueDate", nullable=True),
                done=patch(input.done, "done"),
            ),
        )
        return GoalType.of(goal)

    @strawberry.mutation(description="Remove a task from a goal.")
    async def remove_task(self, info: Info, input: TaskIdInput) -> GoalType:
        me = await require_viewer_id(info)
        goal = await services(info).goals.remove_task(me, str(input.goal_id), str(input.task_id))
        return GoalType.of(goal)
