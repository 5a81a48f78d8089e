from __future__ import annotations

from datetime import datetime

from pymongo.errors import DuplicateKeyError

from common.repository import Repository
from subgraphs.goals.models import ActivityDoc, CalendarFeedDoc
from subgraphs.goals.repository._raw import Session, collection


class ActivityRepository(Repository[ActivityDoc]):
    model = ActivityDoc

    async def overlapping(self, owner_id: str, start: datetime, end: datetime) -> list[ActivityDoc]:
        """Activities (or series) that may have an occurrence in [start, end)."""
        return await ActivityDoc.find(
            {
                "owner_id": owner_id,
                "starts_at": {"$lt": end},
                # Series (last_end None) are expanded; one-offs must end after the window opens.
                "$or": [{"last_end": None}, {"last_end": {"$gt": start}}],
            }
        ).to_list()

    async def all_for_owner(self, owner_id: str) -> list[ActivityDoc]:
        return await ActivityDoc.find({"owner_id": owner_id}).sort("+starts_at").to_list()

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)


class FeedRepository(Repository[CalendarFeedDoc]):
    model = CalendarFeedDoc

    async def replace_token(self, owner_id: str, token_hash: str, now: datetime) -> None:
        # The old hash is overwritten: the previous URL stops working at once.
        try:
            await collection(CalendarFeedDoc).update_one(
                {"owner_id": owner_id},
                {"$set": {"token_hash": token_hash, "rotated_at": now}},
                upsert=True,
            )
        except DuplicateKeyError:
            # Two first rotations raced to insert: the loser updates the winner's row.
            await collection(CalendarFeedDoc).update_one(
                {"owner_id": owner_id}, {"$set": {"token_hash": token_hash, "rotated_at": now}}
            )

    async def by_token_hash(self, token_hash: str) -> CalendarFeedDoc | None:
        return await CalendarFeedDoc.find_one({"token_hash": token_hash})

    async def for_owner(self, owner_id: str) -> CalendarFeedDoc | None:
        return await CalendarFeedDoc.find_one({"owner_id": owner_id})

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
