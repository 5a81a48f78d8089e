"""Data export: requestDataExport, dataExport, dataExports (docs/media.md, "Data export")."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.federation.schema_directives import Authenticated

from subgraphs.media.models import ExportJob, ExportStatus
from subgraphs.media.schema.context import Info

strawberry.enum(
    ExportStatus,
    name="DataExportStatus",
    description="PENDING while subgraphs send their parts; READY to download; FAILED when a "
    "part never came; EXPIRED once the download window closed.",
)


@strawberry.type(description="An archive of everything LifeGraph holds about its owner.")
class DataExport:
    id: strawberry.ID = strawberry.field(description="The export's id.")
    requested_at: datetime = strawberry.field(description="When it was requested.")
    ready_at: datetime | None = strawberry.field(description="When the archive was ready.")
    expires_at: datetime | None = strawberry.field(
        description="Once ready: the archive can be downloaded until then."
    )
    byte_size: int | None = strawberry.field(description="Size of the archive, once ready.")
    include_media: bool = strawberry.field(description="Whether the archive holds the files.")
    parts_received: list[str] = strawberry.field(
        description="Subgraphs whose part arrived (users, goals, community, ...)."
    )
    job: strawberry.Private[ExportJob]

    @classmethod
    def from_job(cls, job: ExportJob) -> DataExport:
        return cls(
            id=strawberry.ID(str(job.id)),
            requested_at=job.requested_at,
            ready_at=job.ready_at,
            expires_at=job.expires_at,
            byte_size=job.byte_size,
            include_media=job.include_media,
            parts_received=sorted(job.parts),
            job=job,
        )

    @strawberry.field(description="Where it stands now.")
    def status(self, info: Info) -> ExportStatus:
        return info.context.services.exports.status(self.job)

    @strawberry.field(
        description="A signed URL to GET the zip from; null until READY and after it "
        "expires. The URL itself expires: query again for a fresh one."
    )
    async def download_url(self, info: Info) -> str | None:
        return await info.context.services.exports.download_url(self.job)


@strawberry.input(description="What to export.")
class RequestDataExportInput:
    include_media: bool = strawberry.field(
        default=True, description="Put the files you uploaded in the archive too."
    )


@strawberry.type(description="The export just started.")
class RequestDataExportPayload:
    export: DataExport = strawberry.field(description="The new export, PENDING.")


@strawberry.type(description="Data export queries.")
class ExportQuery:
    @strawberry.field(
        directives=[Authenticated()],
        description="One of your exports; NOT_FOUND for an unknown id or another user's.",
    )
    async def data_export(self, info: Info, id: strawberry.ID) -> DataExport:
        viewer = await info.context.require_viewer()
        return DataExport.from_job(await info.context.services.exports.get(viewer.user_id, id))

    @strawberry.field(
        directives=[Authenticated()], description="Your latest exports, newest first."
    )
    async def data_exports(self, info: Info) -> list[DataExport]:
        viewer = await info.context.require_viewer()
        jobs = await info.context.services.exports.latest(viewer.user_id)
        return [DataExport.from_job(job) for job in jobs]


@strawberry.type(description="Data export mutations.")
class ExportMutation:
    @strawberry.mutation(
        directives=[Authenticated()],
        description="Start an archive of everything LifeGraph holds about you, from every "
        "subgraph; you are notified when it is ready. One at a time (RATE_LIMITED).",
    )
    async def request_data_export(
        self, info: Info, input: RequestDataExportInput
    ) -> RequestDataExportPayload:
        viewer = await info.context.require_viewer()
        job = await info.context.services.exports.request(
            viewer.user_id, include_media=input.include_media
        )
        return RequestDataExportPayload(export=DataExport.from_job(job))
