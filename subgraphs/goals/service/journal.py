"""Journal entries, mood check-ins and the daily review: the owner's alone.

Journal text never leaves this subgraph: no event carries it, and only the owner reads it.
`share_with_coach` records the owner's per-entry consent for the coach to read an entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from common import validation
from common.errors import BadUserInput, Conflict, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import MoodDeleted, MoodLogged
from common.repository import Page, PageRequest
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import TrashKind
from subgraphs.goals.domain.review import Done
from subgraphs.goals.domain.tasks import normalise_tags
from subgraphs.goals.domain.timezones import local_day, local_midnight_utc
from subgraphs.goals.models import JournalEntryDoc, MoodCheckInDoc, TrashDoc
from subgraphs.goals.repository._raw import Session
from subgraphs.goals.repository.journal import JournalRepository, MoodRepository
from subgraphs.goals.repository.review import ReviewRepository
from subgraphs.goals.repository.trash import collection_name
from subgraphs.goals.service.access import Access
from subgraphs.goals.service.base import UNSET, Deps, _Unset
from subgraphs.goals.service.trashbin import TrashBin


@dataclass(frozen=True)
class JournalWrite:
    """Fields not sent stay as they are; a new entry needs a body."""

    day: date | None = None
    body: str | _Unset = UNSET
    share_with_coach: bool | _Unset = UNSET


@dataclass(frozen=True)
class MoodInput:
    mood: int
    energy: int | None = None
    tags: list[str] | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class DailyReview:
    day: date
    tasks_completed: list[Done]
    goal_tasks_completed: list[Done]
    habits_checked_in: list[Done]
    focus_minutes: float
    focus_sessions: int
    moods: list[MoodCheckInDoc]
    journal: JournalEntryDoc | None

    @property
    def average_mood(self) -> float | None:
        return _mean([m.mood for m in self.moods])

    @property
    def average_energy(self) -> float | None:
        return _mean([m.energy for m in self.moods if m.energy is not None])


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _scale(value: int, *, field: str) -> int:
    if not limits.MOOD_MIN <= value <= limits.MOOD_MAX:
        raise BadUserInput(
            f"`{field}` is {limits.MOOD_MIN} (low) to {limits.MOOD_MAX} (high).", field=field
        )
    return value


def _body(value: str) -> str:
    return validation.text(value, field="body", max_chars=limits.JOURNAL_BODY_CHARS, required=True)


class JournalService:
    def __init__(
        self,
        deps: Deps,
        entries: JournalRepository,
        moods: MoodRepository,
        review: ReviewRepository,
        access: Access,
        trash: TrashBin,
    ) -> None:
        self._deps = deps
        self._trash = trash
        self._entries = entries
        self._moods = moods
        self._review = review
        self._access = access

    async def today(self, owner_id: str) -> tuple[date, ZoneInfo]:
        tz = await self._access.timezone(owner_id)
        return local_day(self._deps.clock(), tz), tz

    async def _past_day(self, owner_id: str, day: date | None) -> date:
        """`day`, or today in the owner's zone; never a future day."""
        today, _ = await self.today(owner_id)
        if day is None:
            return today
        validation.day_in_range(day, field="day")
        if day > today:
            raise BadUserInput("That day has not come yet.", field="day")
        return day

    # journal ---------------------------------------------------------------------

    async def owned_entry(
        self, owner_id: str, entry_id: str, *, session: Session = None
    ) -> JournalEntryDoc:
        entry = await self._entries.get(entry_id, session=session)
        if entry is None or entry.owner_id != owner_id:
            # Someone else's entry answers as a missing one: ids do not leak.
            raise NotFound("Journal entry not found.", field="id")
        return entry

    async def entry_for(self, owner_id: str, day: date) -> JournalEntryDoc | None:
        validation.day_in_range(day, field="day")
        return await self._entries.for_day(owner_id, day.isoformat())

    async def entries(self, owner_id: str, request: PageRequest) -> Page[JournalEntryDoc]:
        return await self._entries.page_for_owner(owner_id, request)

    async def write(self, owner_id: str, data: JournalWrite) -> JournalEntryDoc:
        """Create the day's entry, or change it (one entry per local day)."""
        day = (await self._past_day(owner_id, data.day)).isoformat()
        body = None if isinstance(data.body, _Unset) else _body(data.body)

        async def work(tx: OutboxTransaction) -> JournalEntryDoc:
            now = self._deps.clock()
            entry = await self._entries.for_day(owner_id, day, session=tx.session)
            if entry is None:
                if body is None:
                    raise BadUserInput("A new entry needs a `body`.", field="body")
                entry = JournalEntryDoc(
                    owner_id=owner_id,
                    day=day,
                    body=body,
                    share_with_coach=data.share_with_coach is True,
                    created_at=now,
                    updated_at=now,
                )
                return await self._entries.add(entry, session=tx.session)
            if body is not None:
                entry.body = body
            if not isinstance(data.share_with_coach, _Unset):
                entry.share_with_coach = data.share_with_coach
            entry.updated_at = now
            return await self._entries.save(entry, session=tx.session)

        return await self._deps.atomically(work)

    async def delete_entry(self, owner_id: str, entry_id: str) -> str:
        """To the trash, titled by its day (its text shows nowhere else)."""

        async def work(tx: OutboxTransaction) -> str:
            entry = await self.owned_entry(owner_id, entry_id, session=tx.session)
            documents = await self._trash.capture(
                JournalEntryDoc, {"_id": entry.id}, session=tx.session
            )
            await self._trash.put(
                tx,
                owner_id=owner_id,
                kind=TrashKind.JOURNAL_ENTRY,
                item_id=entry_id,
                title=entry.day,
                documents=documents,
            )
            await self._entries.delete(entry, session=tx.session)
            return entry_id

        return await self._deps.atomically(work)

    async def restore_trashed(self, tx: OutboxTransaction, row: TrashDoc) -> JournalEntryDoc:
        """Refused while the day has another entry: one entry a day, and merging two
        texts is the owner's call."""
        contents = self._trash.contents(row)
        day = str(contents[collection_name(JournalEntryDoc)][0]["day"])
        if await self._entries.for_day(row.owner_id, day, session=tx.session) is not None:
            raise Conflict(f"{day} has a journal entry now: delete or edit that one.", field="id")
        await self._trash.write_back(tx, row, contents)
        return await self.owned_entry(row.owner_id, row.item_id, session=tx.session)

    # mood ------------------------------------------------------------------------

    async def owned_mood(
        self, owner_id: str, check_in_id: str, *, session: Session = None
    ) -> MoodCheckInDoc:
        found = await self._moods.get(check_in_id, session=session)
        if found is None or found.owner_id != owner_id:
            raise NotFound("Mood check-in not found.", field="id")
        return found

    async def moods(
        self, owner_id: str, request: PageRequest, *, from_day: date | None, to_day: date | None
    ) -> Page[MoodCheckInDoc]:
        for value, field in ((from_day, "fromDay"), (to_day, "toDay")):
            if value is not None:
                validation.day_in_range(value, field=field)
        return await self._moods.page_for_owner(
            owner_id,
            request,
            from_day=from_day.isoformat() if from_day else None,
            to_day=to_day.isoformat() if to_day else None,
        )

    async def log_mood(self, owner_id: str, data: MoodInput) -> MoodCheckInDoc:
        mood = _scale(data.mood, field="mood")
        energy = _scale(data.energy, field="energy") if data.energy is not None else None
        tags = normalise_tags(data.tags or [], max_tags=limits.TAGS_PER_MOOD)
        now = self._deps.clock()
        at = validation.instant_in_range(data.at, field="at") if data.at is not None else now
        if at > now:
            raise BadUserInput("A check-in cannot be in the future.", field="at")
        day = local_day(at, await self._access.timezone(owner_id)).isoformat()

        async def work(tx: OutboxTransaction) -> MoodCheckInDoc:
            if (
                await self._moods.count_for_day(owner_id, day, session=tx.session)
                >= limits.MOOD_CHECK_INS_PER_DAY
            ):
                raise BadUserInput(
                    f"At most {limits.MOOD_CHECK_INS_PER_DAY} check-ins a day.", field="at"
                )
            check_in = MoodCheckInDoc(
                owner_id=owner_id,
                mood=mood,
                energy=energy,
                tags=tags,
                at=at,
                day=day,
                created_at=now,
            )
            await self._moods.insert(check_in, session=tx.session)
            logged = MoodLogged(
                check_in_id=str(check_in.id),
                owner_id=owner_id,
                day=date.fromisoformat(day),
                at=at,
                mood=mood,
                energy=energy,
                tags=tags,
            )
            await tx.publish(Event.of("goals.mood.logged", user_id=owner_id, data=logged))
            return check_in

        return await self._deps.atomically(work)

    async def delete_mood(self, owner_id: str, check_in_id: str) -> str:
        """The check-in goes with its event, so analytics withdraws it too."""

        async def work(tx: OutboxTransaction) -> str:
            check_in = await self.owned_mood(owner_id, check_in_id, session=tx.session)
            await self._moods.delete(check_in, session=tx.session)
            gone = MoodDeleted(
                check_in_id=check_in_id, owner_id=owner_id, day=date.fromisoformat(check_in.day)
            )
            await tx.publish(Event.of("goals.mood.deleted", user_id=owner_id, data=gone))
            return check_in_id

        return await self._deps.atomically(work)

    # daily review ------------------------------------------------------------------

    async def daily_review(self, owner_id: str, day: date | None) -> DailyReview:
        """What the owner did and felt on a local day; the day's journal entry annotates it."""
        wanted = await self._past_day(owner_id, day)
        tz = await self._access.timezone(owner_id)
        # Wall-clock midnights: a DST change day lasts 23 or 25 hours.
        start = local_midnight_utc(wanted, tz)
        end = local_midnight_utc(wanted + timedelta(days=1), tz)
        iso = wanted.isoformat()
        minutes, sessions = await self._review.focus(owner_id, iso)
        return DailyReview(
            day=wanted,
            tasks_completed=await self._review.tasks_completed(owner_id, start, end),
            goal_tasks_completed=await self._review.goal_tasks_done(owner_id, start, end),
            habits_checked_in=await self._review.habits_checked_in(owner_id, iso),
            focus_minutes=minutes,
            focus_sessions=sessions,
            moods=await self._moods.for_day(owner_id, iso),
            journal=await self._entries.for_day(owner_id, iso),
        )
