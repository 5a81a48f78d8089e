"""Wires storage and repositories into services: what `build()` hands to resolvers."""

from __future__ import annotations

from dataclasses import dataclass

from common.events import OutboxPublisher
from common.storage import ObjectStorage
from subgraphs.media.repository.media import MediaRepository
from subgraphs.media.repository.readers import ReadersRepository
from subgraphs.media.service.attachments import AttachmentService
from subgraphs.media.service.transcription import Transcriber
from subgraphs.media.service.uploads import Clock, UploadLimits, UploadService, system_clock


@dataclass
class MediaServices:
    storage: ObjectStorage
    uploads: UploadService
    attachments: AttachmentService


def build_services(
    storage: ObjectStorage,
    publisher: OutboxPublisher,
    *,
    limits: UploadLimits | None = None,
    clock: Clock = system_clock,
    transcriber: Transcriber | None = None,
) -> MediaServices:
    media, readers = MediaRepository(), ReadersRepository()
    uploads = UploadService(
        storage,
        media,
        publisher,
        readers=readers,
        limits=limits or UploadLimits(),
        clock=clock,
    )
    attachments = AttachmentService(uploads, media, readers, publisher, transcriber)
    return MediaServices(storage=storage, uploads=uploads, attachments=attachments)
