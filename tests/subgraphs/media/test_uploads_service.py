"""The upload service on a real database and the local backend: sweep, erasure, events."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from pathlib import Path

from PIL import Image

from common.db import Database
from common.events.outbox import COLLECTION
from subgraphs.media.domain.purposes import Purpose
from subgraphs.media.models import MediaState
from subgraphs.media.service.container import MediaServices
from tests.subgraphs.media.conftest import Clock


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (1, 2, 3)).save(out, format="PNG")
    return out.getvalue()


async def started(services: MediaServices, owner: str, data: bytes) -> str:
    doc, _ = await services.uploads.create(
        owner,
        purpose=Purpose.POST_MEDIA,
        content_type="image/png",
        byte_size=len(data),
        checksum_sha256=hashlib.sha256(data).hexdigest(),
    )
    return str(doc.id)


async def completed(services: MediaServices, owner: str, data: bytes) -> str:
    upload_id = await started(services, owner, data)
    doc = await services.uploads.media.get(upload_id)
    assert doc is not None
    # What the client's PUT does, straight into storage.
    await services.storage.put(doc.keys["ORIGINAL"], data, content_type="image/png")
    media = await services.uploads.complete(owner, upload_id)
    assert media.state is MediaState.READY
    return upload_id


async def test_sweep_removes_only_uploads_pending_past_a_day(
    services: MediaServices, clock: Clock, tmp_path: Path
) -> None:
    data = png()
    abandoned = await started(services, "u1", data)
    half_uploaded = await services.uploads.media.get(abandoned)
    assert half_uploaded is not None
    await services.storage.put(half_uploaded.keys["ORIGINAL"], data, content_type="image/png")
    done = await completed(services, "u1", data)
    clock.now += timedelta(hours=23)
    recent = await started(services, "u1", data)

    assert await services.uploads.sweep() == 0
    clock.now += timedelta(hours=2)
    assert await services.uploads.sweep() == 1

    assert await services.uploads.media.get(abandoned) is None
    assert await services.storage.head(half_uploaded.keys["ORIGINAL"]) is None
    assert await services.uploads.media.get(done) is not None
    assert await services.uploads.media.get(recent) is not None


async def test_erasure_deletes_every_object_of_the_user(
    services: MediaServices, tmp_path: Path
) -> None:
    data = png()
    mine = await completed(services, "gone", data)
    theirs = await completed(services, "stays", data)
    doc = await services.uploads.media.get(mine)
    assert doc is not None
    assert set(doc.keys) == {"ORIGINAL", "SMALL", "MEDIUM"}

    assert await services.uploads.erase_owner("gone") == 1

    assert await services.uploads.media.get(mine) is None
    for key in doc.keys.values():
        assert await services.storage.head(key) is None
    assert not list((tmp_path / "m" / "gone").rglob("*.png*"))
    assert await services.uploads.media.get(theirs) is not None


async def test_completion_publishes_media_completed(
    services: MediaServices, database: Database
) -> None:
    media_id = await completed(services, "u1", png())
    rows = await database[COLLECTION].find({"event.type": "media.media.completed"}).to_list()
    assert [row["event"]["data"] for row in rows] == [
        {"media_id": media_id, "owner_id": "u1", "purpose": "POST_MEDIA"}
    ]
