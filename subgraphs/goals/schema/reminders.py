"""Reminder types and mutations."""

from __future__ import annotations

from datetime import datetime

import strawberry

from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.goals.domain.enums import ReminderStatus, ReminderTarget
from subgraphs.goals.models import ReminderDoc
from subgraphs.goals.schema.base import Info, require_viewer_id, services
from subgraphs.goals.service.reminders import ReminderInput


@strawberry.type(name="Reminder", description="A reminder about a goal, task, habit or activity.")
class ReminderType:
    id: strawberry.ID = strawberry.field(description="The reminder's id.")
    target_type: ReminderTarget = strawberry.field(description="What it is about.")
    target_id: strawberry.ID = strawberry.field(description="The goal, task, habit or activity.")
    title: str = strawberry.field(description="The target's title when it was set.")
    at: datetime | None = strawberry.field(description="Absolute time, if set that way.")
    offset_minutes: int | None = strawberry.field(description="Minutes before the occurrence.")
    fire_at: datetime | None = strawberry.field(description="When it fires next (UTC).")
    status: ReminderStatus = strawberry.field(description="Pending or sent.")
    last_fired_at: datetime | None = strawberry.field(description="When it last fired.")

    @staticmethod
    def of(doc: ReminderDoc) -> ReminderType:
        return ReminderType(
            id=strawberry.ID(str(doc.id)),
            target_type=doc.target_type,
            target_id=strawberry.ID(doc.target_id),
            title=doc.title,
            at=doc.at,
            offset_minutes=doc.offset_minutes,
            fire_at=doc.fire_at,
            status=doc.status,
            last_fired_at=doc.last_fired_at,
        )


@strawberry.input(description="A new reminder: give `at` or `offsetMinutes`.")
class CreateReminderInput:
    target_type: ReminderTarget = strawberry.field(description="What it is about.")
    target_id: strawberry.ID = strawberry.field(description="The goal, task, habit or activity.")
    goal_id: strawberry.ID | None = strawberry.field(
        default=None, description="For a task: its goal."
    )
    at: datetime | None = strawberry.field(default=None, description="Absolute time (with offset).")
    offset_minutes: int | None = strawberry.field(
        default=None,
        description="Minutes before the activity's next occurrence or 09:00 local on the due date.",
    )


@strawberry.input(description="Identifies a reminder.")
class ReminderIdInput:
    id: strawberry.ID = strawberry.field(description="The reminder.")


@strawberry.type
class ReminderQueries:
    @strawberry.field(description="The viewer's reminders, newest first.")
    async def reminders(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[ReminderType]:
        me = await require_viewer_id(info)
        page = await services(info).reminders.page(me, PageRequest(first, after))
        return connection_from_page(page, ReminderType.of)


@strawberry.type
class ReminderMutations:
    @strawberry.mutation(description="Set a reminder.")
    async def create_reminder(self, info: Info, input: CreateReminderInput) -> ReminderType:
        me = await require_viewer_id(info)
        reminder = await services(info).reminders.create(
            me,
            ReminderInput(
                target_type=input.target_type,
                target_id=str(input.target_id),
                goal_id=str(input.goal_id) if input.goal_id else None,
                at=input.at,
                offset_minutes=input.offset_minutes,
            ),
        )
        return ReminderType.of(reminder)

    @strawberry.mutation(description="Remove a reminder.")
    async def delete_reminder(self, info: Info, input: ReminderIdInput) -> strawberry.ID:
        me = await require_viewer_id(info)
        await services(info).reminders.cancel(me, str(input.id))
        return input.id
