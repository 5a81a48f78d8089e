"""Goals, sub-goals and tasks: hierarchy rules, progress roll-up, status changes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from bson import ObjectId

from common import validation
from common.errors import BadUserInput, Conflict, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import CoachGoalCreated, CoachGoalRequested, GoalChanged, TaskCompleted
from common.repository import Page, PageRequest
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import (
    MAX_GOAL_DEPTH,
    GoalStatus,
    LifeArea,
    ProgressMode,
    ReminderTarget,
    TrashKind,
    Visibility,
)
from subgraphs.goals.domain.progress import derived_progress
from subgraphs.goals.models import GoalDoc, ReminderDoc, TaskItem, TrashDoc
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.goals import GoalRepository
from subgraphs.goals.repository.projections import ErasedRepository
from subgraphs.goals.repository.reminders import ReminderRepository, of_goals
from subgraphs.goals.repository.tasks import TodoTaskRepository
from subgraphs.goals.repository.trash import collection_name
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import (
    UNSET,
    Deps,
    _Unset,
    description,
    require_text,
)
from subgraphs.goals.service.trashbin import TrashBin

GoalVerb = Literal["created", "updated", "completed", "reopened", "deleted", "restored"]


@dataclass(frozen=True)
class TaskInput:
    title: str
    due_date: date | None = None


@dataclass(frozen=True)
class GoalInput:
    title: str
    area: LifeArea
    description: str = ""
    due_date: date | None = None
    visibility: Visibility = Visibility.PRIVATE
    parent_id: str | None = None
    tasks: list[TaskInput] = field(default_factory=list)


@dataclass(frozen=True)
class GoalPatch:
    title: str | _Unset = UNSET
    description: str | _Unset = UNSET
    area: LifeArea | _Unset = UNSET
    due_date: date | _Unset | None = UNSET
    visibility: Visibility | _Unset = UNSET
    parent_id: str | _Unset | None = UNSET
    progress: int | _Unset = UNSET
    progress_mode: ProgressMode | _Unset = UNSET


@dataclass(frozen=True)
class TaskPatch:
    title: str | _Unset = UNSET
    due_date: date | _Unset | None = UNSET
    done: bool | _Unset = UNSET


def goal_event(verb: GoalVerb, goal: GoalDoc) -> Event:
    return Event.of(
        f"goals.goal.{verb}",
        user_id=goal.owner_id,
        data=GoalChanged(
            goal_id=str(goal.id),
            owner_id=goal.owner_id,
            title=goal.title,
            area=goal.area.value,
            status=goal.status.value,
            progress=goal.progress,
            parent_id=goal.parent_id,
            visibility=goal.visibility.value,
            completed_at=goal.completed_at,
        ),
    )


def depth_of(goal: GoalDoc) -> int:
    return len(goal.ancestor_ids) + 1


class GoalService:
    def __init__(
        self,
        deps: Deps,
        goals: GoalRepository,
        reminders: ReminderRepository,
        erased: ErasedRepository,
        access: Access,
        todo_tasks: TodoTaskRepository,
        trash: TrashBin,
    ) -> None:
        self._deps = deps
        self._trash = trash
        self._goals = goals
        self._todo_tasks = todo_tasks
        self._reminders = reminders
        self._erased = erased
        self._access = access

    # reads -----------------------------------------------------------------

    async def get_readable(self, viewer_id: str | None, goal_id: str) -> GoalDoc:
        goal = await self._goals.get(goal_id)
        if goal is None or not await self._access.readable([goal], viewer_id):
            # Same answer whether it does not exist or is hidden: existence does not leak.
            raise NotFound("Goal not found.", field="id")
        return goal

    async def get_many_readable(self, viewer_id: str | None, ids: list[str]) -> dict[str, GoalDoc]:
        found = await self._goals.get_many(ids)
        readable = await self._access.readable(list(found.values()), viewer_id)
        return {str(g.id): g for g in readable}

    async def owned(
        self, owner_id: str, goal_id: str, *, field: str = "id", session: Session = None
    ) -> GoalDoc:
        goal = await self._goals.get(goal_id, session=session)
        if goal is None or goal.owner_id != owner_id:
            # Only the owner writes; others cannot even learn the goal exists.
            raise NotFound("Goal not found.", field=field)
        return goal

    async def subtree(self, owner_id: str, goal_id: str) -> tuple[GoalDoc, list[GoalDoc]]:
        """An owned goal and everything below it, shallowest first."""
        goal = await self.owned(owner_id, goal_id, field="goalId")
        return goal, await self._goals.descendants(goal_id)

    async def list_for(
        self,
        viewer_id: str | None,
        owner_id: str,
        request: PageRequest,
        *,
        status: GoalStatus | None = None,
        area: LifeArea | None = None,
    ) -> Page[GoalDoc]:
        visibilities = await self._access.visibilities(viewer_id, owner_id)
        return await self._goals.page_for_owner(
            owner_id, request, status=status, area=area, visibilities=visibilities
        )

    async def children_readable(self, viewer_id: str | None, goal: GoalDoc) -> list[GoalDoc]:
        return await self._access.readable(await self._goals.children(str(goal.id)), viewer_id)

    async def ancestors(self, goal: GoalDoc, *, session: Session = None) -> list[GoalDoc]:
        found = await self._goals.get_many(goal.ancestor_ids, session=session)
        return [found[i] for i in goal.ancestor_ids if i in found]

    # goal writes -------------------------------------------------------------
    # Each write is one transaction: the goal, every ancestor whose progress it
    # moves, and the outbox rows of the events; `tx` joins a larger unit of work.

    async def create(
        self,
        owner_id: str,
        data: GoalInput,
        *,
        template_id: str | None = None,
        coach_request_id: str | None = None,
        tx: OutboxTransaction | None = None,
    ) -> GoalDoc:
        async def work(tx: OutboxTransaction) -> GoalDoc:
            title = require_text(data.title, field="title")
            text = description(data.description)
            validation.items(data.tasks, field="tasks", max_items=limits.TASKS_PER_GOAL)
            tasks = [self._new_task(t, field=f"tasks.{i}.title") for i, t in enumerate(data.tasks)]
            parent = await self._parent_for_new(
                owner_id, data.parent_id, extra_depth=1, session=tx.session
            )
            goal = GoalDoc(
                owner_id=owner_id,
                title=title,
                description=text,
                area=data.area,
                due_date=_due(data.due_date, "dueDate"),
                visibility=data.visibility,
                parent_id=str(parent.id) if parent else None,
                ancestor_ids=[*parent.ancestor_ids, str(parent.id)] if parent else [],
                tasks=tasks,
                template_id=template_id,
                coach_request_id=coach_request_id,
                created_at=self._deps.clock(),
                updated_at=self._deps.clock(),
            )
            await self._goals.insert(goal, session=tx.session)
            changed = await self._rollup(goal, include_self=False, session=tx.session)
            await self._deps.publish_all(
                tx, [goal_event("created", goal), *(goal_event("updated", g) for g in changed)]
            )
            return goal

        return await self._deps.atomically(work, tx)

    async def _parent_for_new(
        self, owner_id: str, parent_id: str | None, *, extra_depth: int, session: Session
    ) -> GoalDoc | None:
        if parent_id is None:
            return None
        parent = await self.owned(owner_id, parent_id, field="parentId", session=session)
        if depth_of(parent) + extra_depth > MAX_GOAL_DEPTH:
            raise BadUserInput(
                f"Goals nest at most {MAX_GOAL_DEPTH} levels deep.", field="parentId"
            )
        return parent

    @staticmethod
    def _new_task(data: TaskInput, *, field: str = "title") -> TaskItem:
        return TaskItem(
            id=str(ObjectId()),
            title=require_text(data.title, field=field),
            due_date=_due(data.due_date, field.replace("title", "dueDate")),
        )

    async def update(
        self,
        owner_id: str,
        goal_id: str,
        patch: GoalPatch,
        *,
        tx: OutboxTransaction | None = None,
    ) -> GoalDoc:
        async def work(tx: OutboxTransaction) -> GoalDoc:
            session = tx.session
            goal = await self.owned(owner_id, goal_id, session=session)
            # Validate everything before the first write: bad input changes nothing.
            if not isinstance(patch.title, _Unset):
                goal.title = require_text(patch.title, field="title")
            if not isinstance(patch.progress, _Unset) and not 0 <= patch.progress <= 100:
                raise BadUserInput("Progress must be between 0 and 100.", field="progress")
            move = None
            if not isinstance(patch.parent_id, _Unset) and patch.parent_id != goal.parent_id:
                move = await self._plan_move(goal, patch.parent_id, session=session)
            if not isinstance(patch.description, _Unset):
                goal.description = description(patch.description)
            if not isinstance(patch.area, _Unset):
                goal.area = patch.area
            if not isinstance(patch.due_date, _Unset):
                goal.due_date = _due(patch.due_date, "dueDate")
            if not isinstance(patch.visibility, _Unset):
                goal.visibility = patch.visibility
            if not isinstance(patch.progress_mode, _Unset):
                goal.progress_mode = patch.progress_mode
            if not isinstance(patch.progress, _Unset):
                goal.progress = patch.progress
                goal.progress_mode = ProgressMode.MANUAL
            old_parent = goal.parent_id
            descendants: list[GoalDoc] = []
            if move is not None:
                new_parent, descendants = move
                self._reparent(goal, new_parent, descendants)
            goal.updated_at = self._deps.clock()
            await self._goals.save(goal, session=session)
            for d in descendants:
                await self._goals.set_fields(
                    str(d.id), {"ancestor_ids": d.ancestor_ids}, session=session
                )
            changed = await self._rollup(goal, include_self=True, session=session)
            if move is not None and old_parent is not None:
                old = await self._goals.get(old_parent, session=session)
                if old is not None:
                    changed += await self._rollup(old, include_self=True, session=session)
            fresh = await self._goals.get(goal_id, session=session) or goal
            await self._deps.publish_all(
                tx,
                [
                    goal_event("updated", fresh),
                    *(goal_event("updated", g) for g in changed if str(g.id) != goal_id),
                ],
            )
            return fresh

        return await self._deps.atomically(work, tx)

    async def _plan_move(
        self, goal: GoalDoc, parent_id: str | None, *, session: Session
    ) -> tuple[GoalDoc | None, list[GoalDoc]]:
        descendants = await self._goals.descendants(str(goal.id), session=session)
        if parent_id is None:
            return None, descendants
        parent = await self.owned(goal.owner_id, parent_id, field="parentId", session=session)
        if str(parent.id) == str(goal.id) or str(goal.id) in parent.ancestor_ids:
            raise BadUserInput("A goal cannot be nested under itself.", field="parentId")
        height = 1 + max(
            (len(d.ancestor_ids) - len(goal.ancestor_ids) for d in descendants), default=0
        )
        if depth_of(parent) + height > MAX_GOAL_DEPTH:
            raise BadUserInput(
                f"Goals nest at most {MAX_GOAL_DEPTH} levels deep.", field="parentId"
            )
        return parent, descendants

    @staticmethod
    def _reparent(goal: GoalDoc, parent: GoalDoc | None, descendants: list[GoalDoc]) -> None:
        goal_id = str(goal.id)
        goal.parent_id = str(parent.id) if parent else None
        goal.ancestor_ids = [*parent.ancestor_ids, str(parent.id)] if parent else []
        for d in descendants:
            below = d.ancestor_ids[d.ancestor_ids.index(goal_id) + 1 :]
            d.ancestor_ids = [*goal.ancestor_ids, goal_id, *below]

    async def set_status(self, owner_id: str, goal_id: str, status: GoalStatus) -> GoalDoc:
        async def work(tx: OutboxTransaction) -> GoalDoc:
            session = tx.session
            goal = await self.owned(owner_id, goal_id, session=session)
            if goal.status is status:
                return goal
            was_completed = goal.status is GoalStatus.COMPLETED
            goal.status = status
            now = self._deps.clock()
            verb: GoalVerb = "updated"
            if status is GoalStatus.COMPLETED:
                goal.completed_at, goal.progress, verb = now, 100, "completed"
            elif was_completed:
                goal.completed_at, verb = None, "reopened"
                if goal.progress_mode is ProgressMode.DERIVED:
                    goal.progress = await self._derived(goal, session=session) or 0
            goal.updated_at = now
            await self._goals.save(goal, session=session)
            changed = await self._rollup(goal, include_self=False, session=session)
            await self._deps.publish_all(
                tx, [goal_event(verb, goal), *(goal_event("updated", g) for g in changed)]
            )
            return goal

        return await self._deps.atomically(work)

    async def delete(self, owner_id: str, goal_id: str) -> list[str]:
        """The goal, its sub-goals and their reminders go to the trash, the parent's progress
        is recomputed and the deletions are told: all or nothing."""

        async def work(tx: OutboxTransaction) -> list[str]:
            session = tx.session
            goal = await self.owned(owner_id, goal_id, session=session)
            subtree = [goal, *await self._goals.descendants(goal_id, session=session)]
            ids = [str(g.id) for g in subtree]
            reminders = of_goals(ids)
            documents = [
                *await self._trash.capture(
                    GoalDoc, {"_id": {"$in": [g.id for g in subtree]}}, session=session
                ),
                *await self._trash.capture(ReminderDoc, reminders, session=session),
            ]
            # Linked standalone tasks outlive the goal: they only stop counting toward it,
            # until a restore links them back.
            unlinked = await self._todo_tasks.links_to(ids, session=session)
            await self._trash.put(
                tx,
                owner_id=owner_id,
                kind=TrashKind.GOAL,
                item_id=goal_id,
                title=goal.title,
                documents=documents,
                goal_ids=ids,
                unlinked_tasks=unlinked,
            )
            await self._goals.delete_ids(ids, session=session)
            await self._reminders.delete_for_goals(ids, session=session)
            await self._todo_tasks.unlink_goals(ids, session=session)
            changed: list[GoalDoc] = []
            if goal.parent_id is not None:
                parent = await self._goals.get(goal.parent_id, session=session)
                if parent is not None:
                    changed = await self._rollup(parent, include_self=True, session=session)
            await self._deps.publish_all(
                tx,
                [
                    *(goal_event("deleted", g) for g in subtree),
                    *(goal_event("updated", g) for g in changed),
                ],
            )
            return ids

        return await self._deps.atomically(work)

    async def restore_trashed(self, tx: OutboxTransaction, row: TrashDoc) -> GoalDoc:
        """Put a trashed sub-tree back under its parent (or at the top when the parent is
        gone for good), link its tasks back, recompute progress and tell `restored`."""
        session = tx.session
        contents = self._trash.contents(row)
        goals = contents.get(collection_name(GoalDoc), [])
        root = next(g for g in goals if str(g["_id"]) == row.item_id)
        parent = await self._restored_parent(row.owner_id, root.get("parent_id"), session=session)
        prefix = [*parent.ancestor_ids, str(parent.id)] if parent else []
        kept = len(root.get("ancestor_ids", []))
        for raw in goals:
            raw["ancestor_ids"] = [*prefix, *raw.get("ancestor_ids", [])[kept:]]
        root["parent_id"] = str(parent.id) if parent else None
        if max(len(g["ancestor_ids"]) + 1 for g in goals) > MAX_GOAL_DEPTH:
            raise Conflict(
                f"Under its parent now it would nest deeper than {MAX_GOAL_DEPTH} levels.",
                field="id",
            )
        await self._trash.write_back(tx, row, contents)
        await self._todo_tasks.relink(row.owner_id, row.unlinked_tasks, session=session)
        restored = await self._goals.get_many(row.goal_ids, session=session)
        deepest_first = sorted(restored.values(), key=lambda g: -len(g.ancestor_ids))
        for goal in deepest_first:
            await self._recompute(goal, session=session)
        top = restored[row.item_id]
        changed = await self._rollup(top, include_self=False, session=session)
        shallowest_first = reversed(deepest_first)
        await self._deps.publish_all(
            tx,
            [
                *(goal_event("restored", g) for g in shallowest_first),
                *(goal_event("updated", g) for g in changed),
            ],
        )
        return top

    async def _restored_parent(
        self, owner_id: str, parent_id: str | None, *, session: Session
    ) -> GoalDoc | None:
        if parent_id is None:
            return None
        parent = await self._goals.get(parent_id, session=session)
        if parent is not None and parent.owner_id == owner_id:
            return parent
        if await self._trash.holding_goal(owner_id, parent_id, session=session):
            raise Conflict("Its parent goal is in the trash: restore that first.", field="id")
        return None

    async def _recompute(self, goal: GoalDoc, *, session: Session) -> None:
        """Derived progress from what stands now (linked tasks may have changed meanwhile)."""
        if goal.progress_mode is not ProgressMode.DERIVED or goal.status is GoalStatus.COMPLETED:
            return
        value = await self._derived(goal, session=session)
        if value is not None and value != goal.progress:
            goal.progress = value
            await self._goals.set_fields(str(goal.id), {"progress": value}, session=session)

    # tasks -------------------------------------------------------------------

    async def add_task(self, owner_id: str, goal_id: str, data: TaskInput) -> GoalDoc:
        async def work(tx: OutboxTransaction) -> GoalDoc:
            goal = await self.owned(owner_id, goal_id, field="goalId", session=tx.session)
            if len(goal.tasks) >= limits.TASKS_PER_GOAL:
                raise BadUserInput(
                    f"A goal holds at most {limits.TASKS_PER_GOAL} tasks.", field="goalId"
                )
            goal.tasks.append(self._new_task(data))
            return await self._after_task_change(tx, goal, [])

        return await self._deps.atomically(work)

    async def update_task(
        self, owner_id: str, goal_id: str, task_id: str, patch: TaskPatch
    ) -> GoalDoc:
        async def work(tx: OutboxTransaction) -> GoalDoc:
            goal = await self.owned(owner_id, goal_id, field="goalId", session=tx.session)
            task = next((t for t in goal.tasks if t.id == task_id), None)
            if task is None:
                raise NotFound("Task not found.", field="taskId")
            if not isinstance(patch.title, _Unset):
                task.title = require_text(patch.title, field="title")
            if not isinstance(patch.due_date, _Unset):
                task.due_date = _due(patch.due_date, "dueDate")
            extra: list[Event] = []
            if not isinstance(patch.done, _Unset) and patch.done != task.done:
                task.done = patch.done
                task.done_at = self._deps.clock() if patch.done else None
                # Unticking is told too, so analytics stops counting the task.
                verb = "completed" if patch.done else "uncompleted"
                extra.append(
                    Event.of(
                        f"goals.task.{verb}",
                        user_id=owner_id,
                        data=TaskCompleted(goal_id=goal_id, task_id=task_id, owner_id=owner_id),
                    )
                )
            return await self._after_task_change(tx, goal, extra)

        return await self._deps.atomically(work)

    async def remove_task(self, owner_id: str, goal_id: str, task_id: str) -> GoalDoc:
        async def work(tx: OutboxTransaction) -> GoalDoc:
            goal = await self.owned(owner_id, goal_id, field="goalId", session=tx.session)
            if not any(t.id == task_id for t in goal.tasks):
                raise NotFound("Task not found.", field="taskId")
            goal.tasks = [t for t in goal.tasks if t.id != task_id]
            await self._reminders.delete_for_targets(
                ReminderTarget.TASK, [task_id], session=tx.session
            )
            return await self._after_task_change(tx, goal, [])

        return await self._deps.atomically(work)

    async def _after_task_change(
        self, tx: OutboxTransaction, goal: GoalDoc, extra: list[Event]
    ) -> GoalDoc:
        goal.updated_at = self._deps.clock()
        await self._goals.save(goal, session=tx.session)
        changed = await self._rollup(goal, include_self=True, session=tx.session)
        fresh = next((g for g in changed if g.id == goal.id), goal)
        others = [goal_event("updated", g) for g in changed if g.id != goal.id]
        await self._deps.publish_all(tx, [*extra, goal_event("updated", fresh), *others])
        return fresh

    # roll-up -------------------------------------------------------------------

    async def linked_tasks_changed(
        self, tx: OutboxTransaction, owner_id: str, goal_ids: Iterable[str | None]
    ) -> None:
        """Standalone tasks linked to these goals changed: recompute as for their own tasks."""
        for goal_id in dict.fromkeys(g for g in goal_ids if g is not None):
            goal = await self.owned(owner_id, goal_id, field="goalId", session=tx.session)
            changed = await self._rollup(goal, include_self=True, session=tx.session)
            await self._deps.publish_all(tx, [goal_event("updated", g) for g in changed])

    async def _derived(self, goal: GoalDoc, *, session: Session) -> int | None:
        children = await self._goals.children(str(goal.id), session=session)
        linked = await self._todo_tasks.done_flags_for_goal(str(goal.id), session=session)
        return derived_progress(
            [(c.status, c.progress) for c in children], [*(t.done for t in goal.tasks), *linked]
        )

    async def _rollup(
        self, goal: GoalDoc, *, include_self: bool, session: Session
    ) -> list[GoalDoc]:
        """Recompute derived progress from `goal` up to its root; returns the goals that changed."""
        chain = [goal] if include_self else []
        chain += reversed(await self.ancestors(goal, session=session))
        changed: list[GoalDoc] = []
        for node in chain:
            if node.progress_mode is not ProgressMode.DERIVED:
                continue
            if node.status is GoalStatus.COMPLETED:
                continue
            value = await self._derived(node, session=session)
            if value is None or value == node.progress:
                continue
            node.progress = value
            await self._goals.set_fields(str(node.id), {"progress": value}, session=session)
            changed.append(node)
        return changed

    # coach -----------------------------------------------------------------------

    async def create_for_coach(self, request: CoachGoalRequested, tx: OutboxTransaction) -> None:
        """Inside the consumer's transaction: the goal, its events and the reply commit together.

        Also idempotent by request id, for a request chat published twice under new event ids.
        """
        session = tx.session
        if await self._erased.is_erased(request.user_id, session=session):
            return
        goal = await self._goals.by_coach_request(request.request_id, session=session)
        if goal is None:
            goal = await self.create(
                request.user_id,
                GoalInput(
                    title=request.title, area=LifeArea(request.area), due_date=request.due_date
                ),
                coach_request_id=request.request_id,
                tx=tx,
            )
        if goal.coach_ack_published:
            return
        await self._deps.publish(
            tx,
            Event.of(
                "goals.coach_goal.created",
                user_id=request.user_id,
                data=CoachGoalCreated(
                    request_id=request.request_id,
                    conversation_id=request.conversation_id,
                    user_id=request.user_id,
                    goal_id=str(goal.id),
                    title=goal.title,
                ),
            ),
        )
        await self._goals.set_fields(str(goal.id), {"coach_ack_published": True}, session=session)


def _due(day: date | None, field: str) -> str | None:
    return validation.day_in_range(day, field=field).isoformat() if day else None
