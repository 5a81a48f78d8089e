"""The storage protocol every backend implements, and what it hands back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

# Keys are ours (never a client's file name): a conservative alphabet keeps them safe
# as file paths under the local root and as S3 keys alike.
_KEY = re.compile(r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)*$")
MAX_KEY_LENGTH = 512


class ObjectMissing(LookupError):
    """No object under that key."""


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    """What `head` knows of a stored object."""

    key: str
    size: int
    content_type: str | None
    # The object was last written no later than this, by the storage's clock (a file's
    # mtime; S3's LastModified counts whole seconds, so the end of its second): a late
    # upload is told apart without trusting a time rounded down.
    stored_by: datetime


@dataclass(frozen=True, slots=True)
class PresignedPut:
    """Where and how a client uploads one object: `PUT url` with exactly `headers`."""

    url: str
    headers: dict[str, str]
    expires_at: datetime


def valid_key(key: str) -> bool:
    """Whether `key` is one a backend accepts: no `..`, no leading slash, bounded."""
    return len(key) <= MAX_KEY_LENGTH and bool(_KEY.match(key)) and ".." not in key


class ObjectStorage(Protocol):
    """A bucket of objects by key, with URLs a client can use without our credentials."""

    async def put(self, key: str, data: bytes, *, content_type: str) -> None:
        """Store `data` under `key`, replacing what was there."""
        ...

    async def put_file(self, key: str, path: Path, *, content_type: str) -> None:
        """Store the file at `path` under `key`, read in chunks: memory stays bounded."""
        ...

    async def get(self, key: str) -> bytes:
        """The object's bytes; raises `ObjectMissing`."""
        ...

    async def head(self, key: str) -> ObjectInfo | None:
        """The object's size and type, or None when there is none."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the object; removing a missing one is not an error."""
        ...

    async def presign_put(
        self, key: str, *, content_type: str, byte_size: int, expires_in: int
    ) -> PresignedPut:
        """A URL a client may PUT `byte_size` bytes of `content_type` to until it expires."""
        ...

    async def signed_get(self, key: str, *, expires_in: int) -> str:
        """A URL anyone holding it may GET the object from until it expires."""
        ...

    async def close(self) -> None:
        """Release connections; the backend is unusable afterwards."""
        ...
