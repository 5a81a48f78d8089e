"""All reads and writes of export jobs."""

from __future__ import annotations

from datetime import datetime

from beanie import SortDirection
from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Repository, parse_object_id
from subgraphs.media.models import ExportJob, ExportStatus


class ExportRepository(Repository[ExportJob]):
    model = ExportJob

    async def owned(self, owner_id: str, export_id: str) -> ExportJob | None:
        oid = parse_object_id(export_id)
        if oid is None:
            return None
        found: ExportJob | None = await self.model.find_one({"_id": oid, "owner_id": owner_id})
        return found

    async def latest(self, owner_id: str, *, limit: int) -> list[ExportJob]:
        found: list[ExportJob] = (
            await self.model.find({"owner_id": owner_id})
            .sort(("requested_at", SortDirection.DESCENDING))
            .limit(limit)
            .to_list()
        )
        return found

    async def ids_of_owner(self, owner_id: str) -> list[str]:
        rows = self.model.get_pymongo_collection().find({"owner_id": owner_id}, {"_id": True})
        return [str(row["_id"]) async for row in rows]

    async def delete_owner(self, owner_id: str) -> int:
        return await self.delete_where({"owner_id": owner_id})

    async def running(self, owner_id: str) -> ExportJob | None:
        found: ExportJob | None = await self.model.find_one({"running": owner_id})
        return found

    async def fail_overdue(self, owner_id: str, now: datetime) -> None:
        """Give up the owner's running job once past its deadline (a part never came)."""
        await self.model.get_pymongo_collection().update_many(
            {"running": owner_id, "deadline": {"$lte": now}},
            {"$set": {"status": ExportStatus.FAILED.value, "running": None}},
        )

    async def to_purge(self, now: datetime, *, limit: int) -> list[ExportJob]:
        """Jobs whose objects may go: READY past their expiry, PENDING past their deadline."""
        query = {
            "$or": [
                {"status": ExportStatus.READY.value, "expires_at": {"$lte": now}},
                {"status": ExportStatus.PENDING.value, "deadline": {"$lte": now}},
            ],
            "purged": {"$ne": True},
        }
        found: list[ExportJob] = await self.model.find(query).limit(limit).to_list()
        return found

    async def purged(self, job: ExportJob) -> None:
        """Its objects are gone; a PENDING job is FAILED now and frees its owner's slot."""
        fields: dict[str, object] = {"purged": True, "running": None}
        if job.status is ExportStatus.PENDING:
            fields["status"] = ExportStatus.FAILED.value
        await self.set_fields(str(job.id), fields)

    async def add_part(self, owner_id: str, export_id: str, subgraph: str) -> ExportJob | None:
        """Record a part of the owner's job (once, whatever the redeliveries); the job now."""
        oid = parse_object_id(export_id)
        if oid is None:
            return None
        raw = await self.model.get_pymongo_collection().find_one_and_update(
            {"_id": oid, "owner_id": owner_id},
            {"$addToSet": {"parts": subgraph}},
            return_document=ReturnDocument.AFTER,
        )
        return None if raw is None else ExportJob.model_validate(raw)

    async def mark_ready(
        self,
        job: ExportJob,
        *,
        archive_key: str,
        byte_size: int,
        ready_at: datetime,
        expires_at: datetime,
        session: AsyncClientSession,
    ) -> bool:
        """READY, once: False when another delivery finished (or the job failed) first."""
        done = await self.set_fields(
            str(job.id),
            {
                "status": ExportStatus.READY.value,
                "running": None,
                "archive_key": archive_key,
                "byte_size": byte_size,
                "ready_at": ready_at,
                "expires_at": expires_at,
            },
            where={"status": ExportStatus.PENDING.value},
            session=session,
        )
        return done is not None
