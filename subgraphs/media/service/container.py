"""Wires storage and repositories into services: what `build()` hands to resolvers."""

from __future__ import annotations

from dataclasses import dataclass

from common.events import OutboxPublisher
from common.storage import ObjectStorage
from subgraphs.media.repository.audience import (
    PostAudienceRepository,
    PrivacyRepository,
    RelationRepository,
)
from subgraphs.media.repository.exports import ExportRepository
from subgraphs.media.repository.media import MediaRepository
from subgraphs.media.repository.readers import ReadersRepository
from subgraphs.media.service.attachments import AttachmentService
from subgraphs.media.service.audience import AudienceService
from subgraphs.media.service.exports import ExportLimits, ExportService
from subgraphs.media.service.speech import Speaker
from subgraphs.media.service.spoken import SpokenReplies
from subgraphs.media.service.transcription import Transcriber
from subgraphs.media.service.uploads import Clock, UploadLimits, UploadService, system_clock
from subgraphs.media.service.visibility import AudienceRepos, VisibilityService


@dataclass
class MediaServices:
    storage: ObjectStorage
    uploads: UploadService
    attachments: AttachmentService
    exports: ExportService
    audience: AudienceService
    visibility: VisibilityService
    # The coach's spoken replies; None without a speech provider (the default).
    spoken: SpokenReplies | None = None


def build_services(
    storage: ObjectStorage,
    publisher: OutboxPublisher,
    *,
    limits: UploadLimits | None = None,
    clock: Clock = system_clock,
    transcriber: Transcriber | None = None,
    speaker: Speaker | None = None,
    export_limits: ExportLimits | None = None,
) -> MediaServices:
    media, readers = MediaRepository(), ReadersRepository()
    audience = AudienceRepos(PostAudienceRepository(), PrivacyRepository(), RelationRepository())
    uploads = UploadService(storage, media, publisher, limits=limits or UploadLimits(), clock=clock)
    attachments = AttachmentService(uploads, media, readers, publisher, transcriber)
    spoken = (
        SpokenReplies(uploads, media, readers, publisher, speaker) if speaker is not None else None
    )
    exports = ExportService(
        storage,
        ExportRepository(),
        media,
        publisher,
        limits=export_limits or ExportLimits(),
        clock=clock,
    )
    return MediaServices(
        storage=storage,
        uploads=uploads,
        attachments=attachments,
        exports=exports,
        audience=AudienceService(media, audience),
        visibility=VisibilityService(media, readers, audience),
        spoken=spoken,
    )
