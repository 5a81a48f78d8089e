from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pymongo.errors import DuplicateKeyError

from common.errors import Conflict
from common.repository import Repository, parse_object_id
from subgraphs.goals.domain.enums import FocusStatus
from subgraphs.goals.models import FocusSessionDoc
from subgraphs.goals.repository._raw import Session, collection, find_one_and_set


class FocusRepository(Repository[FocusSessionDoc]):
    model = FocusSessionDoc

    async def start(self, focus: FocusSessionDoc) -> FocusSessionDoc:
        try:
            return await self.insert(focus)
        except DuplicateKeyError as exc:
            raise Conflict(
                "A focus session is already running; finish or cancel it first."
            ) from exc

    async def open_for(self, owner_id: str) -> FocusSessionDoc | None:
        return await FocusSessionDoc.find_one({"owner_id": owner_id, "open": True})

    async def transition(
        self,
        session_id: str,
        owner_id: str,
        *,
        from_statuses: Sequence[FocusStatus],
        update: dict[str, Any],
        session: Session = None,
    ) -> FocusSessionDoc | None:
        """Apply `update` only if the session is still in one of `from_statuses` (no lost races)."""
        oid = parse_object_id(session_id)
        if oid is None:
            return None
        return await find_one_and_set(
            FocusSessionDoc,
            {"_id": oid, "owner_id": owner_id, "status": {"$in": [s.value for s in from_statuses]}},
            update,
            session=session,
        )

    async def totals(
        self, owner_id: str, *, by: str, from_day: str, to_day: str
    ) -> list[dict[str, Any]]:
        """Finished minutes and session counts per local day or week, oldest first."""
        pipeline: list[dict[str, Any]] = [
            {
                "$match": {
                    "owner_id": owner_id,
                    "status": FocusStatus.FINISHED.value,
                    "day": {"$gte": from_day, "$lte": to_day},
                }
            },
            {
                "$group": {
                    "_id": f"${by}",
                    "minutes": {"$sum": "$minutes"},
                    "sessions": {"$sum": 1},
                    "interruptions": {"$sum": "$interruptions"},
                }
            },
            {"$sort": {"_id": 1}},
        ]
        cursor = await collection(FocusSessionDoc).aggregate(pipeline)
        return await cursor.to_list()

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
