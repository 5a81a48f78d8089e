"""Uploads from presigned URL to verified media, and their removal (sweep, erasure)."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from beanie import PydanticObjectId

from common.errors import BadUserInput, Conflict, RateLimited
from common.events import Event, OutboxPublisher
from common.events.catalog import MediaCompleted
from common.settings import MediaSettings
from common.storage import ObjectStorage, PresignedPut
from subgraphs.media.domain.audio import NotAudio, duration_seconds
from subgraphs.media.domain.errors import (
    UploadChecksumMismatch,
    UploadExpired,
    UploadNotFound,
    UploadTooLarge,
    UploadTypeNotAllowed,
)
from subgraphs.media.domain.images import NotAnImage, Size, process_image
from subgraphs.media.domain.purposes import POLICIES, Purpose, is_audio, is_image
from subgraphs.media.domain.sniff import HEAD_BYTES, sniff
from subgraphs.media.models import MediaState, StoredMedia
from subgraphs.media.repository.media import MediaRepository

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
_SHA256_HEX = re.compile(r"^[0-9a-f]{64}$")
_DAY = timedelta(days=1)
# One sweep or erasure pass removes at most this many uploads, then looks again.
_BATCH = 200


@dataclass(frozen=True, slots=True)
class UploadLimits:
    upload_url_seconds: int = 900
    download_url_seconds: int = 3600
    quota_bytes: int = 500 << 20
    daily_uploads: int = 200
    pending_ttl_seconds: int = 24 * 3600
    sweep_interval_seconds: float = 600.0

    @classmethod
    def from_settings(cls, settings: MediaSettings) -> UploadLimits:
        return cls(
            upload_url_seconds=settings.media_upload_url_seconds,
            download_url_seconds=settings.media_download_url_seconds,
            quota_bytes=settings.media_quota_bytes,
            daily_uploads=settings.media_daily_uploads,
            pending_ttl_seconds=settings.media_pending_ttl_seconds,
            sweep_interval_seconds=settings.media_sweep_interval_seconds,
        )


def system_clock() -> datetime:
    return datetime.now(UTC)


class UploadService:
    def __init__(
        self,
        storage: ObjectStorage,
        media: MediaRepository,
        publisher: OutboxPublisher,
        *,
        limits: UploadLimits,
        clock: Clock = system_clock,
    ) -> None:
        self.storage = storage
        self.media = media
        self.publisher = publisher
        self.limits = limits
        self.clock = clock

    async def create(
        self,
        owner_id: str,
        *,
        purpose: Purpose,
        content_type: str,
        byte_size: int,
        checksum_sha256: str,
    ) -> tuple[StoredMedia, PresignedPut]:
        """A pending upload and the URL its bytes go to."""
        policy = POLICIES[purpose]
        if content_type not in policy.types:
            raise UploadTypeNotAllowed(
                f"{purpose.value} accepts {', '.join(sorted(policy.types))}.",
                field="contentType",
            )
        if byte_size <= 0:
            raise BadUserInput("byteSize must be positive.", field="byteSize")
        if byte_size > policy.max_bytes:
            raise UploadTooLarge(
                f"{purpose.value} files are at most {policy.max_bytes} bytes.",
                field="byteSize",
                maxBytes=policy.max_bytes,
            )
        checksum = checksum_sha256.lower()
        if not _SHA256_HEX.match(checksum):
            raise BadUserInput("checksumSha256 is 64 hex digits.", field="checksumSha256")
        now = self.clock()
        await self._check_quota(owner_id, byte_size, now)
        expires_in = self.limits.upload_url_seconds
        # The id is chosen here so the record names its key from its first write.
        media_id = PydanticObjectId()
        key = object_key(owner_id, str(media_id), Size.ORIGINAL)
        doc = await self.media.insert(
            StoredMedia(
                id=media_id,
                owner_id=owner_id,
                purpose=purpose,
                declared_type=content_type,
                byte_size=byte_size,
                checksum_sha256=checksum,
                keys={Size.ORIGINAL.value: key},
                created_at=now,
                upload_expires_at=now + timedelta(seconds=expires_in),
            )
        )
        put = await self.storage.presign_put(
            key, content_type=content_type, byte_size=byte_size, expires_in=expires_in
        )
        return doc, put

    async def complete(self, owner_id: str, upload_id: str) -> StoredMedia:
        """Verify the uploaded object and make it media; completing twice returns it again."""
        doc = await self.media.get(upload_id)
        if doc is None or doc.owner_id != owner_id:
            raise UploadNotFound("No such upload.", field="uploadId")
        if doc.state is MediaState.READY:
            return doc
        key = doc.keys[Size.ORIGINAL.value]
        info = await self.storage.head(key)
        if info is None:
            if self.clock() >= doc.upload_expires_at:
                raise UploadExpired("The upload URL expired; start a new upload.")
            raise Conflict("Nothing was uploaded yet: PUT the file to the upload URL first.")
        if info.stored_by > doc.upload_expires_at:
            # Real S3 refuses a late PUT itself; S3-compatible servers that check no
            # expiry (moto, some gateways) store it, so the record's expiry decides. Bytes
            # not known to be in before it are refused (S3 tells the second only).
            await self.storage.delete(key)
            raise UploadExpired(
                "The file arrived after the upload URL expired; start a new upload."
            )
        policy = POLICIES[doc.purpose]
        if info.size > policy.max_bytes:
            await self.storage.delete(key)
            raise UploadTooLarge("The file is larger than allowed.", maxBytes=policy.max_bytes)
        data = await self.storage.get(key) if info.size == doc.byte_size else b""
        digest = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
        if info.size != doc.byte_size or digest != doc.checksum_sha256:
            await self.storage.delete(key)
            raise UploadChecksumMismatch("The uploaded bytes differ from the declared ones.")
        content_type = sniff(data[:HEAD_BYTES])
        if content_type is None or content_type not in policy.types:
            await self.storage.delete(key)
            raise UploadTypeNotAllowed(f"The file is not a type {doc.purpose.value} accepts.")
        fields = await self._store_variants(doc, data, content_type)
        fields.update(
            state=MediaState.READY.value, content_type=content_type, completed_at=self.clock()
        )
        ready = await self.media.set_fields(
            upload_id, fields, where={"state": MediaState.PENDING.value}
        )
        if ready is None:  # completed (or swept) concurrently
            found = await self.media.get(upload_id)
            if found is None:
                raise UploadNotFound("No such upload.", field="uploadId")
            return found
        await self.publisher.publish(
            Event.of(
                "media.media.completed",
                user_id=owner_id,
                data=MediaCompleted(
                    media_id=upload_id, owner_id=owner_id, purpose=doc.purpose.value
                ),
            )
        )
        return ready

    async def remove_owned(self, owner_id: str, media_ids: list[str]) -> int:
        """Delete these media of the owner's (their post or message went); idempotent."""
        return await self._remove(await self.media.of_owner_among(owner_id, media_ids))

    async def url(self, doc: StoredMedia, size: Size) -> str:
        """A signed GET of one size; media without thumbnails give their original."""
        key = doc.keys.get(size.value) or doc.keys[Size.ORIGINAL.value]
        return await self.storage.signed_get(key, expires_in=self.limits.download_url_seconds)

    async def erase_owner(self, owner_id: str) -> int:
        """Delete every object and record of the owner's (account erasure)."""
        removed = 0
        while batch := await self.media.of_owner(owner_id, limit=_BATCH):
            removed += await self._remove(batch)
        return removed

    async def sweep(self) -> int:
        """Remove uploads never completed within the pending TTL; how many went."""
        cutoff = self.clock() - timedelta(seconds=self.limits.pending_ttl_seconds)
        removed = 0
        while batch := await self.media.pending_before(cutoff, limit=_BATCH):
            removed += await self._remove(batch)
        return removed

    async def run_sweeper(self) -> None:
        """The background sweep (supervised: a crash restarts it)."""
        while True:
            removed = await self.sweep()
            if removed:
                log.info("swept %d abandoned uploads", removed)
            await asyncio.sleep(self.limits.sweep_interval_seconds)

    async def _remove(self, batch: list[StoredMedia]) -> int:
        for doc in batch:
            # Objects first: a crash in between leaves a record the next pass retries,
            # never an object no record points at.
            for key in set(doc.keys.values()):
                await self.storage.delete(key)
            await self.media.delete(doc)
        return len(batch)

    async def _check_quota(self, owner_id: str, byte_size: int, now: datetime) -> None:
        held, recent = await self.media.usage(owner_id, since=now - _DAY)
        if recent >= self.limits.daily_uploads:
            raise RateLimited("Too many uploads today.", retry_after=3600)
        if held + byte_size > self.limits.quota_bytes:
            raise RateLimited(
                "Your storage is full: delete media before uploading more.", retry_after=86_400
            )

    async def _store_variants(
        self, doc: StoredMedia, data: bytes, content_type: str
    ) -> dict[str, object]:
        if is_audio(content_type):
            try:
                duration = await asyncio.to_thread(duration_seconds, data, content_type)
            except NotAudio as exc:
                await self.storage.delete(doc.keys[Size.ORIGINAL.value])
                raise UploadTypeNotAllowed("The file is not readable audio.") from exc
            return {"duration_seconds": duration}
        if not is_image(content_type):
            return {}
        try:
            processed = await asyncio.to_thread(process_image, data, content_type)
        except NotAnImage as exc:
            await self.storage.delete(doc.keys[Size.ORIGINAL.value])
            raise UploadTypeNotAllowed("The file is not a readable image.") from exc
        keys = {Size.ORIGINAL.value: doc.keys[Size.ORIGINAL.value]}
        original, original_type = processed.original
        await self.storage.put(keys[Size.ORIGINAL.value], original, content_type=original_type)
        for size, (thumb, thumb_type) in processed.thumbnails.items():
            keys[size.value] = object_key(doc.owner_id, str(doc.id), size)
            await self.storage.put(keys[size.value], thumb, content_type=thumb_type)
        return {
            "keys": keys,
            "width": processed.width,
            "height": processed.height,
            "byte_size": len(original),
        }


def object_key(owner_id: str, media_id: str, size: Size) -> str:
    """Where one size of a media lives (under its owner: a bucket listing shows whose it is)."""
    return f"m/{owner_id}/{media_id}/{size.value.lower()}"
