from __future__ import annotations

from datetime import datetime
from typing import Any

from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.goals.domain.enums import ReminderStatus, ReminderTarget
from subgraphs.goals.models import ReminderDoc
from subgraphs.goals.repository._raw import collection, find_one_and_set


class ReminderRepository(Repository[ReminderDoc]):
    model = ReminderDoc

    async def claim_next_due(
        self, now: datetime, *, worker: str, lease_until: datetime
    ) -> ReminderDoc | None:
        """Atomically take one due reminder (or one whose claimer's lease ran out)."""
        return await find_one_and_set(
            ReminderDoc,
            {
                "fire_at": {"$lte": now},
                "$or": [
                    {"status": ReminderStatus.PENDING.value},
                    {"status": ReminderStatus.CLAIMED.value, "lease_until": {"$lt": now}},
                ],
            },
            {
                "$set": {
                    "status": ReminderStatus.CLAIMED.value,
                    "lease_until": lease_until,
                    "claimed_by": worker,
                }
            },
            sort=[("fire_at", 1)],
        )

    async def release(self, reminder_id: str, *, worker: str, fields: dict[str, Any]) -> bool:
        """Finish a claim; a no-op when the lease was lost to another worker meanwhile."""
        oid = parse_object_id(reminder_id)
        result = await collection(ReminderDoc).update_one(
            {"_id": oid, "status": ReminderStatus.CLAIMED.value, "claimed_by": worker},
            {
                "$set": {**fields, "lease_until": None, "claimed_by": None},
                "$inc": {"fired_count": 1},
            },
        )
        return result.modified_count == 1

    async def set_fields(self, reminder_id: str, fields: dict[str, Any]) -> None:
        oid = parse_object_id(reminder_id)
        await collection(ReminderDoc).update_one({"_id": oid}, {"$set": fields})

    async def next_fire_at(self) -> datetime | None:
        row = (
            await ReminderDoc.find(
                {"status": ReminderStatus.PENDING.value, "fire_at": {"$ne": None}}
            )
            .sort("+fire_at")
            .limit(1)
            .to_list()
        )
        return row[0].fire_at if row else None

    async def for_target(self, target_type: ReminderTarget, target_id: str) -> list[ReminderDoc]:
        return await ReminderDoc.find(
            {"target_type": target_type.value, "target_id": target_id}
        ).to_list()

    async def page_for_owner(self, owner_id: str, request: PageRequest) -> Page[ReminderDoc]:
        return await self.page({"owner_id": owner_id}, request)

    async def delete_for_targets(self, target_type: ReminderTarget, target_ids: list[str]) -> int:
        return await self.delete_where(
            {"target_type": target_type.value, "target_id": {"$in": target_ids}}
        )

    async def delete_for_goals(self, goal_ids: list[str]) -> int:
        return await self.delete_where({"goal_id": {"$in": goal_ids}})

    async def delete_owner(self, owner_id: str) -> int:
        return await self.delete_where({"owner_id": owner_id})
