"""The media services on a real database and the local backend, with a clock tests move."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from common.db import Database, init_database
from common.events import OutboxPublisher
from common.infra import Infrastructure
from common.storage.local import LocalStorage
from common.storage.signing import UrlSigner
from subgraphs.media.models import MODELS
from subgraphs.media.service.container import MediaServices, build_services
from subgraphs.media.service.uploads import UploadLimits


class Clock:
    # Starts at the real time: completion compares it with the storage's own clock
    # (when the bytes were stored).
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def database(infra: Infrastructure) -> Database:
    return await init_database(infra.mongo, infra.settings, "media", MODELS)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def services(database: Database, tmp_path: Path, clock: Clock) -> MediaServices:
    publisher = OutboxPublisher(database)
    storage = LocalStorage(tmp_path, base_url="http://unused/storage", signer=UrlSigner(b"k"))
    return build_services(storage, publisher, limits=UploadLimits(), clock=clock)
