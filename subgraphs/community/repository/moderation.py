"""Reports, the moderation queue (one case per target) and the audit log."""

from __future__ import annotations

from typing import Any

from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from common.repository import Page, PageRequest
from subgraphs.community.models import (
    CaseStatus,
    ModerationAction,
    ModerationCase,
    Report,
    TargetType,
    utc_now,
)
from subgraphs.community.repository.base import CommunityRepository, Session

MAX_REASONS_KEPT = 20


class ReportRepository(CommunityRepository[Report]):
    model = Report

    async def add(self, report: Report, *, session: Session = None) -> bool:
        key = {
            "target_type": report.target_type,
            "target_id": report.target_id,
            "reporter_id": report.reporter_id,
        }
        if await self.collection().find_one(key, {"_id": 1}, session=session) is not None:
            return False
        try:
            await report.insert(session=session)
        except DuplicateKeyError:
            if session is not None:
                raise  # the transaction is aborted; the unit of work re-runs
            return False
        return True

    async def delete_involving(
        self, user_id: str, target_ids: list[str], *, session: Session = None
    ) -> int:
        return await self.delete_where(
            {"$or": [{"reporter_id": user_id}, {"target_id": {"$in": target_ids}}]},
            session=session,
        )


class CaseRepository(CommunityRepository[ModerationCase]):
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
        session: Session = None,
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
        row = await self.collection().find_one_and_update(
            {"target_type": target_type, "target_id": target_id},
            update,
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        case: ModerationCase = ModerationCase.model_validate(row)
        return case

    async def resolve(
        self, target_type: TargetType, target_id: str, *, session: Session = None
    ) -> None:
        await self.collection().update_one(
            {"target_type": target_type, "target_id": target_id, "status": CaseStatus.OPEN},
            {"$set": {"status": CaseStatus.RESOLVED, "resolved_at": utc_now(), "held": False}},
            session=session,
        )

    async def page_open(self, request: PageRequest) -> Page[ModerationCase]:
        # Oldest first: a queue is worked from its head.
        return await self.page({"status": CaseStatus.OPEN}, request, descending=False)

    async def for_target(
        self, target_type: TargetType, target_id: str, *, session: Session = None
    ) -> ModerationCase | None:
        row = await self.collection().find_one(
            {"target_type": target_type, "target_id": target_id}, session=session
        )
        return self.parse(row)


class ActionRepository(CommunityRepository[ModerationAction]):
    model = ModerationAction

    async def page_for(self, target_id: str | None, request: PageRequest) -> Page[ModerationAction]:
        query = {"target_id": target_id} if target_id else {}
        return await self.page(query, request)
