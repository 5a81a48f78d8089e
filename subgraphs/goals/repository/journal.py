"""Journal entries and mood check-ins: every query the journal, mood and daily review make."""

from __future__ import annotations

from typing import Any

from pymongo.errors import DuplicateKeyError

from common.errors import Conflict
from common.repository import Page, PageRequest, Repository
from subgraphs.goals.models import JournalEntryDoc, MoodCheckInDoc
from subgraphs.goals.repository._raw import Session, collection


class JournalRepository(Repository[JournalEntryDoc]):
    model = JournalEntryDoc

    async def for_day(
        self, owner_id: str, day: str, *, session: Session = None
    ) -> JournalEntryDoc | None:
        raw = await collection(JournalEntryDoc).find_one(
            {"owner_id": owner_id, "day": day}, session=session
        )
        return None if raw is None else JournalEntryDoc.model_validate(raw)

    async def add(self, entry: JournalEntryDoc, *, session: Session = None) -> JournalEntryDoc:
        try:
            return await self.insert(entry, session=session)
        except DuplicateKeyError as exc:
            # Two first writes of one day raced: the loser's transaction is over.
            raise Conflict(
                "That day's entry was written meanwhile; try again.", field="day"
            ) from exc

    async def page_for_owner(self, owner_id: str, request: PageRequest) -> Page[JournalEntryDoc]:
        return await self.page({"owner_id": owner_id}, request, sort_field="day")

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)


class MoodRepository(Repository[MoodCheckInDoc]):
    model = MoodCheckInDoc

    async def page_for_owner(
        self, owner_id: str, request: PageRequest, *, from_day: str | None, to_day: str | None
    ) -> Page[MoodCheckInDoc]:
        query: dict[str, Any] = {"owner_id": owner_id}
        days: dict[str, str] = {}
        if from_day is not None:
            days["$gte"] = from_day
        if to_day is not None:
            days["$lte"] = to_day
        if days:
            query["day"] = days
        return await self.page(query, request)

    async def for_day(
        self, owner_id: str, day: str, *, session: Session = None
    ) -> list[MoodCheckInDoc]:
        cursor = (
            collection(MoodCheckInDoc)
            .find({"owner_id": owner_id, "day": day}, session=session)
            .sort([("at", 1), ("_id", 1)])
        )
        return [MoodCheckInDoc.model_validate(row) for row in await cursor.to_list()]

    async def count_for_day(self, owner_id: str, day: str, *, session: Session = None) -> int:
        return await collection(MoodCheckInDoc).count_documents(
            {"owner_id": owner_id, "day": day}, session=session
        )

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
