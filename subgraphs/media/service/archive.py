"""One zip of an export: each subgraph's JSON part, then the user's files.

Zipping and the temporary file run in a thread; objects are fetched one at a time,
so memory holds one file (and, at the end, the archive for its upload).
"""

from __future__ import annotations

import asyncio
import mimetypes
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from typing import IO

from common.storage import ObjectMissing, ObjectStorage
from subgraphs.media.models import StoredMedia

# Photos and audio are compressed already: deflating them again costs CPU for nothing.
_STORED_PREFIXES = ("image/", "audio/", "video/")


def media_entry(doc: StoredMedia) -> str:
    """The file's name in the archive: its id, with the extension of its real type."""
    extension = mimetypes.guess_extension(doc.content_type or "") or ""
    return f"media/{doc.id}{extension}"


async def build_archive(
    storage: ObjectStorage, parts: Mapping[str, str], media: Sequence[StoredMedia]
) -> bytes:
    """The zip of `parts` (entry name -> storage key) and `media`'s original files."""
    spool = await asyncio.to_thread(tempfile.TemporaryFile)
    try:
        archive = zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED)
        for name, key in parts.items():
            await _add(archive, name, await storage.get(key), zipfile.ZIP_DEFLATED)
        for doc in media:
            original = doc.keys.get("ORIGINAL")
            if original is None:
                continue
            try:
                data = await storage.get(original)
            except ObjectMissing:
                continue  # removed since (a deleted post's photo): nothing to export
            stored = (doc.content_type or "").startswith(_STORED_PREFIXES)
            method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            await _add(archive, media_entry(doc), data, method)
        await asyncio.to_thread(archive.close)
        return await asyncio.to_thread(_read_all, spool)
    finally:
        await asyncio.to_thread(spool.close)


async def _add(archive: zipfile.ZipFile, name: str, data: bytes, method: int) -> None:
    await asyncio.to_thread(archive.writestr, name, data, method)


def _read_all(spool: IO[bytes]) -> bytes:
    spool.seek(0)
    return spool.read()
