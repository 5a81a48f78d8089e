"""Projects and standalone tasks: the inbox, lists, day views, and links to goals.

A task linked to a goal counts toward it exactly as the goal's own tasks do:
every change that can move the goal's progress runs `GoalService.linked_tasks_changed`
in the same transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bson import ObjectId

from common import validation
from common.errors import BadUserInput, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import TaskCompleted, TaskMoved, TodoTaskChanged
from common.repository import Page, PageRequest, parse_object_id
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import ReminderTarget, TaskPriority, TaskView, TrashKind
from subgraphs.goals.domain.recurrence import next_start_after, normalise_rule, parse_rule
from subgraphs.goals.domain.tasks import color, normalise_tags, series_anchor
from subgraphs.goals.domain.timezones import local_day, zone
from subgraphs.goals.models import (
    ActivityDoc,
    ProjectDoc,
    ReminderDoc,
    SubtaskItem,
    TodoTaskDoc,
    TrashDoc,
    TrashedDocument,
)
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.reminders import of_targets
from subgraphs.goals.repository.tasks import ProjectRepository, TodoTaskRepository, task_query
from subgraphs.goals.repository.trash import RawDoc, collection_name
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import UNSET, Deps, Entity, _Unset, require_text
from subgraphs.goals.service.calendar import ActivityInput, ActivityPatch, CalendarService
from subgraphs.goals.service.goals import GoalService
from subgraphs.goals.service.trashbin import TrashBin


@dataclass(frozen=True)
class ProjectPatch:
    name: str | _Unset = UNSET
    color: str | _Unset | None = UNSET
    archived: bool | _Unset = UNSET


class ProjectService:
    def __init__(self, deps: Deps, projects: ProjectRepository, tasks: TodoTaskRepository) -> None:
        self._deps = deps
        self._projects = projects
        self._tasks = tasks

    async def owned(
        self, owner_id: str, project_id: str, *, field: str = "id", session: Session = None
    ) -> ProjectDoc:
        project = await self._projects.get(project_id, session=session)
        if project is None or project.owner_id != owner_id:
            # Another user's project answers as a missing one: ids do not leak.
            raise NotFound("Project not found.", field=field)
        return project

    async def list_for(
        self, owner_id: str, request: PageRequest, *, include_archived: bool
    ) -> Page[ProjectDoc]:
        return await self._projects.page_for_owner(
            owner_id, request, include_archived=include_archived
        )

    async def create(self, owner_id: str, name: str, colour: str | None) -> ProjectDoc:
        now = self._deps.clock()
        project = ProjectDoc(
            owner_id=owner_id,
            name=require_text(name, field="name", max_length=limits.PROJECT_NAME_CHARS),
            color=color(colour),
            created_at=now,
            updated_at=now,
        )
        return await self._projects.insert(project)

    async def update(self, owner_id: str, project_id: str, patch: ProjectPatch) -> ProjectDoc:
        project = await self.owned(owner_id, project_id)
        if not isinstance(patch.name, _Unset):
            project.name = require_text(
                patch.name, field="name", max_length=limits.PROJECT_NAME_CHARS
            )
        if not isinstance(patch.color, _Unset):
            project.color = color(patch.color)
        if not isinstance(patch.archived, _Unset):
            project.archived = patch.archived
        project.updated_at = self._deps.clock()
        return await self._projects.save(project)

    async def remove(self, project: ProjectDoc, *, session: Session) -> None:
        await self._projects.delete(project, session=session)


@dataclass(frozen=True)
class SubtaskInput:
    title: str
    done: bool = False
    # An existing subtask's id keeps it; without one it is new.
    id: str | None = None


@dataclass(frozen=True)
class TodoTaskInput:
    title: str
    notes: str = ""
    priority: TaskPriority = TaskPriority.NONE
    project_id: str | None = None
    goal_id: str | None = None
    tags: list[str] = field(default_factory=list)
    subtasks: list[SubtaskInput] = field(default_factory=list)
    due_date: date | None = None
    due_at: datetime | None = None
    recurrence: str | None = None


@dataclass(frozen=True)
class TodoTaskPatch:
    title: str | _Unset = UNSET
    notes: str | _Unset = UNSET
    priority: TaskPriority | _Unset = UNSET
    goal_id: str | _Unset | None = UNSET
    tags: list[str] | _Unset = UNSET
    subtasks: list[SubtaskInput] | _Unset = UNSET
    due_date: date | _Unset | None = UNSET
    due_at: datetime | _Unset | None = UNSET
    recurrence: str | _Unset | None = UNSET


@dataclass(frozen=True)
class TaskFilter:
    view: TaskView = TaskView.ALL
    project_id: str | None = None
    tag: str | None = None
    completed: bool | None = None


def _subtasks(raw: Sequence[SubtaskInput], current: Sequence[SubtaskItem]) -> list[SubtaskItem]:
    validation.items(raw, field="subtasks", max_items=limits.SUBTASKS_PER_TASK)
    known = {s.id for s in current}
    return [
        SubtaskItem(
            id=s.id if s.id in known and s.id is not None else str(ObjectId()),
            title=require_text(s.title, field=f"subtasks.{i}.title"),
            done=s.done,
        )
        for i, s in enumerate(raw)
    ]


def _notes(value: str) -> str:
    return validation.text(value, field="notes", max_chars=limits.TASK_NOTES_CHARS)


class TodoTaskService:
    def __init__(
        self,
        deps: Deps,
        tasks: TodoTaskRepository,
        projects: ProjectService,
        goals: GoalService,
        access: Access,
        calendar: CalendarService,
        trash: TrashBin,
    ) -> None:
        self._deps = deps
        self._trash = trash
        self._tasks = tasks
        self._projects = projects
        self._goals = goals
        self._access = access
        self._calendar = calendar

    # reads ---------------------------------------------------------------------

    async def owned(
        self, owner_id: str, task_id: str, *, field: str = "id", session: Session = None
    ) -> TodoTaskDoc:
        task = await self._tasks.get(task_id, session=session)
        if task is None or task.owner_id != owner_id:
            raise NotFound("Task not found.", field=field)
        return task

    async def list_for(
        self, owner_id: str, wanted: TaskFilter, request: PageRequest
    ) -> Page[TodoTaskDoc]:
        if wanted.project_id is not None:
            await self._projects.owned(owner_id, wanted.project_id, field="projectId")
        today = local_day(self._deps.clock(), await self._access.timezone(owner_id))
        tag = None
        if wanted.tag is not None:
            tags = normalise_tags([wanted.tag], field="tag")
            if not tags:
                raise BadUserInput("`tag` must not be empty.", field="tag")
            tag = tags[0]
        query = task_query(
            owner_id,
            view=wanted.view,
            today=today,
            project_id=wanted.project_id,
            tag=tag,
            completed=wanted.completed,
        )
        return await self._tasks.list_page(query, request)

    # writes --------------------------------------------------------------------
    # Validation comes before the first write; writes that may move a goal's progress
    # or publish events are one transaction.

    async def create(self, owner_id: str, data: TodoTaskInput) -> TodoTaskDoc:
        async def work(tx: OutboxTransaction) -> TodoTaskDoc:
            now = self._deps.clock()
            task = TodoTaskDoc(
                owner_id=owner_id,
                title=require_text(data.title, field="title"),
                notes=_notes(data.notes),
                priority=data.priority,
                tags=normalise_tags(data.tags),
                subtasks=_subtasks(data.subtasks, []),
                created_at=now,
                updated_at=now,
            )
            await self._set_due(task, data.due_date, data.due_at)
            await self._set_recurrence(task, data.recurrence)
            if data.project_id is not None:
                task.project_id = await self._project_for(owner_id, data.project_id, tx.session)
            if data.goal_id is not None:
                task.goal_id = await self._goal_for(owner_id, data.goal_id, tx.session)
            await self._tasks.insert(task, session=tx.session)
            await self._deps.publish(tx, task_changed(task))
            await self._goals.linked_tasks_changed(tx, owner_id, [task.goal_id])
            return task

        return await self._deps.atomically(work)

    async def update(self, owner_id: str, task_id: str, patch: TodoTaskPatch) -> TodoTaskDoc:
        async def work(tx: OutboxTransaction) -> TodoTaskDoc:
            task = await self.owned(owner_id, task_id, session=tx.session)
            old_goal = task.goal_id
            if not isinstance(patch.title, _Unset):
                task.title = require_text(patch.title, field="title")
            if not isinstance(patch.notes, _Unset):
                task.notes = _notes(patch.notes)
            if not isinstance(patch.priority, _Unset):
                task.priority = patch.priority
            if not isinstance(patch.tags, _Unset):
                task.tags = normalise_tags(patch.tags)
            if not isinstance(patch.subtasks, _Unset):
                task.subtasks = _subtasks(patch.subtasks, task.subtasks)
            if not isinstance(patch.due_date, _Unset) or not isinstance(patch.due_at, _Unset):
                day = None if isinstance(patch.due_date, _Unset) else patch.due_date
                at = None if isinstance(patch.due_at, _Unset) else patch.due_at
                await self._set_due(task, day, at)
            if not isinstance(patch.recurrence, _Unset):
                await self._set_recurrence(task, patch.recurrence)
            elif task.recurrence is not None:
                # A new due date re-anchors the series (and must still suit the rule).
                await self._set_recurrence(task, task.recurrence)
            if not isinstance(patch.goal_id, _Unset) and patch.goal_id != old_goal:
                task.goal_id = (
                    await self._goal_for(owner_id, patch.goal_id, tx.session)
                    if patch.goal_id is not None
                    else None
                )
            task.updated_at = self._deps.clock()
            await self._tasks.save(task, session=tx.session)
            await self._deps.publish(tx, task_changed(task))
            if not isinstance(patch.title, _Unset) and await self._blocked_by(task, tx.session):
                # The time block carries the task's title into the calendar and the feed.
                block = ActivityPatch(title=task.title)
                await self._calendar.update(owner_id, str(task.activity_id), block, tx=tx)
            await self._goals.linked_tasks_changed(tx, owner_id, [old_goal, task.goal_id])
            return task

        return await self._deps.atomically(work)

    async def set_completed(
        self,
        owner_id: str,
        task_id: str,
        completed: bool,
        *,
        tx: OutboxTransaction | None = None,
    ) -> TodoTaskDoc:
        """Tick a task off or reopen it (`tx`'s transaction, when given: a coach action's)."""

        async def work(tx: OutboxTransaction) -> TodoTaskDoc:
            task = await self.owned(owner_id, task_id, session=tx.session)
            if task.completed is completed:
                return task
            if completed and task.recurrence is not None:
                advanced = await self._advance(tx, task)
                if advanced is not None:
                    return advanced
            task.completed = completed
            task.completed_at = self._deps.clock() if completed else None
            task.updated_at = self._deps.clock()
            await self._tasks.save(task, session=tx.session)
            verb = "completed" if completed else "uncompleted"
            data = TaskCompleted(
                task_id=task_id,
                owner_id=owner_id,
                goal_id=task.goal_id,
                project_id=task.project_id,
            )
            await self._deps.publish(
                tx, Event.of(f"goals.task.{verb}", user_id=owner_id, data=data)
            )
            await self._deps.publish(tx, task_changed(task))
            await self._goals.linked_tasks_changed(tx, owner_id, [task.goal_id])
            return task

        return await self._deps.atomically(work, tx)

    async def move(self, owner_id: str, task_id: str, project_id: str | None) -> TodoTaskDoc:
        async def work(tx: OutboxTransaction) -> TodoTaskDoc:
            task = await self.owned(owner_id, task_id, session=tx.session)
            target = (
                await self._project_for(owner_id, project_id, tx.session)
                if project_id is not None
                else None
            )
            if target == task.project_id:
                return task
            moved = TaskMoved(
                task_id=task_id,
                owner_id=owner_id,
                from_project_id=task.project_id,
                to_project_id=target,
            )
            task.project_id, task.updated_at = target, self._deps.clock()
            await self._tasks.save(task, session=tx.session)
            await self._deps.publish(tx, Event.of("goals.task.moved", user_id=owner_id, data=moved))
            return task

        return await self._deps.atomically(work)

    async def delete(self, owner_id: str, task_id: str) -> str:
        """The task goes to the trash with its time block (activity and its reminders)."""

        async def work(tx: OutboxTransaction) -> str:
            task = await self.owned(owner_id, task_id, session=tx.session)
            await self._trash.put(
                tx,
                owner_id=owner_id,
                kind=TrashKind.TODO_TASK,
                item_id=task_id,
                title=task.title,
                documents=await self._copies(task, tx.session),
            )
            await self._remove(tx, task)
            await self._goals.linked_tasks_changed(tx, owner_id, [task.goal_id])
            return task_id

        return await self._deps.atomically(work)

    async def delete_project(self, owner_id: str, project_id: str) -> list[str]:
        """The project and all its tasks go to the trash as one item; their goals recompute."""

        async def work(tx: OutboxTransaction) -> list[str]:
            project = await self._projects.owned(owner_id, project_id, session=tx.session)
            tasks = await self._tasks.in_project(project_id, session=tx.session)
            documents = await self._trash.capture(
                ProjectDoc, {"_id": project.id}, session=tx.session
            )
            for task in tasks:
                documents += await self._copies(task, tx.session)
            await self._trash.put(
                tx,
                owner_id=owner_id,
                kind=TrashKind.PROJECT,
                item_id=project_id,
                title=project.name,
                documents=documents,
            )
            for task in tasks:
                await self._remove(tx, task)
            await self._projects.remove(project, session=tx.session)
            await self._goals.linked_tasks_changed(tx, owner_id, [t.goal_id for t in tasks])
            return [str(t.id) for t in tasks]

        return await self._deps.atomically(work)

    async def _copies(self, task: TodoTaskDoc, session: Session) -> list[TrashedDocument]:
        """What deleting the task removes: it, and its time block if that still exists."""
        documents = await self._trash.capture(TodoTaskDoc, {"_id": task.id}, session=session)
        if task.activity_id is not None and await self._blocked_by(task, session):
            block = parse_object_id(task.activity_id)
            documents += await self._trash.capture(ActivityDoc, {"_id": block}, session=session)
            documents += await self._trash.capture(
                ReminderDoc,
                of_targets(ReminderTarget.ACTIVITY, [task.activity_id]),
                session=session,
            )
        return documents

    async def _remove(self, tx: OutboxTransaction, task: TodoTaskDoc) -> None:
        await self._tasks.delete(task, session=tx.session)
        await self._deps.publish(tx, task_changed(task, deleted=True))
        await self._unblock(tx, task)

    async def restore_trashed(self, tx: OutboxTransaction, row: TrashDoc) -> None:
        """A task, or a project with its tasks, back as they were: each task in its project
        and linked to its goal if that still exists (else the inbox, unlinked), with its
        time block; they count toward their goals again."""
        session = tx.session
        contents = self._trash.contents(row)
        raws = contents.get(collection_name(TodoTaskDoc), [])
        for raw in raws:
            await self._check_links(row, raw, session)
        await self._trash.write_back(tx, row, contents)
        for raw in raws:
            task = await self.owned(row.owner_id, str(raw["_id"]), session=session)
            await self._deps.publish(tx, task_changed(task))
        for activity in contents.get(collection_name(ActivityDoc), []):
            await self._deps.changed(tx, row.owner_id, Entity.ACTIVITY, str(activity["_id"]))
        goal_ids = [raw.get("goal_id") for raw in raws]
        await self._goals.linked_tasks_changed(tx, row.owner_id, goal_ids)

    async def _check_links(self, row: TrashDoc, raw: RawDoc, session: Session) -> None:
        restored_with = row.item_id if row.kind is TrashKind.PROJECT else None
        project_id = raw.get("project_id")
        if (
            project_id
            and project_id != restored_with
            and not await self._exists(self._projects.owned, row.owner_id, project_id, session)
        ):
            raw["project_id"] = None
        if raw.get("goal_id") and not await self._exists(
            self._goals.owned, row.owner_id, raw["goal_id"], session
        ):
            raw["goal_id"] = None

    @staticmethod
    async def _exists(
        owned: Callable[..., Awaitable[object]], owner_id: str, object_id: str, session: Session
    ) -> bool:
        try:
            await owned(owner_id, object_id, session=session)
        except NotFound:
            return False
        return True

    # recurrence ------------------------------------------------------------------

    async def _set_recurrence(self, task: TodoTaskDoc, text: str | None) -> None:
        """The calendar's rule checks (`domain/rrule.py`), off the loop as for activities."""
        if text is None or not text.strip():
            task.recurrence = task.series_start = task.timezone = None
            return
        if task.due_day is None:
            raise BadUserInput("A recurring task needs `dueDate` or `dueAt`.", field="recurrence")
        tz = await self._access.timezone(task.owner_id)
        start = series_anchor(date.fromisoformat(task.due_day), task.due_at, tz)
        rule = normalise_rule(text)
        await asyncio.to_thread(parse_rule, rule, start, tz)
        task.recurrence, task.series_start, task.timezone = rule, start, tz.key

    async def _advance(self, tx: OutboxTransaction, task: TodoTaskDoc) -> TodoTaskDoc | None:
        """Complete this occurrence: the task stays open, due at the next one (None: it was
        the last, and the task completes as any other)."""
        if not (task.recurrence and task.series_start and task.timezone and task.due_day):
            return None
        tz = zone(task.timezone)
        current = series_anchor(date.fromisoformat(task.due_day), task.due_at, tz)
        found = await asyncio.to_thread(
            next_start_after,
            start=task.series_start,
            tz=tz,
            rule=task.recurrence,
            exceptions=(),
            after=current,
        )
        if found is None:
            return None
        occurrence = date.fromisoformat(task.due_day)
        _, following = found
        task.due_day = local_day(following, tz).isoformat()
        if task.due_at is not None:
            task.due_at = following
        task.updated_at = self._deps.clock()
        await self._tasks.save(task, session=tx.session)
        data = TaskCompleted(
            task_id=str(task.id),
            owner_id=task.owner_id,
            goal_id=task.goal_id,
            project_id=task.project_id,
            occurrence=occurrence,
        )
        await self._deps.publish(
            tx, Event.of("goals.task.completed", user_id=task.owner_id, data=data)
        )
        await self._deps.publish(tx, task_changed(task))
        return task

    # time-blocking ---------------------------------------------------------------
    # A scheduled task is one calendar activity (`task_id` set), so the `calendar`
    # query, the .ics feed and activity reminders show it with no code of their own.

    async def schedule(
        self, owner_id: str, task_id: str, start: datetime, duration_minutes: int
    ) -> TodoTaskDoc:
        if not limits.BLOCK_MINUTES_MIN <= duration_minutes <= limits.BLOCK_MINUTES_MAX:
            raise BadUserInput(
                f"A time block lasts {limits.BLOCK_MINUTES_MIN} to "
                f"{limits.BLOCK_MINUTES_MAX} minutes.",
                field="durationMinutes",
            )
        starts_at = validation.instant_in_range(start, field="start")
        ends_at = starts_at + timedelta(minutes=duration_minutes)

        async def work(tx: OutboxTransaction) -> TodoTaskDoc:
            task = await self.owned(owner_id, task_id, field="taskId", session=tx.session)
            if task.activity_id is not None and await self._blocked_by(task, tx.session):
                patch = ActivityPatch(title=task.title, starts_at=starts_at, ends_at=ends_at)
                await self._calendar.update(owner_id, task.activity_id, patch, tx=tx)
                return task
            block = ActivityInput(
                title=task.title,
                starts_at=starts_at,
                ends_at=ends_at,
                goal_id=task.goal_id,
                task_id=task_id,
            )
            activity = await self._calendar.create(owner_id, block, tx=tx)
            task.activity_id, task.updated_at = str(activity.id), self._deps.clock()
            await self._tasks.save(task, session=tx.session)
            await self._deps.changed(tx, owner_id, Entity.TASK, task_id)
            return task

        return await self._deps.atomically(work)

    async def unschedule(self, owner_id: str, task_id: str) -> TodoTaskDoc:
        async def work(tx: OutboxTransaction) -> TodoTaskDoc:
            task = await self.owned(owner_id, task_id, session=tx.session)
            if task.activity_id is None:
                return task
            await self._unblock(tx, task)
            task.activity_id, task.updated_at = None, self._deps.clock()
            await self._tasks.save(task, session=tx.session)
            await self._deps.changed(tx, owner_id, Entity.TASK, task_id)
            return task

        return await self._deps.atomically(work)

    async def _blocked_by(self, task: TodoTaskDoc, session: Session) -> bool:
        """Whether the task's activity still exists (the user may have deleted it directly)."""
        if task.activity_id is None:
            return False
        try:
            await self._calendar.owned(task.owner_id, task.activity_id, session=session)
        except NotFound:
            return False
        return True

    async def _unblock(self, tx: OutboxTransaction, task: TodoTaskDoc) -> None:
        if task.activity_id is not None and await self._blocked_by(task, tx.session):
            await self._calendar.delete(task.owner_id, task.activity_id, tx=tx)

    # helpers -------------------------------------------------------------------

    async def _set_due(self, task: TodoTaskDoc, day: date | None, at: datetime | None) -> None:
        if day is not None and at is not None:
            raise BadUserInput("Give `dueDate` or `dueAt`, not both.", field="dueAt")
        task.due_at = validation.instant_in_range(at, field="dueAt") if at else None
        if task.due_at is not None:
            zone = await self._access.timezone(task.owner_id)
            task.due_day = local_day(task.due_at, zone).isoformat()
        elif day is not None:
            task.due_day = validation.day_in_range(day, field="dueDate").isoformat()
        else:
            task.due_day = None

    async def _project_for(self, owner_id: str, project_id: str, session: Session) -> str:
        project = await self._projects.owned(
            owner_id, project_id, field="projectId", session=session
        )
        if project.archived:
            raise BadUserInput("The project is archived.", field="projectId")
        return project_id

    async def _goal_for(self, owner_id: str, goal_id: str, session: Session) -> str:
        await self._goals.owned(owner_id, goal_id, field="goalId", session=session)
        if await self._tasks.count_for_goal(goal_id, session=session) >= (
            limits.LINKED_TASKS_PER_GOAL
        ):
            raise BadUserInput(
                f"A goal counts at most {limits.LINKED_TASKS_PER_GOAL} linked tasks.",
                field="goalId",
            )
        return goal_id


def task_changed(task: TodoTaskDoc, *, deleted: bool = False) -> Event:
    return Event.of(
        "goals.todo_task.changed",
        user_id=task.owner_id,
        data=TodoTaskChanged(
            task_id=str(task.id),
            owner_id=task.owner_id,
            title=task.title,
            completed=task.completed,
            due_day=date.fromisoformat(task.due_day) if task.due_day else None,
            deleted=deleted,
        ),
    )
