"""A directory as object storage, for `lifegraph up`: its URLs are served by `local_routes`."""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from common.storage.base import ObjectInfo, ObjectMissing, PresignedPut, valid_key
from common.storage.signing import Grant, UrlSigner

# Beside each object, its content type (a directory has no metadata of its own).
TYPE_SUFFIX = ".type"


class LocalStorage:
    """Objects as files under `root`; presigned URLs point at `base_url` (our own route).

    ```python
    storage = LocalStorage(
        Path(".lifegraph/media"), base_url="http://127.0.0.1:4000/storage", signer=UrlSigner(secret)
    )
    ```
    """

    def __init__(self, root: Path, *, base_url: str, signer: UrlSigner) -> None:
        self.root = root
        self.base_url = base_url.rstrip("/")
        self.signer = signer

    def path(self, key: str) -> Path:
        """The file of `key`; refuses keys that could leave the root."""
        if not valid_key(key):
            raise ValueError(f"invalid storage key {key!r}")
        return self.root / key

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        await asyncio.to_thread(self._write, self.path(key), data, content_type)

    async def put_file(self, key: str, path: Path, *, content_type: str) -> None:
        await asyncio.to_thread(self._copy, self.path(key), path, content_type)

    async def get(self, key: str) -> bytes:
        try:
            return await asyncio.to_thread(self.path(key).read_bytes)
        except FileNotFoundError as exc:
            raise ObjectMissing(key) from exc

    async def head(self, key: str) -> ObjectInfo | None:
        return await asyncio.to_thread(self._stat, key)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._remove, self.path(key))

    async def presign_put(
        self, key: str, *, content_type: str, byte_size: int, expires_in: int
    ) -> PresignedPut:
        self.path(key)  # refuses a bad key before signing it
        expires = int(time.time()) + expires_in
        grant = Grant("PUT", key, expires, byte_size, content_type)
        return PresignedPut(
            url=f"{self.base_url}/{key}?{self.signer.sign_query(grant)}",
            headers={"Content-Type": content_type},
            expires_at=datetime.fromtimestamp(expires, UTC),
        )

    async def signed_get(self, key: str, *, expires_in: int) -> str:
        self.path(key)
        grant = Grant("GET", key, int(time.time()) + expires_in)
        return f"{self.base_url}/{key}?{self.signer.sign_query(grant)}"

    async def close(self) -> None:
        return None

    def write_stream_target(self, key: str) -> Path:
        """A temporary file beside `key`'s, for an upload that `commit_upload` finishes."""
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.part")

    def commit_upload(self, key: str, partial: Path, content_type: str) -> None:
        """Make a fully received upload the object (atomically: readers never see half)."""
        path = self.path(key)
        path.with_name(path.name + TYPE_SUFFIX).write_text(content_type)
        partial.replace(path)

    def _write(self, path: Path, data: bytes, content_type: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.part")
        partial.write_bytes(data)
        path.with_name(path.name + TYPE_SUFFIX).write_text(content_type)
        partial.replace(path)

    def _copy(self, path: Path, source: Path, content_type: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.part")
        shutil.copyfile(source, partial)
        path.with_name(path.name + TYPE_SUFFIX).write_text(content_type)
        partial.replace(path)

    def _stat(self, key: str) -> ObjectInfo | None:
        path = self.path(key)
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        try:
            content_type: str | None = path.with_name(path.name + TYPE_SUFFIX).read_text()
        except FileNotFoundError:
            content_type = None
        # An upload is written to its partial file, then renamed: the mtime is its last byte.
        stored_by = datetime.fromtimestamp(stat.st_mtime, UTC)
        return ObjectInfo(
            key=key, size=stat.st_size, content_type=content_type, stored_by=stored_by
        )

    @staticmethod
    def _remove(path: Path) -> None:
        path.unlink(missing_ok=True)
        path.with_name(path.name + TYPE_SUFFIX).unlink(missing_ok=True)
