"""Project and TodoTask types: the inbox, lists and day views of standalone tasks."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from common.graphql.listcaps import list_cap
from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import TaskPriority, TaskView
from subgraphs.goals.models import ProjectDoc, SubtaskItem, TodoTaskDoc
from subgraphs.goals.schema.base import Info, patch, require_viewer_id, services
from subgraphs.goals.service.tasks import (
    ProjectPatch,
    SubtaskInput,
    TaskFilter,
    TodoTaskInput,
    TodoTaskPatch,
)

strawberry.enum(TaskPriority, description="How urgent a task is.")
strawberry.enum(
    TaskView,
    description=(
        "ALL: every task, newest first. INBOX: tasks in no project. TODAY / UPCOMING / "
        "OVERDUE: open tasks due on, after or before the viewer's local today, soonest first."
    ),
)


@strawberry.type(name="Project", description="A list of tasks (tasks in none are in the inbox).")
class ProjectType:
    id: strawberry.ID = strawberry.field(description="The project's id.")
    name: str = strawberry.field(description="Its name.")
    color: str | None = strawberry.field(description="`#rrggbb`, if chosen.")
    archived: bool = strawberry.field(description="Archived projects take no new tasks.")
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @staticmethod
    def of(doc: ProjectDoc) -> ProjectType:
        return ProjectType(
            id=strawberry.ID(str(doc.id)),
            name=doc.name,
            color=doc.color,
            archived=doc.archived,
            created_at=doc.created_at,
            updated_at=doc.updated_at,
        )


@strawberry.type(name="Subtask", description="A checklist item of a task.")
class SubtaskType:
    id: strawberry.ID = strawberry.field(description="Its id (unique within the task).")
    title: str = strawberry.field(description="What to do.")
    done: bool = strawberry.field(description="Whether it is ticked off.")

    @staticmethod
    def of(item: SubtaskItem) -> SubtaskType:
        return SubtaskType(id=strawberry.ID(item.id), title=item.title, done=item.done)


@strawberry.type(
    name="TodoTask",
    description="A task of the viewer's own lists; linked to a goal, it counts toward it.",
)
class TodoTaskType:
    id: strawberry.ID = strawberry.field(description="The task's id.")
    title: str = strawberry.field(description="What to do.")
    notes: str = strawberry.field(description="Markdown notes; may be empty.")
    priority: TaskPriority = strawberry.field(description="How urgent it is.")
    project_id: strawberry.ID | None = strawberry.field(
        description="Its project; null for the inbox."
    )
    goal_id: strawberry.ID | None = strawberry.field(
        description="The goal it counts toward, if any."
    )
    tags: list[str] = strawberry.field(description="Normalised tags (lower case, no '#').")
    subtasks: list[SubtaskType] = strawberry.field(description="Its checklist, in order.")
    due_date: date | None = strawberry.field(
        description="The local day it is due (the day of `dueAt` in the viewer's zone)."
    )
    due_at: datetime | None = strawberry.field(description="The exact time it is due, if any.")
    completed: bool = strawberry.field(description="Whether it is done.")
    completed_at: datetime | None = strawberry.field(description="When it was completed.")
    activity_id: strawberry.ID | None = strawberry.field(
        description="The calendar activity time-blocking it (`scheduleTodoTask`), if any."
    )
    recurrence: str | None = strawberry.field(
        description="RRULE (RFC 5545) it repeats by; completing moves it to the next occurrence."
    )
    created_at: datetime = strawberry.field(description="When it was created.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @staticmethod
    def of(doc: TodoTaskDoc) -> TodoTaskType:
        return TodoTaskType(
            id=strawberry.ID(str(doc.id)),
            title=doc.title,
            notes=doc.notes,
            priority=doc.priority,
            project_id=strawberry.ID(doc.project_id) if doc.project_id else None,
            goal_id=strawberry.ID(doc.goal_id) if doc.goal_id else None,
            tags=list(doc.tags),
            subtasks=[SubtaskType.of(s) for s in doc.subtasks],
            due_date=date.fromisoformat(doc.due_day) if doc.due_day else None,
            due_at=doc.due_at,
            completed=doc.completed,
            completed_at=doc.completed_at,
            activity_id=strawberry.ID(doc.activity_id) if doc.activity_id else None,
            recurrence=doc.recurrence,
            created_at=doc.created_at,
            updated_at=doc.updated_at,
        )


@strawberry.input(description="Which of the viewer's tasks to list; the fields combine.")
class TaskFilterInput:
    view: TaskView = strawberry.field(default=TaskView.ALL, description="The slice to show.")
    project_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this project's tasks."
    )
    tag: str | None = strawberry.field(default=None, description="Only tasks with this tag.")
    completed: bool | None = strawberry.field(
        default=None,
        description="Done or open only; day views show open tasks unless this is true.",
    )


@strawberry.input(description="A new project.")
class CreateProjectInput:
    name: str = strawberry.field(description="Its name (at most 100 characters).")
    color: str | None = strawberry.field(default=None, description="`#rrggbb`.")


@strawberry.input(description="Changes to a project; omitted fields stay as they are.")
class UpdateProjectInput:
    id: strawberry.ID = strawberry.field(description="The project.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    color: str | None = strawberry.field(
        default=strawberry.UNSET, description="New colour; null clears it."
    )
    archived: bool | None = strawberry.field(
        default=strawberry.UNSET, description="Archive or restore it."
    )


@strawberry.input(description="A checklist item; the whole list is given at once.")
class SubtaskInputType:
    title: str = strawberry.field(description="What to do.")
    done: bool = strawberry.field(default=False, description="Whether it is ticked off.")
    id: strawberry.ID | None = strawberry.field(
        default=None, description="An existing subtask's id, to keep it; omit for a new one."
    )


@strawberry.input(description="A new standalone task.")
class CreateTodoTaskInput:
    title: str = strawberry.field(description="What to do (at most 200 characters).")
    notes: str = strawberry.field(default="", description="Markdown (at most 10,000 characters).")
    priority: TaskPriority = strawberry.field(default=TaskPriority.NONE, description="Urgency.")
    project_id: strawberry.ID | None = strawberry.field(
        default=None, description="Its project; omit for the inbox."
    )
    goal_id: strawberry.ID | None = strawberry.field(
        default=None, description="One of the viewer's goals it counts toward."
    )
    tags: list[str] = strawberry.field(
        default_factory=list, description="At most 20 tags of at most 40 characters."
    )
    subtasks: list[SubtaskInputType] = strawberry.field(
        metadata=list_cap(limits.SUBTASKS_PER_TASK),
        default_factory=list,
        description="Its checklist (at most 100 items).",
    )
    due_date: date | None = strawberry.field(default=None, description="The day it is due.")
    due_at: datetime | None = strawberry.field(
        default=None, description="The time it is due (with an offset); not with `dueDate`."
    )
    recurrence: str | None = strawberry.field(
        default=None,
        description="RRULE to repeat by (the calendar's rules), from the due date; needs one.",
    )


@strawberry.input(description="Changes to a task; omitted fields stay as they are.")
class UpdateTodoTaskInput:
    id: strawberry.ID = strawberry.field(description="The task.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="New title.")
    notes: str | None = strawberry.field(default=strawberry.UNSET, description="New notes.")
    priority: TaskPriority | None = strawberry.field(
        default=strawberry.UNSET, description="New priority."
    )
    goal_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="Link to this goal; null unlinks."
    )
    tags: list[str] | None = strawberry.field(
        default=strawberry.UNSET, description="The new tags (replace the old ones)."
    )
    subtasks: list[SubtaskInputType] | None = strawberry.field(
        metadata=list_cap(limits.SUBTASKS_PER_TASK),
        default=strawberry.UNSET,
        description="The new checklist (replaces the old one).",
    )
    due_date: date | None = strawberry.field(
        default=strawberry.UNSET, description="New due day; null clears the due date."
    )
    due_at: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="New due time; null clears it."
    )
    recurrence: str | None = strawberry.field(
        default=strawberry.UNSET, description="New RRULE; null stops the repetition."
    )


@strawberry.input(description="Identifies a standalone task.")
class TodoTaskIdInput:
    id: strawberry.ID = strawberry.field(description="The task.")


@strawberry.input(description="Moves a task to a project or to the inbox.")
class MoveTodoTaskInput:
    id: strawberry.ID = strawberry.field(description="The task.")
    project_id: strawberry.ID | None = strawberry.field(
        default=None, description="The target project; null for the inbox."
    )


@strawberry.input(description="Blocks time for a task on the calendar.")
class ScheduleTodoTaskInput:
    task_id: strawberry.ID = strawberry.field(description="The task.")
    start: datetime = strawberry.field(description="When the block starts (with an offset).")
    duration_minutes: int = strawberry.field(description="How long it lasts: 5 to 1,440 minutes.")


@strawberry.input(description="Identifies a project.")
class ProjectIdInput:
    id: strawberry.ID = strawberry.field(description="The project.")


@strawberry.type(description="What `deleteProject` moved to the trash.")
class DeleteProjectPayload:
    deleted_id: strawberry.ID = strawberry.field(description="The project's id.")
    deleted_task_ids: list[strawberry.ID] = strawberry.field(
        description="Its tasks, which went with it."
    )


@strawberry.type(description="What `deleteTodoTask` removed.")
class DeleteTodoTaskPayload:
    deleted_id: strawberry.ID = strawberry.field(description="The removed task's id.")


def _subtasks(items: list[SubtaskInputType]) -> list[SubtaskInput]:
    return [SubtaskInput(s.title, s.done, str(s.id) if s.id else None) for s in items]


def _id(value: strawberry.ID | None) -> str | None:
    return str(value) if value is not None else None


@strawberry.type
class TaskQueries:
    @strawberry.field(description="The viewer's projects, newest first.")
    async def projects(
        self,
        info: Info,
        include_archived: bool = False,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[ProjectType]:
        me = await require_viewer_id(info)
        page = await services(info).projects.list_for(
            me, PageRequest(first, after), include_archived=include_archived
        )
        return connection_from_page(page, ProjectType.of)

    @strawberry.field(description="One of the viewer's projects; NOT_FOUND otherwise.")
    async def project(self, info: Info, id: strawberry.ID) -> ProjectType:
        me = await require_viewer_id(info)
        return ProjectType.of(await services(info).projects.owned(me, str(id)))

    @strawberry.field(description="The viewer's standalone tasks, filtered.")
    async def tasks(
        self,
        info: Info,
        filter: TaskFilterInput | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[TodoTaskType]:
        me = await require_viewer_id(info)
        wanted = filter or TaskFilterInput()
        page = await services(info).todo_tasks.list_for(
            me,
            TaskFilter(
                view=wanted.view,
                project_id=_id(wanted.project_id),
                tag=wanted.tag,
                completed=wanted.completed,
            ),
            PageRequest(first, after),
        )
        return connection_from_page(page, TodoTaskType.of)

    @strawberry.field(description="One of the viewer's standalone tasks; NOT_FOUND otherwise.")
    async def todo_task(self, info: Info, id: strawberry.ID) -> TodoTaskType:
        me = await require_viewer_id(info)
        return TodoTaskType.of(await services(info).todo_tasks.owned(me, str(id)))


@strawberry.type
class TaskMutations:
    @strawberry.mutation(description="Create a project (a list of tasks).")
    async def create_project(self, info: Info, input: CreateProjectInput) -> ProjectType:
        me = await require_viewer_id(info)
        return ProjectType.of(await services(info).projects.create(me, input.name, input.color))

    @strawberry.mutation(description="Rename, recolour, archive or restore a project.")
    async def update_project(self, info: Info, input: UpdateProjectInput) -> ProjectType:
        me = await require_viewer_id(info)
        project = await services(info).projects.update(
            me,
            str(input.id),
            ProjectPatch(
                name=patch(input.name, "name"),
                color=patch(input.color, "color", nullable=True),
                archived=patch(input.archived, "archived"),
            ),
        )
        return ProjectType.of(project)

    @strawberry.mutation(
        description=(
            "Move a project with all its tasks to the trash (`restoreFromTrash` for 30 days); "
            "`updateProject(archived: true)` keeps it instead."
        )
    )
    async def delete_project(self, info: Info, input: ProjectIdInput) -> DeleteProjectPayload:
        me = await require_viewer_id(info)
        task_ids = await services(info).todo_tasks.delete_project(me, str(input.id))
        return DeleteProjectPayload(
            deleted_id=input.id, deleted_task_ids=[strawberry.ID(i) for i in task_ids]
        )

    @strawberry.mutation(description="Create a task in the inbox or a project.")
    async def create_todo_task(self, info: Info, input: CreateTodoTaskInput) -> TodoTaskType:
        me = await require_viewer_id(info)
        task = await services(info).todo_tasks.create(
            me,
            TodoTaskInput(
                title=input.title,
                notes=input.notes,
                priority=input.priority,
                project_id=_id(input.project_id),
                goal_id=_id(input.goal_id),
                tags=list(input.tags),
                subtasks=_subtasks(input.subtasks),
                due_date=input.due_date,
                due_at=input.due_at,
                recurrence=input.recurrence,
            ),
        )
        return TodoTaskType.of(task)

    @strawberry.mutation(description="Change a task's fields (not its project: `moveTodoTask`).")
    async def update_todo_task(self, info: Info, input: UpdateTodoTaskInput) -> TodoTaskType:
        me = await require_viewer_id(info)
        goal = patch(input.goal_id, "goalId", nullable=True)
        subtasks = patch(input.subtasks, "subtasks")
        task = await services(info).todo_tasks.update(
            me,
            str(input.id),
            TodoTaskPatch(
                title=patch(input.title, "title"),
                notes=patch(input.notes, "notes"),
                priority=patch(input.priority, "priority"),
                goal_id=str(goal) if isinstance(goal, str) else goal,
                tags=patch(input.tags, "tags"),
                subtasks=_subtasks(subtasks) if isinstance(subtasks, list) else subtasks,
                due_date=patch(input.due_date, "dueDate", nullable=True),
                due_at=patch(input.due_at, "dueAt", nullable=True),
                recurrence=patch(input.recurrence, "recurrence", nullable=True),
            ),
        )
        return TodoTaskType.of(task)

    @strawberry.mutation(description="Tick a task off (publishes `goals.task.completed`).")
    async def complete_todo_task(self, info: Info, input: TodoTaskIdInput) -> TodoTaskType:
        me = await require_viewer_id(info)
        task = await services(info).todo_tasks.set_completed(me, str(input.id), True)
        return TodoTaskType.of(task)

    @strawberry.mutation(description="Reopen a task (publishes `goals.task.uncompleted`).")
    async def uncomplete_todo_task(self, info: Info, input: TodoTaskIdInput) -> TodoTaskType:
        me = await require_viewer_id(info)
        task = await services(info).todo_tasks.set_completed(me, str(input.id), False)
        return TodoTaskType.of(task)

    @strawberry.mutation(description="Move a task to a project or the inbox (`goals.task.moved`).")
    async def move_todo_task(self, info: Info, input: MoveTodoTaskInput) -> TodoTaskType:
        me = await require_viewer_id(info)
        task = await services(info).todo_tasks.move(me, str(input.id), _id(input.project_id))
        return TodoTaskType.of(task)

    @strawberry.mutation(
        description=(
            "Move a task (with its time block) to the trash (`restoreFromTrash` for 30 days)."
        )
    )
    async def delete_todo_task(self, info: Info, input: TodoTaskIdInput) -> DeleteTodoTaskPayload:
        me = await require_viewer_id(info)
        deleted = await services(info).todo_tasks.delete(me, str(input.id))
        return DeleteTodoTaskPayload(deleted_id=strawberry.ID(deleted))

    @strawberry.mutation(
        description=(
            "Block time for a task: it shows as an occurrence in `calendar` and the .ics feed. "
            "Scheduling again moves the block."
        )
    )
    async def schedule_todo_task(self, info: Info, input: ScheduleTodoTaskInput) -> TodoTaskType:
        me = await require_viewer_id(info)
        task = await services(info).todo_tasks.schedule(
            me, str(input.task_id), input.start, input.duration_minutes
        )
        return TodoTaskType.of(task)

    @strawberry.mutation(description="Remove a task's time block from the calendar.")
    async def unschedule_todo_task(self, info: Info, input: TodoTaskIdInput) -> TodoTaskType:
        me = await require_viewer_id(info)
        return TodoTaskType.of(await services(info).todo_tasks.unschedule(me, str(input.id)))
