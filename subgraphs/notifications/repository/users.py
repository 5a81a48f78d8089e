"""What notifications keeps per user: channel preferences and the recipient's address and zone."""

from __future__ import annotations

from datetime import datetime

from common.repository import Repository
from subgraphs.notifications.models import Preferences, Recipient
from subgraphs.notifications.repository.base import Session


class PreferencesRepo(Repository[Preferences]):
    model = Preferences

    async def find(self, user_id: str) -> Preferences | None:
        return await Preferences.find_one({"user_id": user_id})

    async def put(self, prefs: Preferences) -> Preferences:
        await Preferences.get_pymongo_collection().update_one(
            {"user_id": prefs.user_id},
            {"$set": prefs.model_dump(exclude={"id"})},
            upsert=True,
        )
        return prefs

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)


class Recipients(Repository[Recipient]):
    model = Recipient

    async def apply(
        self,
        user_id: str,
        *,
        email: str | None,
        timezone: str,
        as_of: datetime,
        session: Session = None,
    ) -> None:
        collection = Recipient.get_pymongo_collection()
        # Read, then write: inside the consumer's transaction a concurrent writer
        # of the same row conflicts and one of the two re-runs.
        current = await collection.find_one({"user_id": user_id}, {"as_of": 1}, session=session)
        if current is not None and current["as_of"] > as_of.replace(
            microsecond=as_of.microsecond // 1000 * 1000
        ):
            return  # a newer update is already stored
        await collection.update_one(
            {"user_id": user_id},
            {"$set": {"email": email, "timezone": timezone, "as_of": as_of}},
            upsert=True,
            session=session,
        )

    async def find(self, user_id: str) -> Recipient | None:
        return await Recipient.find_one({"user_id": user_id})

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
