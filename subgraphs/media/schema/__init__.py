"""The media GraphQL schema: createUpload, completeUpload, Media, data exports."""

from __future__ import annotations

from typing import cast

import strawberry
from strawberry.federation.schema_directives import Authenticated
from strawberry.scalars import JSON

from common.graphql.schema import build_schema
from subgraphs.media.schema.context import Info
from subgraphs.media.schema.exports import ExportMutation, ExportQuery
from subgraphs.media.schema.types import CompleteUploadInput, CreateUploadInput, Media, Upload


@strawberry.type(description="Media queries.")
class Query(ExportQuery):
    @strawberry.field(description="Media by id, when the viewer may see it.")
    async def media(self, info: Info, id: strawberry.ID) -> Media | None:
        return await Media.resolve_reference(info, id)


@strawberry.type(description="Media mutations.")
class Mutation(ExportMutation):
    @strawberry.mutation(
        directives=[Authenticated()],
        description="Start an upload: a short-lived URL to PUT the file to, straight to storage.",
    )
    async def create_upload(self, info: Info, input: CreateUploadInput) -> Upload:
        viewer = await info.context.require_viewer()
        doc, put = await info.context.services.uploads.create(
            viewer.user_id,
            purpose=input.purpose,
            content_type=input.content_type,
            byte_size=input.byte_size,
            checksum_sha256=input.checksum_sha256,
        )
        return Upload(
            upload_id=strawberry.ID(str(doc.id)),
            url=put.url,
            headers=cast(JSON, put.headers),
            expires_at=put.expires_at,
        )

    @strawberry.mutation(
        directives=[Authenticated()],
        description="Verify an uploaded file (size, SHA-256, real type) and make it Media.",
    )
    async def complete_upload(self, info: Info, input: CompleteUploadInput) -> Media:
        viewer = await info.context.require_viewer()
        doc = await info.context.services.uploads.complete(viewer.user_id, str(input.upload_id))
        return Media.from_doc(doc)


schema = build_schema("media", query=Query, mutation=Mutation, types=[Media])

__all__ = ["schema"]
