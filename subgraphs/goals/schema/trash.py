"""The viewer's trash: what deleting moved there, restoring it, deleting it for good."""

from __future__ import annotations

from datetime import datetime

import strawberry

from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.goals.domain.enums import TrashKind
from subgraphs.goals.models import TrashDoc
from subgraphs.goals.schema.base import Info, require_viewer_id, services
from subgraphs.goals.schema.goals import GoalType
from subgraphs.goals.schema.habits import HabitType
from subgraphs.goals.schema.journal import JournalEntryType
from subgraphs.goals.schema.tasks import ProjectType, TodoTaskType

strawberry.enum(
    TrashKind,
    description="What a trash item is: a goal (with its sub-goals), a project (with its "
    "tasks), a task, a habit or a journal entry.",
)


@strawberry.type(
    name="TrashItem",
    description="Something the viewer deleted, restorable until `purgeAt`; then gone for good.",
)
class TrashItemType:
    kind: TrashKind = strawberry.field(description="What it is.")
    id: strawberry.ID = strawberry.field(
        description="The deleted object's own id (a goal's, a task's ...): what "
        "`restoreFromTrash` and `deleteFromTrashForever` take."
    )
    title: str = strawberry.field(
        description="Its title when deleted (a journal entry's: its day)."
    )
    deleted_at: datetime = strawberry.field(description="When it was deleted.")
    purge_at: datetime = strawberry.field(
        description="When it is deleted for good (30 days after `deletedAt`)."
    )

    @staticmethod
    def of(row: TrashDoc) -> TrashItemType:
        return TrashItemType(
            kind=row.kind,
            id=strawberry.ID(row.item_id),
            title=row.title,
            deleted_at=row.deleted_at,
            purge_at=row.purge_at,
        )


@strawberry.input(description="Identifies an item in the viewer's trash.")
class TrashItemIdInput:
    id: strawberry.ID = strawberry.field(description="The deleted object's id (`TrashItem.id`).")


@strawberry.type(
    description="What `restoreFromTrash` brought back: the item, and the object under its kind."
)
class RestoreFromTrashPayload:
    item: TrashItemType = strawberry.field(description="The trash item, as it was listed.")
    goal: GoalType | None = strawberry.field(
        description="The restored goal (with its sub-goals and tasks) when `kind` is GOAL."
    )
    project: ProjectType | None = strawberry.field(
        description="The restored project (its tasks are back in it) when `kind` is PROJECT."
    )
    todo_task: TodoTaskType | None = strawberry.field(
        description="The restored task when `kind` is TODO_TASK."
    )
    habit: HabitType | None = strawberry.field(
        description="The restored habit, check-ins and streaks included, when `kind` is HABIT."
    )
    journal_entry: JournalEntryType | None = strawberry.field(
        description="The restored journal entry when `kind` is JOURNAL_ENTRY."
    )


@strawberry.type(description="What `deleteFromTrashForever` removed for good.")
class DeleteFromTrashForeverPayload:
    deleted_id: strawberry.ID = strawberry.field(description="The deleted object's id.")


@strawberry.type(description="What `emptyTrash` removed for good.")
class EmptyTrashPayload:
    deleted_count: int = strawberry.field(description="How many trash items went.")


async def _restored(info: Info, me: str, row: TrashDoc) -> RestoreFromTrashPayload:
    found = RestoreFromTrashPayload(
        item=TrashItemType.of(row),
        goal=None,
        project=None,
        todo_task=None,
        habit=None,
        journal_entry=None,
    )
    goals = services(info)
    match row.kind:
        case TrashKind.GOAL:
            found.goal = GoalType.of(await goals.goals.owned(me, row.item_id))
        case TrashKind.PROJECT:
            found.project = ProjectType.of(await goals.projects.owned(me, row.item_id))
        case TrashKind.TODO_TASK:
            found.todo_task = TodoTaskType.of(await goals.todo_tasks.owned(me, row.item_id))
        case TrashKind.HABIT:
            habit = await goals.habits.owned(me, row.item_id)
            found.habit = HabitType.of((await goals.habits.states([habit]))[row.item_id])
        case TrashKind.JOURNAL_ENTRY:
            found.journal_entry = JournalEntryType.of(
                await goals.journal.owned_entry(me, row.item_id)
            )
    return found


@strawberry.type
class TrashQueries:
    @strawberry.field(
        description="The viewer's trash, most recently deleted first; expired items never show."
    )
    async def trash(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[TrashItemType]:
        me = await require_viewer_id(info)
        page = await services(info).trash.page(me, PageRequest(first, after))
        return connection_from_page(page, TrashItemType.of)


@strawberry.type
class TrashMutations:
    @strawberry.mutation(
        description=(
            "Put a trash item back as it was (a goal with its sub-goals, tasks, reminders and "
            "links; a project with its tasks; a habit with its check-ins). NOT_FOUND when it "
            "is not in the viewer's trash; CONFLICT when it cannot go back: it went with a "
            "parent goal's sub-tree (restore that), its parent goal is in the trash (restore "
            "that first), it would nest too deep, or its day has a journal entry now."
        )
    )
    async def restore_from_trash(
        self, info: Info, input: TrashItemIdInput
    ) -> RestoreFromTrashPayload:
        me = await require_viewer_id(info)
        row = await services(info).trash.restore(me, str(input.id))
        return await _restored(info, me, row)

    @strawberry.mutation(description="Delete one trash item for good; it cannot be restored.")
    async def delete_from_trash_forever(
        self, info: Info, input: TrashItemIdInput
    ) -> DeleteFromTrashForeverPayload:
        me = await require_viewer_id(info)
        deleted = await services(info).trash.delete_forever(me, str(input.id))
        return DeleteFromTrashForeverPayload(deleted_id=strawberry.ID(deleted))

    @strawberry.mutation(description="Delete everything in the viewer's trash for good.")
    async def empty_trash(self, info: Info) -> EmptyTrashPayload:
        me = await require_viewer_id(info)
        return EmptyTrashPayload(deleted_count=await services(info).trash.empty(me))
