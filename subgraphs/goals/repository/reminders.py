from __future__ import annotations

from datetime import datetime
from typing import Any

from common.repository import Page, PageRequest, Repository
from subgraphs.goals.domain.enums import ReminderStatus, ReminderTarget
from subgraphs.goals.models import ReminderDoc
from subgraphs.goals.repository._raw import Session, collection


def _due(now: datetime) -> dict[str, Any]:
    return {
        "fire_at": {"$lte": now},
        "$or": [
            {"status": ReminderStatus.PENDING.value},
            # Claimed by a dispatcher of an earlier version that died before releasing it.
            {"status": ReminderStatus.CLAIMED.value, "lease_until": {"$lt": now}},
        ],
    }


def of_targets(target_type: ReminderTarget, target_ids: list[str]) -> dict[str, Any]:
    """The reminders about these objects (what deleting them removes, or trashes)."""
    return {"target_type": target_type.value, "target_id": {"$in": target_ids}}


def of_goals(goal_ids: list[str]) -> dict[str, Any]:
    """Reminders on these goals or on their tasks."""
    return {"$or": [{"goal_id": {"$in": goal_ids}}, of_targets(ReminderTarget.GOAL, goal_ids)]}


class ReminderRepository(Repository[ReminderDoc]):
    model = ReminderDoc

    async def next_due(self, now: datetime, *, session: Session = None) -> ReminderDoc | None:
        rows = (
            await ReminderDoc.find(_due(now), session=session).sort("+fire_at").limit(1).to_list()
        )
        return rows[0] if rows else None

    async def mark_fired(
        self, reminder: ReminderDoc, *, fields: dict[str, Any], session: Session = None
    ) -> bool:
        """Move a due reminder on, unless someone else already did (then: False, fire nothing).

        Inside a transaction a dispatcher racing for the same reminder gets a
        write conflict instead, and its transaction is retried from the read.
        """
        result = await collection(ReminderDoc).update_one(
            {"_id": reminder.id, "status": reminder.status.value, "fire_at": reminder.fire_at},
            {
                "$set": {**fields, "lease_until": None, "claimed_by": None},
                "$inc": {"fired_count": 1},
            },
            session=session,
        )
        return result.modified_count == 1

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

    async def for_target(
        self, target_type: ReminderTarget, target_id: str, *, session: Session = None
    ) -> list[ReminderDoc]:
        return await ReminderDoc.find(
            {"target_type": target_type.value, "target_id": target_id}, session=session
        ).to_list()

    async def page_for_owner(self, owner_id: str, request: PageRequest) -> Page[ReminderDoc]:
        return await self.page({"owner_id": owner_id}, request)

    async def delete_for_targets(
        self, target_type: ReminderTarget, target_ids: list[str], *, session: Session = None
    ) -> int:
        return await self.delete_where(of_targets(target_type, target_ids), session=session)

    async def delete_for_goals(self, goal_ids: list[str], *, session: Session = None) -> int:
        return await self.delete_where(of_goals(goal_ids), session=session)

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
