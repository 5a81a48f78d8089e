"""Data exports (docs/media.md, "Data export"): media coordinates the subgraphs' parts."""

from __future__ import annotations

import asyncio
import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from pymongo.errors import DuplicateKeyError

from common.errors import NotFound, RateLimited
from common.events import Event, OutboxPublisher, OutboxTransaction
from common.events.catalog import ExportPartReady, ExportReady, ExportRequested
from common.export import PARTS, archive_key, part_key
from common.export.keys import READY, REQUESTED
from common.settings import MediaSettings
from common.storage import ObjectStorage
from subgraphs.media.models import ExportJob, ExportStatus
from subgraphs.media.repository.exports import ExportRepository
from subgraphs.media.repository.media import MediaRepository
from subgraphs.media.service.archive import build_archive
from subgraphs.media.service.uploads import Clock, system_clock

log = logging.getLogger(__name__)

MAX_LISTED = 20
# One sweep pass purges at most this many jobs, then looks again.
_BATCH = 100


@dataclass(frozen=True, slots=True)
class ExportLimits:
    retention_seconds: int = 7 * 24 * 3600
    timeout_seconds: int = 3600
    url_seconds: int = 3600

    @classmethod
    def from_settings(cls, settings: MediaSettings) -> ExportLimits:
        return cls(
            retention_seconds=settings.export_retention_seconds,
            timeout_seconds=settings.export_timeout_seconds,
            url_seconds=settings.media_download_url_seconds,
        )


class ExportService:
    def __init__(
        self,
        storage: ObjectStorage,
        exports: ExportRepository,
        media: MediaRepository,
        publisher: OutboxPublisher,
        *,
        limits: ExportLimits,
        clock: Clock = system_clock,
    ) -> None:
        self._storage = storage
        self._exports = exports
        self._media = media
        self._publisher = publisher
        self._limits = limits
        self._clock = clock

    async def request(self, owner_id: str, *, include_media: bool) -> ExportJob:
        """A new job, announced to every subgraph in its own transaction (outbox)."""
        now = self._clock()
        await self._exports.fail_overdue(owner_id, now)
        job = ExportJob(
            owner_id=owner_id,
            include_media=include_media,
            requested_at=now,
            deadline=now + timedelta(seconds=self._limits.timeout_seconds),
            running=owner_id,
        )

        async def start(tx: OutboxTransaction) -> None:
            await self._exports.insert(job, session=tx.session)
            data = ExportRequested(export_id=str(job.id), user_id=owner_id)
            await tx.publish(Event.of(REQUESTED, user_id=owner_id, data=data))

        try:
            # Concurrent requests of one member collide on the `running` index: the
            # server aborts the losers for a write conflict, and once re-run they meet
            # the winner's row as a duplicate key.
            await self._publisher.run_in_transaction(start)
        except DuplicateKeyError:
            raise await self._busy(owner_id, now) from None
        return job

    async def _busy(self, owner_id: str, now: datetime) -> RateLimited:
        running = await self._exports.running(owner_id)
        wait = (running.deadline - now).total_seconds() if running else 1
        return RateLimited(
            "An export of yours is still being prepared; wait for it to finish.",
            # Rounded up: the database keeps milliseconds, so a full hour reads 3599.999 s.
            retry_after=max(1, math.ceil(wait)),
        )

    async def get(self, owner_id: str, export_id: str) -> ExportJob:
        """The owner's job; another user's is NOT_FOUND, like one that does not exist."""
        job = await self._exports.owned(owner_id, export_id)
        if job is None:
            raise NotFound("No such export.", field="id")
        return job

    async def latest(self, owner_id: str) -> list[ExportJob]:
        return await self._exports.latest(owner_id, limit=MAX_LISTED)

    def status(self, job: ExportJob) -> ExportStatus:
        """The status as of now: a deadline or an expiry passes without a write."""
        now = self._clock()
        if job.status is ExportStatus.PENDING and job.deadline <= now:
            return ExportStatus.FAILED
        expired = job.expires_at is not None and job.expires_at <= now
        if job.status is ExportStatus.READY and (expired or job.purged):
            return ExportStatus.EXPIRED
        return job.status

    async def download_url(self, job: ExportJob) -> str | None:
        """A signed URL, valid until the download window closes at the latest."""
        if self.status(job) is not ExportStatus.READY or not job.archive_key:
            return None
        assert job.expires_at is not None
        left = int((job.expires_at - self._clock()).total_seconds())
        return await self._storage.signed_get(
            job.archive_key, expires_in=max(1, min(left, self._limits.url_seconds))
        )

    async def part_ready(self, part: ExportPartReady) -> None:
        """Note a part; with the last one, build the archive and announce it."""
        job = await self._exports.add_part(part.user_id, part.export_id, part.subgraph)
        # Past its deadline the job has failed (the sweep may be deleting its parts).
        if job is None or self.status(job) is not ExportStatus.PENDING:
            return
        if not set(PARTS) <= set(job.parts):
            return
        # A redelivery after a crash here builds the same archive again: same key.
        media = await self._media.ready_of_owner(job.owner_id) if job.include_media else []
        parts = {f"{name}.json": part_key(str(job.id), name) for name in PARTS}
        key = archive_key(str(job.id))
        async with build_archive(self._storage, parts, media) as archive:
            await self._storage.put_file(key, archive, content_type="application/zip")
            size = (await asyncio.to_thread(archive.stat)).st_size
        await self._finish(job, key, size)
        # In the archive now; a crash before this leaves them to the sweep.
        await self._delete_parts(str(job.id))

    async def erase_owner(self, owner_id: str) -> None:
        """Account erasure: every archive and part of the owner's, then the jobs."""
        for export_id in await self._exports.ids_of_owner(owner_id):
            # Objects first: a crash in between leaves rows the redelivery finds again.
            await self._delete_parts(export_id)
            await self._storage.delete(archive_key(export_id))
        await self._exports.delete_owner(owner_id)

    async def sweep(self) -> int:
        """Delete archives past their expiry and parts of jobs past their deadline."""
        now = self._clock()
        purged = 0
        while batch := await self._exports.to_purge(now, limit=_BATCH):
            for job in batch:
                # Objects first: a crash in between leaves a row the next pass retries.
                await self._delete_parts(str(job.id))
                await self._storage.delete(archive_key(str(job.id)))
                await self._exports.purged(job)
            purged += len(batch)
        return purged

    async def run_sweeper(self, interval_seconds: float) -> None:
        """The background sweep (supervised: a crash restarts it)."""
        while True:
            if removed := await self.sweep():
                log.info("purged %d expired or failed data exports", removed)
            await asyncio.sleep(interval_seconds)

    async def _delete_parts(self, export_id: str) -> None:
        for name in PARTS:
            await self._storage.delete(part_key(export_id, name))

    async def _finish(self, job: ExportJob, key: str, size: int) -> None:
        now = self._clock()
        expires = now + timedelta(seconds=self._limits.retention_seconds)
        async with self._publisher.transaction() as tx:
            marked = await self._exports.mark_ready(
                job,
                archive_key=key,
                byte_size=size,
                ready_at=now,
                expires_at=expires,
                session=tx.session,
            )
            if not marked:
                return
            data = ExportReady(export_id=str(job.id), user_id=job.owner_id, expires_at=expires)
            event = Event.of(READY, user_id=job.owner_id, data=data)
            await tx.publish(event.model_copy(update={"id": f"{job.id}:ready"}))
        log.info("data export ready", extra={"export_id": str(job.id), "bytes": size})
