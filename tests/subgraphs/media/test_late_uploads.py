"""completeUpload against when the bytes were stored, on both backends: an object that
arrived after its upload URL expired is refused, whether or not storage took the PUT."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from common.db import Database
from common.events import OutboxPublisher
from common.storage import ObjectStorage
from subgraphs.media.domain.errors import UploadExpired
from subgraphs.media.domain.purposes import Purpose
from subgraphs.media.models import MediaState
from subgraphs.media.service.container import MediaServices, build_services
from subgraphs.media.service.uploads import UploadLimits
from tests.subgraphs.media.conftest import Clock
from tests.subgraphs.media.test_uploads_service import png

URL_SECONDS = UploadLimits().upload_url_seconds


@pytest.fixture
def on_backend(storage: ObjectStorage, database: Database, clock: Clock) -> MediaServices:
    """The media services over each backend, served behind its real HTTP side."""
    return build_services(storage, OutboxPublisher(database), limits=UploadLimits(), clock=clock)


async def put_via_url(services: MediaServices, started_at: datetime, clock: Clock) -> str:
    """An upload the service started at `started_at`, its bytes PUT through its URL now."""
    data = png()
    clock.now = started_at
    doc, put = await services.uploads.create(
        "ada",
        purpose=Purpose.POST_MEDIA,
        content_type="image/png",
        byte_size=len(data),
        checksum_sha256=hashlib.sha256(data).hexdigest(),
    )
    async with httpx.AsyncClient() as http:
        answer = await http.put(put.url, content=data, headers=put.headers)
    # Storage took it: moto checks no expiry, and the URL itself (signed from the
    # storage's clock) is still valid; only the record says the upload was started late.
    assert answer.status_code == 200, answer.text
    clock.now = datetime.now(UTC)
    return str(doc.id)


async def test_bytes_stored_after_the_url_expired_are_refused_and_deleted(
    on_backend: MediaServices, clock: Clock
) -> None:
    # Started long enough ago that its URL had expired before the PUT happened.
    started = datetime.now(UTC) - timedelta(seconds=URL_SECONDS + 60)
    upload_id = await put_via_url(on_backend, started, clock)

    with pytest.raises(UploadExpired) as refused:
        await on_backend.uploads.complete("ada", upload_id)
    assert refused.value.code == "UPLOAD_EXPIRED"
    doc = await on_backend.uploads.media.get(upload_id)
    assert doc is not None
    assert doc.state is MediaState.PENDING
    assert await on_backend.storage.head(doc.keys["ORIGINAL"]) is None
    # Asking again tells the same: nothing arrived in time.
    with pytest.raises(UploadExpired):
        await on_backend.uploads.complete("ada", upload_id)


async def test_bytes_stored_before_the_url_expired_are_accepted(
    on_backend: MediaServices, clock: Clock
) -> None:
    started = datetime.now(UTC) - timedelta(seconds=URL_SECONDS - 60)
    upload_id = await put_via_url(on_backend, started, clock)
    media = await on_backend.uploads.complete("ada", upload_id)
    assert media.state is MediaState.READY
