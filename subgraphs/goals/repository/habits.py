from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pymongo.errors import DuplicateKeyError

from common.errors import Conflict
from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.goals.models import CheckInDoc, HabitDoc
from subgraphs.goals.repository._raw import Session, collection


class HabitRepository(Repository[HabitDoc]):
    model = HabitDoc

    async def page_for_owner(self, owner_id: str, request: PageRequest) -> Page[HabitDoc]:
        return await self.page({"owner_id": owner_id}, request)

    async def claim_milestone(
        self, habit_id: str, milestone: int, *, session: Session = None
    ) -> bool:
        """True for exactly one caller per habit and milestone, however many race."""
        oid = parse_object_id(habit_id)
        result = await collection(HabitDoc).update_one(
            {"_id": oid, "milestones_reached": {"$ne": milestone}},
            {"$addToSet": {"milestones_reached": milestone}},
            session=session,
        )
        return result.modified_count == 1

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)


class CheckInRepository(Repository[CheckInDoc]):
    model = CheckInDoc

    async def add(self, check_in: CheckInDoc, *, session: Session = None) -> CheckInDoc:
        try:
            return await self.insert(check_in, session=session)
        except DuplicateKeyError as exc:
            # Inside a transaction the server has aborted it: the caller's work ends here.
            raise Conflict("Already checked in for that day.", field="day") from exc

    async def exists(self, habit_id: str, day: str, *, session: Session = None) -> bool:
        found = await CheckInDoc.find_one({"habit_id": habit_id, "day": day}, session=session)
        return found is not None

    async def remove(self, habit_id: str, day: str, *, session: Session = None) -> bool:
        return await self.delete_where({"habit_id": habit_id, "day": day}, session=session) > 0

    @staticmethod
    def days_query(habit_ids: Sequence[str]) -> tuple[dict[str, Any], dict[str, int]]:
        """Filter and projection of `days_by_habit`: every check-in a habit ever had
        (streaks need them all), read as the two fields the (habit_id, day) index
        covers instead of a model built for each (a hot path: every check-in and
        every habit shown)."""
        return {"habit_id": {"$in": list(habit_ids)}}, {"_id": 0, "habit_id": 1, "day": 1}

    async def days_by_habit(
        self, habit_ids: Sequence[str], *, session: Session = None
    ) -> dict[str, list[str]]:
        rows = collection(CheckInDoc).find(*self.days_query(habit_ids), session=session)
        days: dict[str, list[str]] = defaultdict(list)
        async for row in rows:
            days[row["habit_id"]].append(row["day"])
        return days

    async def delete_habit(self, habit_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"habit_id": habit_id}, session=session)

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
