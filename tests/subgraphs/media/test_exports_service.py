"""Data export jobs on a real database and the local backend: one at a time, the archive
once every part came, built once however often parts are redelivered, then expiry."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from datetime import timedelta

import pytest

from common.db import Database
from common.errors import NotFound, RateLimited
from common.events.catalog import ExportPartReady
from common.events.outbox import COLLECTION
from common.export import PARTS, archive_key, part_key
from subgraphs.media.models import ExportStatus
from subgraphs.media.service.container import MediaServices
from tests.subgraphs.media.conftest import Clock
from tests.subgraphs.media.test_uploads_service import completed, png


async def _send_part(services: MediaServices, owner: str, export_id: str, name: str) -> None:
    """What a subgraph's part writer does: its JSON in storage, then the event."""
    key = part_key(export_id, name)
    body = json.dumps({"subgraph": name, "userId": owner}).encode()
    await services.storage.put(key, body, content_type="application/json")
    part = ExportPartReady(export_id=export_id, user_id=owner, subgraph=name, key=key, records=1)
    await services.exports.part_ready(part)


async def _ready_events(database: Database) -> int:
    return await database[COLLECTION].count_documents({"type": "media.export.ready"})


async def test_one_export_runs_per_user_until_it_finishes_or_times_out(
    services: MediaServices, clock: Clock
) -> None:
    first = await services.exports.request("u1", include_media=True)
    with pytest.raises(RateLimited) as busy:
        await services.exports.request("u1", include_media=False)
    assert busy.value.extensions["retryAfter"] == 3600
    await services.exports.request("u2", include_media=True)  # others are not held up

    clock.now += timedelta(hours=1)
    assert services.exports.status(first) is ExportStatus.FAILED
    second = await services.exports.request("u1", include_media=True)
    assert second.id != first.id
    stored = await services.exports.get("u1", str(first.id))
    assert stored.status is ExportStatus.FAILED


async def test_the_archive_is_built_once_when_the_last_part_comes(
    services: MediaServices, database: Database, clock: Clock
) -> None:
    photo = await completed(services, "u1", png())
    await completed(services, "u2", png())
    job = await services.exports.request("u1", include_media=True)
    export_id = str(job.id)
    for name in PARTS[:-1]:
        await _send_part(services, "u1", export_id, name)
        await _send_part(services, "u1", export_id, name)  # redelivered
    # Another user's part naming this job changes nothing.
    await _send_part(services, "u2", export_id, PARTS[-1])
    pending = await services.exports.get("u1", export_id)
    assert pending.status is ExportStatus.PENDING
    assert sorted(pending.parts) == sorted(PARTS[:-1])
    assert await services.exports.download_url(pending) is None
    assert await services.storage.head(archive_key(export_id)) is None

    await _send_part(services, "u1", export_id, PARTS[-1])
    await _send_part(services, "u1", export_id, PARTS[-1])  # redelivered once done
    ready = await services.exports.get("u1", export_id)
    assert ready.status is ExportStatus.READY
    assert await _ready_events(database) == 1
    archive = zipfile.ZipFile(io.BytesIO(await services.storage.get(archive_key(export_id))))
    assert sorted(archive.namelist()) == sorted(
        [f"{name}.json" for name in PARTS] + [f"media/{photo}.png"]
    )
    assert archive.read(f"media/{photo}.png").startswith(b"\x89PNG")
    stored = await services.storage.head(archive_key(export_id))
    assert stored is not None
    assert ready.byte_size == stored.size
    # The parts are in the archive: storage keeps only the archive.
    assert await services.storage.head(part_key(export_id, "goals")) is None
    assert await services.exports.download_url(ready) is not None


async def test_an_expired_archive_has_no_link_and_is_swept(
    services: MediaServices, clock: Clock
) -> None:
    job = await services.exports.request("u1", include_media=False)
    export_id = str(job.id)
    for name in PARTS:
        await _send_part(services, "u1", export_id, name)
    assert await services.exports.sweep() == 0
    clock.now += timedelta(days=7)
    ready = await services.exports.get("u1", export_id)
    assert services.exports.status(ready) is ExportStatus.EXPIRED
    assert await services.exports.download_url(ready) is None
    assert await services.exports.sweep() == 1
    assert await services.storage.head(archive_key(export_id)) is None
    assert await services.exports.sweep() == 0  # purged once


async def test_a_part_that_never_comes_fails_the_job_and_the_sweep_clears_it(
    services: MediaServices, clock: Clock
) -> None:
    job = await services.exports.request("u1", include_media=False)
    export_id = str(job.id)
    await _send_part(services, "u1", export_id, "goals")
    clock.now += timedelta(hours=1)
    assert await services.exports.sweep() == 1
    failed = await services.exports.get("u1", export_id)
    assert failed.status is ExportStatus.FAILED
    assert await services.storage.head(part_key(export_id, "goals")) is None
    await services.exports.request("u1", include_media=False)  # the slot is free


async def test_another_users_export_is_not_found(services: MediaServices) -> None:
    job = await services.exports.request("u1", include_media=False)
    with pytest.raises(NotFound):
        await services.exports.get("u2", str(job.id))
    with pytest.raises(NotFound):
        await services.exports.get("u1", "not-an-id")
    assert await services.exports.latest("u2") == []


async def test_concurrent_requests_start_one_export(services: MediaServices) -> None:
    answers = await asyncio.gather(
        *(services.exports.request("u1", include_media=False) for _ in range(5)),
        return_exceptions=True,
    )
    started = [a for a in answers if not isinstance(a, BaseException)]
    refused = [a for a in answers if isinstance(a, RateLimited)]
    assert (len(started), len(refused)) == (1, 4), answers
    assert [str(job.id) for job in await services.exports.latest("u1")] == [str(started[0].id)]


async def test_erasure_deletes_the_owners_archives_and_jobs(services: MediaServices) -> None:
    job = await services.exports.request("u1", include_media=False)
    export_id = str(job.id)
    for name in PARTS:
        await _send_part(services, "u1", export_id, name)
    kept = await services.exports.request("u2", include_media=False)
    await services.exports.erase_owner("u1")
    assert await services.storage.head(archive_key(export_id)) is None
    assert await services.exports.latest("u1") == []
    assert [str(j.id) for j in await services.exports.latest("u2")] == [str(kept.id)]


async def test_a_part_after_the_deadline_builds_nothing(
    services: MediaServices, database: Database, clock: Clock
) -> None:
    job = await services.exports.request("u1", include_media=False)
    export_id = str(job.id)
    for name in PARTS[:-1]:
        await _send_part(services, "u1", export_id, name)
    clock.now += timedelta(hours=1)
    await _send_part(services, "u1", export_id, PARTS[-1])
    assert await services.storage.head(archive_key(export_id)) is None
    assert await _ready_events(database) == 0
