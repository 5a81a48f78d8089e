"""Mobile app installs' push tokens (FCM, APNs)."""

from __future__ import annotations

from collections.abc import Sequence

from beanie import SortDirection

from common.repository import Repository
from subgraphs.notifications.models import Device, Platform
from subgraphs.notifications.repository.base import Session


class Devices(Repository[Device]):
    model = Device

    async def register(self, device: Device, *, keep: int) -> Device:
        """Store `device` for its user (taking the token from whoever held it), then drop
        the user's oldest devices past `keep`: a reinstalled app's stale tokens go first."""
        collection = Device.get_pymongo_collection()
        await collection.update_one(
            {"platform": device.platform.value, "token": device.token},
            {"$set": device.model_dump(exclude={"id"})},
            upsert=True,
        )
        rows = collection.find(
            {"user_id": device.user_id}, {"_id": 1}, sort=[("created_at", -1), ("_id", -1)]
        ).skip(keep)
        stale = [row["_id"] async for row in rows]
        if stale:
            await collection.delete_many({"_id": {"$in": stale}})
        return device

    async def remove(self, user_id: str, platform: Platform, token: str) -> bool:
        query = {"user_id": user_id, "platform": platform.value, "token": token}
        return await self.delete_where(query) > 0

    async def forget_token(self, platform: Platform, token: str) -> None:
        """The provider said the token is dead: whoever holds it, it goes."""
        await self.delete_where({"platform": platform.value, "token": token})

    async def for_user(self, user_id: str) -> list[Device]:
        return (
            await Device.find({"user_id": user_id})
            .sort([("created_at", SortDirection.ASCENDING)])
            .to_list()
        )

    async def users_with_devices(self, user_ids: Sequence[str]) -> set[str]:
        rows = Device.get_pymongo_collection().find(
            {"user_id": {"$in": sorted(set(user_ids))}}, {"_id": 0, "user_id": 1}
        )
        return {row["user_id"] async for row in rows}

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
