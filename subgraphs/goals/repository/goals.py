from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bson import ObjectId

from common.repository import Page, PageRequest, Repository
from subgraphs.goals.domain.enums import GoalStatus, LifeArea, Visibility
from subgraphs.goals.models import GoalDoc, TemplateDoc
from subgraphs.goals.repository._raw import Session


class GoalRepository(Repository[GoalDoc]):
    model = GoalDoc

    async def children(self, parent_id: str, *, session: Session = None) -> list[GoalDoc]:
        return await GoalDoc.find({"parent_id": parent_id}, session=session).sort("+_id").to_list()

    async def descendants(self, goal_id: str, *, session: Session = None) -> list[GoalDoc]:
        """Every goal below `goal_id`, shallowest first (so parents come before children)."""
        found = await GoalDoc.find({"ancestor_ids": goal_id}, session=session).to_list()
        return sorted(found, key=lambda g: (len(g.ancestor_ids), str(g.id)))

    async def page_for_owner(
        self,
        owner_id: str,
        request: PageRequest,
        *,
        status: GoalStatus | None = None,
        area: LifeArea | None = None,
        visibilities: Iterable[Visibility] | None = None,
        roots_only: bool = False,
    ) -> Page[GoalDoc]:
        query: dict[str, Any] = {"owner_id": owner_id}
        if status is not None:
            query["status"] = status.value
        if area is not None:
            query["area"] = area.value
        if visibilities is not None:
            query["visibility"] = {"$in": [v.value for v in visibilities]}
        if roots_only:
            query["parent_id"] = None
        return await self.page(query, request)

    async def by_coach_request(self, request_id: str, *, session: Session = None) -> GoalDoc | None:
        return await GoalDoc.find_one({"coach_request_id": request_id}, session=session)

    async def template_ids_in_use(self, owner_id: str) -> set[str]:
        rows = await GoalDoc.find(
            {
                "owner_id": owner_id,
                "template_id": {"$ne": None},
                "status": {"$in": ["active", "paused"]},
            }
        ).to_list()
        return {g.template_id for g in rows if g.template_id}

    async def delete_ids(self, ids: Iterable[str], *, session: Session = None) -> int:
        oids = [ObjectId(i) for i in ids]
        return await self.delete_where({"_id": {"$in": oids}}, session=session)

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)


class TemplateRepository(Repository[TemplateDoc]):
    model = TemplateDoc

    async def for_owner(self, owner_id: str, area: LifeArea | None = None) -> list[TemplateDoc]:
        query: dict[str, Any] = {"owner_id": owner_id}
        if area is not None:
            query["area"] = area.value
        return await TemplateDoc.find(query).sort("+_id").to_list()

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
