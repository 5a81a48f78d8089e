"""Browsers' web-push subscriptions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from common.repository import Repository
from subgraphs.notifications.models import PushEndpoint
from subgraphs.notifications.repository.base import Session


class PushEndpoints(Repository[PushEndpoint]):
    model = PushEndpoint

    async def register(self, endpoint: PushEndpoint) -> PushEndpoint:
        await PushEndpoint.get_pymongo_collection().update_one(
            {"user_id": endpoint.user_id, "endpoint": endpoint.endpoint},
            {"$set": endpoint.model_dump(exclude={"id"})},
            upsert=True,
        )
        return endpoint

    async def remove(self, user_id: str, endpoint: str) -> bool:
        return await self.delete_where({"user_id": user_id, "endpoint": endpoint}) > 0

    async def for_user(self, user_id: str) -> list[PushEndpoint]:
        return await PushEndpoint.find({"user_id": user_id}).to_list()

    @staticmethod
    def users_query(user_ids: Sequence[str]) -> tuple[dict[str, Any], dict[str, int]]:
        return {"user_id": {"$in": sorted(set(user_ids))}}, {"_id": 0, "user_id": 1}

    async def users_with_endpoints(self, user_ids: Sequence[str]) -> set[str]:
        """Which of `user_ids` registered a browser, in one read covered by the index."""
        rows = PushEndpoint.get_pymongo_collection().find(*self.users_query(user_ids))
        return {row["user_id"] async for row in rows}

    async def forget_user(self, user_id: str, *, session: Session = None) -> None:
        await self.delete_where({"user_id": user_id}, session=session)
