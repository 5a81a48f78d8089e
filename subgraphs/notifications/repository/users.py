"""What notifications keeps per user: channel preferences and the recipient's address and zone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from common.projections import apply_if_newer
from common.repository import Repository
from subgraphs.notifications.models import Preferences, Recipient
from subgraphs.notifications.repository.base import Session


class PreferencesRepo(Repository[Preferences]):
    model = Preferences

    async def find(self, user_id: str) -> Preferences | None:
        return await Preferences.find_one({"user_id": user_id})

    @staticmethod
    def many_query(user_ids: Sequence[str]) -> dict[str, Any]:
        return {"user_id": {"$in": sorted(set(user_ids))}}

    async def find_many(self, user_ids: Sequence[str]) -> dict[str, Preferences]:
        """Preferences of each of `user_ids` that has any, in one read (an event's recipients)."""
        found = await Preferences.find(self.many_query(user_ids)).to_list()
        return {prefs.user_id: prefs for prefs in found}

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
        phone: str | None = None,
        timezone: str,
        as_of: datetime,
        session: Session = None,
    ) -> None:
        # An event of the same millisecond is written again (`ties`): a replay
        # then ends on the last event of that millisecond, as a live run did.
        await apply_if_newer(
            Recipient.get_pymongo_collection(),
            {"user_id": user_id},
            {"email": email, "phone": phone, "timezone": timezone},
            at=as_of,
            ties=True,
            session=session,
        )

    async def find(self, user_id: str) -> Recipient | None:
        return await Recipient.find_one({"user_id": user_id})

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
