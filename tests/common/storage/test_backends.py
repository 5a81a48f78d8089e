"""One suite, both backends: what the media subgraph relies on from any storage."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from common.storage import ObjectMissing, ObjectStorage


async def test_put_head_get_delete(storage: ObjectStorage) -> None:
    await storage.put("u/1/a", b"hello", content_type="text/plain")
    info = await storage.head("u/1/a")
    assert info is not None
    assert (info.size, info.content_type) == (5, "text/plain")
    assert await storage.get("u/1/a") == b"hello"
    await storage.delete("u/1/a")
    assert await storage.head("u/1/a") is None
    with pytest.raises(ObjectMissing):
        await storage.get("u/1/a")
    await storage.delete("u/1/a")  # deleting twice is fine


async def test_presigned_put_then_signed_get(storage: ObjectStorage) -> None:
    put = await storage.presign_put("u/1/b", content_type="image/png", byte_size=4, expires_in=60)
    async with httpx.AsyncClient() as http:
        answer = await http.put(put.url, content=b"\x89PNG", headers=put.headers)
        assert answer.status_code == 200, answer.text
        assert await storage.get("u/1/b") == b"\x89PNG"
        fetched = await http.get(await storage.signed_get("u/1/b", expires_in=60))
    assert fetched.status_code == 200
    assert fetched.content == b"\x89PNG"


async def test_head_tells_when_the_bytes_of_a_presigned_put_were_stored(
    storage: ObjectStorage,
) -> None:
    before = datetime.now(UTC)
    put = await storage.presign_put("u/1/c", content_type="image/png", byte_size=4, expires_in=60)
    async with httpx.AsyncClient() as http:
        answer = await http.put(put.url, content=b"\x89PNG", headers=put.headers)
    assert answer.status_code == 200, answer.text
    after = datetime.now(UTC)
    info = await storage.head("u/1/c")
    assert info is not None
    # Never earlier than the write; at most S3's one-second grain later.
    assert before <= info.stored_by <= after + timedelta(seconds=1), (before, info, after)


async def test_bad_keys_are_refused(storage: ObjectStorage) -> None:
    for key in ("../escape", "/abs", "a/../b", ""):
        with pytest.raises(ValueError, match="invalid storage key"):
            await storage.put(key, b"x", content_type="text/plain")


async def test_put_file_stores_a_file_across_parts(storage: ObjectStorage, tmp_path: Path) -> None:
    # Past one multipart part (8 MiB) on S3, so parts are joined in order.
    data = os.urandom(1024) * (9 * 1024)
    source = tmp_path / "archive.zip"
    source.write_bytes(data)
    await storage.put_file("exports/1/a.zip", source, content_type="application/zip")
    info = await storage.head("exports/1/a.zip")
    assert info is not None
    assert (info.size, info.content_type) == (len(data), "application/zip")
    assert await storage.get("exports/1/a.zip") == data
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    await storage.put_file("exports/1/empty", empty, content_type="text/plain")
    assert await storage.get("exports/1/empty") == b""
