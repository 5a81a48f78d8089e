from __future__ import annotations

from typing import Any

from common.repository import Page, PageRequest, Repository
from subgraphs.goals.domain.enums import TrackerMetric
from subgraphs.goals.models import TrackerEntryDoc
from subgraphs.goals.repository._raw import Session, collection


class TrackerRepository(Repository[TrackerEntryDoc]):
    model = TrackerEntryDoc

    async def page_for_owner(
        self, owner_id: str, request: PageRequest, metric: TrackerMetric | None
    ) -> Page[TrackerEntryDoc]:
        query: dict[str, Any] = {"owner_id": owner_id}
        if metric is not None:
            query["metric"] = metric.value
        return await self.page(query, request)

    async def aggregate(
        self,
        owner_id: str,
        metric: TrackerMetric,
        *,
        by: str,
        from_day: str,
        to_day: str,
        currency: str | None = None,
    ) -> list[dict[str, Any]]:
        """count/sum/avg/min/max per local day or week (and currency for spending)."""
        match: dict[str, Any] = {
            "owner_id": owner_id,
            "metric": metric.value,
            "day": {"$gte": from_day, "$lte": to_day},
        }
        if currency is not None:
            match["currency"] = currency
        pipeline: list[dict[str, Any]] = [
            {"$match": match},
            {
                "$group": {
                    "_id": {"period": f"${by}", "currency": "$currency"},
                    "count": {"$sum": 1},
                    "total": {"$sum": "$value"},
                    "average": {"$avg": "$value"},
                    "minimum": {"$min": "$value"},
                    "maximum": {"$max": "$value"},
                }
            },
            {"$sort": {"_id.period": 1, "_id.currency": 1}},
        ]
        cursor = await collection(TrackerEntryDoc).aggregate(pipeline)
        return await cursor.to_list()

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
