"""Wires storage and repositories into services: what `build()` hands to resolvers."""

from __future__ import annotations

from dataclasses import dataclass

from common.events import OutboxPublisher
from common.storage import ObjectStorage
from subgraphs.media.repository.media import MediaRepository
from subgraphs.media.service.uploads import Clock, UploadLimits, UploadService, system_clock


@dataclass
class MediaServices:
    storage: ObjectStorage
    uploads: UploadService


def build_services(
    storage: ObjectStorage,
    publisher: OutboxPublisher,
    *,
    limits: UploadLimits | None = None,
    clock: Clock = system_clock,
) -> MediaServices:
    uploads = UploadService(
        storage, MediaRepository(), publisher, limits=limits or UploadLimits(), clock=clock
    )
    return MediaServices(storage=storage, uploads=uploads)
