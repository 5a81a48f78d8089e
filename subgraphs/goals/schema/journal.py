"""JournalEntry, MoodCheckIn and DailyReview: the viewer's own, never anyone else's."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.goals.domain.review import Done
from subgraphs.goals.models import JournalEntryDoc, MoodCheckInDoc
from subgraphs.goals.schema.base import Info, patch, require_viewer_id, services
from subgraphs.goals.service.journal import DailyReview, JournalWrite, MoodInput


@strawberry.type(
    name="JournalEntry",
    description=(
        "The viewer's journal for one local day. Private: only its owner reads it, and no "
        "event, feed or coach sees its text unless `shareWithCoach` is set."
    ),
)
class JournalEntryType:
    id: strawberry.ID = strawberry.field(description="The entry's id.")
    day: date = strawberry.field(description="The local day it is about (one entry a day).")
    body: str = strawberry.field(description="Markdown, at most 20,000 characters.")
    share_with_coach: bool = strawberry.field(
        description="Whether the owner lets the AI coach read this entry (off by default)."
    )
    created_at: datetime = strawberry.field(description="When it was first written.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @staticmethod
    def of(doc: JournalEntryDoc) -> JournalEntryType:
        return JournalEntryType(
            id=strawberry.ID(str(doc.id)),
            day=date.fromisoformat(doc.day),
            body=doc.body,
            share_with_coach=doc.share_with_coach,
            created_at=doc.created_at,
            updated_at=doc.updated_at,
        )


@strawberry.type(name="MoodCheckIn", description="How the viewer felt at one moment.")
class MoodCheckInType:
    id: strawberry.ID = strawberry.field(description="The check-in's id.")
    mood: int = strawberry.field(description="Mood from 1 (low) to 5 (high).")
    energy: int | None = strawberry.field(description="Energy from 1 (low) to 5 (high), if given.")
    tags: list[str] = strawberry.field(description="Normalised tags (lower case, no '#').")
    at: datetime = strawberry.field(description="When it was felt.")
    day: date = strawberry.field(description="The viewer's local day of `at` when logged.")

    @staticmethod
    def of(doc: MoodCheckInDoc) -> MoodCheckInType:
        return MoodCheckInType(
            id=strawberry.ID(str(doc.id)),
            mood=doc.mood,
            energy=doc.energy,
            tags=list(doc.tags),
            at=doc.at,
            day=date.fromisoformat(doc.day),
        )


@strawberry.type(description="Something done on the reviewed day.")
class ReviewItem:
    id: strawberry.ID = strawberry.field(
        description="A task's or habit's id; a goal's task is `<goal id>:<task id>`."
    )
    title: str = strawberry.field(description="Its title.")
    at: datetime | None = strawberry.field(description="When it was done, if known.")

    @staticmethod
    def of(item: Done) -> ReviewItem:
        return ReviewItem(id=strawberry.ID(item.id), title=item.title, at=item.at)


@strawberry.type(
    name="DailyReview",
    description=(
        "One local day gathered: completions, habit check-ins, focus and mood, annotated by "
        "the day's journal entry (`writeJournalEntry`)."
    ),
)
class DailyReviewType:
    day: date = strawberry.field(description="The local day reviewed.")
    tasks_completed: list[ReviewItem] = strawberry.field(
        description="Standalone tasks completed that day."
    )
    goal_tasks_completed: list[ReviewItem] = strawberry.field(
        description="Goals' own tasks ticked off that day."
    )
    habits_checked_in: list[ReviewItem] = strawberry.field(
        description="Habits checked in for that day."
    )
    focus_minutes: float = strawberry.field(
        description="Finished focus minutes of sessions started that day."
    )
    focus_sessions: int = strawberry.field(description="Finished focus sessions started that day.")
    mood_check_ins: list[MoodCheckInType] = strawberry.field(
        description="That day's mood check-ins, in time order."
    )
    average_mood: float | None = strawberry.field(description="Mean mood; null without any.")
    average_energy: float | None = strawberry.field(
        description="Mean energy of the check-ins that gave one; null without any."
    )
    journal_entry: JournalEntryType | None = strawberry.field(
        description="The day's journal entry: the viewer's annotation of the review."
    )

    @staticmethod
    def of(review: DailyReview) -> DailyReviewType:
        return DailyReviewType(
            day=review.day,
            tasks_completed=[ReviewItem.of(d) for d in review.tasks_completed],
            goal_tasks_completed=[ReviewItem.of(d) for d in review.goal_tasks_completed],
            habits_checked_in=[ReviewItem.of(d) for d in review.habits_checked_in],
            focus_minutes=review.focus_minutes,
            focus_sessions=review.focus_sessions,
            mood_check_ins=[MoodCheckInType.of(m) for m in review.moods],
            average_mood=review.average_mood,
            average_energy=review.average_energy,
            journal_entry=JournalEntryType.of(review.journal) if review.journal else None,
        )


@strawberry.input(description="Writes the journal entry of a day: creates it or changes it.")
class WriteJournalEntryInput:
    day: date | None = strawberry.field(
        default=None, description="The local day; today in the viewer's zone when omitted."
    )
    body: str | None = strawberry.field(
        default=strawberry.UNSET,
        description="Markdown (at most 20,000 characters); required for a new entry.",
    )
    share_with_coach: bool | None = strawberry.field(
        default=strawberry.UNSET,
        description="Let the AI coach read this entry; false for a new entry when omitted.",
    )


@strawberry.input(description="Identifies a journal entry.")
class JournalEntryIdInput:
    id: strawberry.ID = strawberry.field(description="The entry.")


@strawberry.input(description="A mood check-in.")
class LogMoodInput:
    mood: int = strawberry.field(description="Mood from 1 (low) to 5 (high).")
    energy: int | None = strawberry.field(
        default=None, description="Energy from 1 (low) to 5 (high)."
    )
    tags: list[str] = strawberry.field(
        default_factory=list, description="At most 10 tags of at most 40 characters."
    )
    at: datetime | None = strawberry.field(
        default=None, description="When it was felt (with an offset); now when omitted."
    )


@strawberry.input(description="Identifies a mood check-in.")
class MoodCheckInIdInput:
    id: strawberry.ID = strawberry.field(description="The check-in.")


@strawberry.type(description="What a delete removed.")
class DeletedPayload:
    deleted_id: strawberry.ID = strawberry.field(description="The removed object's id.")


@strawberry.type
class JournalQueries:
    @strawberry.field(description="The viewer's journal entries, newest day first.")
    async def journal_entries(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> Connection[JournalEntryType]:
        me = await require_viewer_id(info)
        page = await services(info).journal.entries(me, PageRequest(first, after))
        return connection_from_page(page, JournalEntryType.of)

    @strawberry.field(description="The viewer's journal entry of a local day, or null.")
    async def journal_entry(self, info: Info, day: date) -> JournalEntryType | None:
        me = await require_viewer_id(info)
        entry = await services(info).journal.entry_for(me, day)
        return JournalEntryType.of(entry) if entry else None

    @strawberry.field(description="The viewer's mood check-ins, newest first.")
    async def mood_check_ins(
        self,
        info: Info,
        from_day: date | None = None,
        to_day: date | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> Connection[MoodCheckInType]:
        me = await require_viewer_id(info)
        page = await services(info).journal.moods(
            me, PageRequest(first, after), from_day=from_day, to_day=to_day
        )
        return connection_from_page(page, MoodCheckInType.of)

    @strawberry.field(
        description="A local day gathered (today when `day` is omitted); never a future day."
    )
    async def daily_review(self, info: Info, day: date | None = None) -> DailyReviewType:
        me = await require_viewer_id(info)
        return DailyReviewType.of(await services(info).journal.daily_review(me, day))


@strawberry.type
class JournalMutations:
    @strawberry.mutation(
        description="Write a day's journal entry (one per local day; writing again changes it)."
    )
    async def write_journal_entry(
        self, info: Info, input: WriteJournalEntryInput
    ) -> JournalEntryType:
        me = await require_viewer_id(info)
        entry = await services(info).journal.write(
            me,
            JournalWrite(
                day=input.day,
                body=patch(input.body, "body"),
                share_with_coach=patch(input.share_with_coach, "shareWithCoach"),
            ),
        )
        return JournalEntryType.of(entry)

    @strawberry.mutation(
        description=(
            "Move one of the viewer's journal entries to the trash "
            "(`restoreFromTrash` for 30 days)."
        )
    )
    async def delete_journal_entry(self, info: Info, input: JournalEntryIdInput) -> DeletedPayload:
        me = await require_viewer_id(info)
        deleted = await services(info).journal.delete_entry(me, str(input.id))
        return DeletedPayload(deleted_id=strawberry.ID(deleted))

    @strawberry.mutation(description="Log how the viewer feels (publishes `goals.mood.logged`).")
    async def log_mood(self, info: Info, input: LogMoodInput) -> MoodCheckInType:
        me = await require_viewer_id(info)
        check_in = await services(info).journal.log_mood(
            me, MoodInput(mood=input.mood, energy=input.energy, tags=list(input.tags), at=input.at)
        )
        return MoodCheckInType.of(check_in)

    @strawberry.mutation(description="Delete a mood check-in (publishes `goals.mood.deleted`).")
    async def delete_mood_check_in(self, info: Info, input: MoodCheckInIdInput) -> DeletedPayload:
        me = await require_viewer_id(info)
        deleted = await services(info).journal.delete_mood(me, str(input.id))
        return DeletedPayload(deleted_id=strawberry.ID(deleted))
