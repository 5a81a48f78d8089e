"""Reports, the moderation queue (one case per target) and the audit log."""

from __future__ import annotations

from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.repository import Page, PageRequest, Repository
from subgraphs.community.models import (
    CaseStatus,
    ModerationAction,
    ModerationCase,
    Report,
    TargetType,
    utc_now,
)

MAX_REASONS_KEPT = 20


class ReportRepository(Repository[Report]):
    model = Report

    async def add(self, report: Report) -> bool:
        try:
            await report.insert()
        except DuplicateKeyError:
            return False
        return True

    async def delete_involving(self, user_id: str, target_ids: list[str]) -> int:
        return await self.delete_where(
            {"$or": [{"reporter_id": user_id}, {"target_id": {"$in": target_ids}}]}
        )


class CaseRepository(Repository[ModerationCase]):
    model = ModerationCase

    async def open(
        self,
        target_type: TargetType,
        target_id: str,
        author_id: str,
        reason: str,
        *,
        held: bool = False,
        reported: bool = False,
    ) -> ModerationCase:
        """Open (or reopen) the target's case and add the reason to it."""
        update: dict[str, Any] = {
            "$set": {"status": CaseStatus.OPEN, "resolved_at": None},
            "$push": {"reasons": {"$each": [reason], "$slice": -MAX_REASONS_KEPT}},
            "$setOnInsert": {"target_author_id": author_id, "opened_at": utc_now()},
            "$inc": {"report_count": 1 if reported else 0},
        }
        if held:
            update["$set"]["held"] = True
        row = await ModerationCase.get_pymongo_collection().find_one_and_update(
            {"target_type": target_type, "target_id": target_id},
            update,
            upsert=True,
            return_document=ReturnDocument.AFTER,
        )
        case: ModerationCase = ModerationCase.model_validate(row)
        return case

    async def resolve(self, target_type: TargetType, target_id: str) -> None:
        await ModerationCase.get_pymongo_collection().update_one(
            {"target_type": target_type, "target_id": target_id, "status": CaseStatus.OPEN},
            {"$set": {"status": CaseStatus.RESOLVED, "resolved_at": utc_now(), "held": False}},
        )

    async def page_open(self, request: PageRequest) -> Page[ModerationCase]:
        # Oldest first: a queue is worked from its head.
        return await self.page({"status": CaseStatus.OPEN}, request, descending=False)

    async def for_target(self, target_type: TargetType, target_id: str) -> ModerationCase | None:
        found: ModerationCase | None = await ModerationCase.find_one(
            {"target_type": target_type, "target_id": target_id}
        )
        return found

    async def delete_for_targets(self, target_ids: list[str]) -> int:
        return await self.delete_where({"target_id": {"$in": target_ids}})


class ActionRepository(Repository[ModerationAction]):
    model = ModerationAction

    async def page_for(self, target_id: str | None, request: PageRequest) -> Page[ModerationAction]:
        query = {"target_id": target_id} if target_id else {}
        return await self.page(query, request)
