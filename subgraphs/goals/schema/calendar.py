"""Calendar activities, occurrences and the feed token."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from subgraphs.goals.models import ActivityDoc
from subgraphs.goals.schema.base import Info, patch, require_viewer_id, services
from subgraphs.goals.service.calendar import ActivityInput, ActivityPatch, CalendarEntry


@strawberry.type(name="Activity", description="A calendar activity, possibly recurring.")
class ActivityType:
    id: strawberry.ID = strawberry.field(description="The activity's id.")
    title: str = strawberry.field(description="Short name.")
    description: str = strawberry.field(description="Longer description; may be empty.")
    location: str | None = strawberry.field(description="Where it happens.")
    goal_id: strawberry.ID | None = strawberry.field(description="The goal it serves, if any.")
    task_id: strawberry.ID | None = strawberry.field(
        description="The standalone task it time-blocks (`scheduleTodoTask`), if any."
    )
    starts_at: datetime = strawberry.field(description="Start of the first occurrence (UTC).")
    ends_at: datetime = strawberry.field(description="End of the first occurrence (UTC).")
    timezone: str = strawberry.field(description="Zone whose wall time the recurrence follows.")
    recurrence: str | None = strawberry.field(description="RRULE (RFC 5545), if recurring.")

    @staticmethod
    def of(doc: ActivityDoc) -> ActivityType:
        return ActivityType(
            id=strawberry.ID(str(doc.id)),
            title=doc.title,
            description=doc.description,
            location=doc.location,
            goal_id=strawberry.ID(doc.goal_id) if doc.goal_id else None,
            task_id=strawberry.ID(doc.task_id) if doc.task_id else None,
            starts_at=doc.starts_at,
            ends_at=doc.ends_at,
            timezone=doc.timezone,
            recurrence=doc.recurrence,
        )


@strawberry.type(name="CalendarOccurrence", description="One occurrence of an activity.")
class OccurrenceType:
    activity: ActivityType = strawberry.field(description="The activity it belongs to.")
    starts_at: datetime = strawberry.field(description="When this occurrence starts (UTC).")
    ends_at: datetime = strawberry.field(description="When this occurrence ends (UTC).")
    original_start: datetime = strawberry.field(
        description="Its slot in the series; use it to move or cancel this occurrence."
    )
    moved: bool = strawberry.field(description="Whether it was moved from its slot.")

    @staticmethod
    def of(entry: CalendarEntry) -> OccurrenceType:
        occ = entry.occurrence
        return OccurrenceType(
            activity=ActivityType.of(entry.activity),
            starts_at=occ.start,
            ends_at=occ.end,
            original_start=occ.original_start,
            moved=occ.moved,
        )


@strawberry.type(description="The secret calendar feed URL; shown only when rotated.")
class CalendarFeedPayload:
    token: str = strawberry.field(description="The secret; keep it private.")
    path: str = strawberry.field(
        description="Feed path at the API's own address (beside /graphql): /calendar/{token}.ics"
    )


@strawberry.input(description="A new calendar activity.")
class CreateActivityInput:
    title: str = strawberry.field(description="Short name; must not be empty.")
    starts_at: datetime = strawberry.field(description="Start, with a UTC offset.")
    ends_at: datetime = strawberry.field(description="End, not before the start.")
    description: str = strawberry.field(default="", description="Longer description.")
    location: str | None = strawberry.field(default=None, description="Where it happens.")
    goal_id: strawberry.ID | None = strawberry.field(default=None, description="Goal it serves.")
    recurrence: str | None = strawberry.field(
        default=None, description="RRULE, e.g. FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10."
    )
    timezone: str | None = strawberry.field(
        default=None, description="IANA zone for recurrence; default the owner's zone."
    )


@strawberry.input(
    description="Changes to an activity (the whole series); omitted fields stay as they are."
)
class UpdateActivityInput:
    id: strawberry.ID = strawberry.field(description="The activity.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="New title.")
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="New description."
    )
    starts_at: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="New start of the first occurrence, with an offset."
    )
    ends_at: datetime | None = strawberry.field(
        default=strawberry.UNSET, description="New end of the first occurrence."
    )
    location: str | None = strawberry.field(
        default=strawberry.UNSET, description="New location; null removes it."
    )
    recurrence: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="New RRULE; null makes it a one-off. Moved or cancelled occurrences "
        "whose slot is no longer in the series are dropped.",
    )
    timezone: str | None = strawberry.field(
        default=strawberry.UNSET, description="New IANA zone for the recurrence."
    )


@strawberry.input(description="Move one occurrence of a recurring activity.")
class MoveOccurrenceInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    original_start: datetime = strawberry.field(description="The occurrence's slot.")
    starts_at: datetime = strawberry.field(description="New start.")
    ends_at: datetime = strawberry.field(description="New end.")


@strawberry.input(description="Cancel one occurrence of a recurring activity.")
class CancelOccurrenceInput:
    activity_id: strawberry.ID = strawberry.field(description="The activity.")
    original_start: datetime = strawberry.field(description="The occurrence's slot.")


@strawberry.input(description="Identifies an activity.")
class ActivityIdInput:
    id: strawberry.ID = strawberry.field(description="The activity.")


async def calendar_entries(
    info: Info, owner_id: str, start: datetime, end: datetime
) -> list[OccurrenceType]:
    entries = await services(info).calendar.calendar(owner_id, start, end)
    return [OccurrenceType.of(e) for e in entries]


@strawberry.type
class CalendarQueries:
    @strawberry.field(description="The viewer's occurrences overlapping [from, to).")
    async def calendar(
        self,
        info: Info,
        from_: Annotated[datetime, strawberry.argument(name="from", description="Window start.")],
        to: Annotated[datetime, strawberry.argument(description="Window end (<= 366 days on).")],
    ) -> list[OccurrenceType]:
        return await calendar_entries(info, await require_viewer_id(info), from_, to)


@strawberry.type
class CalendarMutations:
    @strawberry.mutation(description="Schedule an activity.")
    async def create_activity(self, info: Info, input: CreateActivityInput) -> ActivityType:
        me = await require_viewer_id(info)
        activity = await services(info).calendar.create(
            me,
            ActivityInput(
                title=input.title,
                starts_at=input.starts_at,
                ends_at=input.ends_at,
                description=input.description,
                location=input.location,
                goal_id=str(input.goal_id) if input.goal_id else None,
                recurrence=input.recurrence,
                timezone=input.timezone,
            ),
        )
        return ActivityType.of(activity)

    @strawberry.mutation(description="Change an activity; validated as on creation.")
    async def update_activity(self, info: Info, input: UpdateActivityInput) -> ActivityType:
        me = await require_viewer_id(info)
        activity = await services(info).calendar.update(
            me,
            str(input.id),
            ActivityPatch(
                title=patch(input.title, "title"),
                description=patch(input.description, "description"),
                starts_at=patch(input.starts_at, "startsAt"),
                ends_at=patch(input.ends_at, "endsAt"),
                location=patch(input.location, "location", nullable=True),
                recurrence=patch(input.recurrence, "recurrence", nullable=True),
                timezone=patch(input.timezone, "timezone"),
            ),
        )
        return ActivityType.of(activity)

    @strawberry.mutation(description="Move one occurrence of a recurring activity.")
    async def move_occurrence(self, info: Info, input: MoveOccurrenceInput) -> ActivityType:
        me = await require_viewer_id(info)
        activity = await services(info).calendar.move_occurrence(
            me, str(input.activity_id), input.original_start, input.starts_at, input.ends_at
        )
        return ActivityType.of(activity)

    @strawberry.mutation(description="Cancel one occurrence of a recurring activity.")
    async def cancel_occurrence(self, info: Info, input: CancelOccurrenceInput) -> ActivityType:
        me = await require_viewer_id(info)
        activity = await services(info).calendar.cancel_occurrence(
            me, str(input.activity_id), input.original_start
        )
        return ActivityType.of(activity)

    @strawberry.mutation(description="Delete an activity and its reminders.")
    async def delete_activity(self, info: Info, input: ActivityIdInput) -> strawberry.ID:
        me = await require_viewer_id(info)
        await services(info).calendar.delete(me, str(input.id))
        return input.id

    @strawberry.mutation(description="Issue a new secret feed URL; the previous one stops working.")
    async def rotate_calendar_feed(self, info: Info) -> CalendarFeedPayload:
        me = await require_viewer_id(info)
        token = await services(info).calendar.rotate_feed_token(me)
        return CalendarFeedPayload(token=token, path=f"/calendar/{token}.ics")
