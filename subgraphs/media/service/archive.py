"""One zip of an export: each subgraph's JSON part, then the user's files.

Zipping and file work run in a thread; objects are fetched one at a time and the zip
grows in a temporary file that storage reads in chunks, so memory holds one object.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import tempfile
import zipfile
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from common.storage import ObjectMissing, ObjectStorage
from subgraphs.media.models import StoredMedia

# Photos and audio are compressed already: deflating them again costs CPU for nothing.
_STORED_PREFIXES = ("image/", "audio/", "video/")


def media_entry(doc: StoredMedia) -> str:
    """The file's name in the archive: its id, with the extension of its real type."""
    extension = mimetypes.guess_extension(doc.content_type or "") or ""
    return f"media/{doc.id}{extension}"


@asynccontextmanager
async def build_archive(
    storage: ObjectStorage, parts: Mapping[str, str], media: Sequence[StoredMedia]
) -> AsyncIterator[Path]:
    """The zip of `parts` (entry name -> storage key) and `media`'s original files, as a
    temporary file that is removed on leaving the block."""
    descriptor, name = await asyncio.to_thread(tempfile.mkstemp, suffix=".zip")
    path = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as spool:
            archive = zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED)
            for entry, key in parts.items():
                await _add(archive, entry, await storage.get(key), zipfile.ZIP_DEFLATED)
            for doc in media:
                await _add_media(archive, storage, doc)
            await asyncio.to_thread(archive.close)
        yield path
    finally:
        await asyncio.to_thread(path.unlink, missing_ok=True)


async def _add_media(archive: zipfile.ZipFile, storage: ObjectStorage, doc: StoredMedia) -> None:
    original = doc.keys.get("ORIGINAL")
    if original is None:
        return
    try:
        data = await storage.get(original)
    except ObjectMissing:
        return  # removed since (a deleted post's photo): nothing to export
    stored = (doc.content_type or "").startswith(_STORED_PREFIXES)
    await _add(
        archive, media_entry(doc), data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    )


async def _add(archive: zipfile.ZipFile, name: str, data: bytes, method: int) -> None:
    await asyncio.to_thread(archive.writestr, name, data, method)
