"""The media types: an upload's URL, and verified Media."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from subgraphs.media.domain.images import Size
from subgraphs.media.domain.purposes import Purpose
from subgraphs.media.models import StoredMedia
from subgraphs.media.schema.context import Info, visible_media

strawberry.enum(Purpose, description="What an upload is for: it sets allowed types and size.")
strawberry.enum(
    Size,
    name="MediaSize",
    description="ORIGINAL: the cleaned file; SMALL (128 px) and MEDIUM (512 px) thumbnails.",
)


@strawberry.federation.type(keys=["id"], description="A verified file: an image, a PDF, audio.")
class Media:
    id: strawberry.ID = strawberry.field(description="The media's id.")
    purpose: Purpose = strawberry.field(description="What it was uploaded for.")
    content_type: str = strawberry.field(description="Its type, sniffed from its bytes.")
    byte_size: int = strawberry.field(description="Size of the stored original, in bytes.")
    width: int | None = strawberry.field(description="Width in pixels (images).")
    height: int | None = strawberry.field(description="Height in pixels (images).")
    duration_seconds: float | None = strawberry.field(
        description="Length in seconds (audio), read from the file; null if unknown."
    )
    created_at: datetime = strawberry.field(description="When the upload started.")
    doc: strawberry.Private[StoredMedia]

    @classmethod
    def from_doc(cls, doc: StoredMedia) -> Media:
        return cls(
            id=strawberry.ID(str(doc.id)),
            purpose=doc.purpose,
            content_type=doc.content_type or doc.declared_type,
            byte_size=doc.byte_size,
            width=doc.width,
            height=doc.height,
            duration_seconds=doc.duration_seconds,
            created_at=doc.created_at,
            doc=doc,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Media | None:
        doc = await (await visible_media(info)).load(str(id))
        return cls.from_doc(doc) if doc is not None else None

    @strawberry.field(
        description="A signed URL to GET this size from; it expires (re-query for a new one). "
        "Files without thumbnails give their original for every size."
    )
    async def url(self, info: Info, size: Size = Size.ORIGINAL) -> str:
        return await info.context.services.uploads.url(self.doc, size)


@strawberry.type(
    name="PresignedUpload", description="Where and how to upload the file of a new upload."
)
class Upload:
    upload_id: strawberry.ID = strawberry.field(description="Pass it to completeUpload.")
    url: str = strawberry.field(description="PUT the file's bytes here, straight to storage.")
    headers: JSON = strawberry.field(
        description="Headers the PUT must carry exactly (an object of name to value)."
    )
    expires_at: datetime = strawberry.field(description="The URL is refused after this.")


@strawberry.input(description="A file about to be uploaded, as the client sees it.")
class CreateUploadInput:
    purpose: Purpose = strawberry.field(description="What the file is for.")
    content_type: str = strawberry.field(description="Its MIME type; the bytes are checked.")
    byte_size: int = strawberry.field(description="Its exact size in bytes.")
    checksum_sha256: str = strawberry.field(description="SHA-256 of its bytes, 64 hex digits.")


@strawberry.input(description="An upload whose bytes were PUT to its URL.")
class CompleteUploadInput:
    upload_id: strawberry.ID = strawberry.field(description="The id createUpload returned.")
