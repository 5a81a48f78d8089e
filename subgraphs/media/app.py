"""The media subgraph: uploads through presigned URLs, verified media, signed downloads."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from starlette.routing import BaseRoute

from common.app import Runtime, SubgraphDefinition, SubgraphHost
from common.export import export_part
from common.settings import MediaSettings
from common.storage.factory import LOCAL_ROUTE_PREFIX, open_storage
from common.storage.local import LocalStorage
from common.storage.local_routes import local_storage_routes
from subgraphs.media.events import MediaConsumers
from subgraphs.media.models import MODELS
from subgraphs.media.repository.export import OWNED
from subgraphs.media.schema import schema
from subgraphs.media.service.container import MediaServices, build_services
from subgraphs.media.service.exports import ExportLimits
from subgraphs.media.service.speech import speaker
from subgraphs.media.service.transcription import transcriber
from subgraphs.media.service.uploads import UploadLimits


async def build(runtime: Runtime) -> MediaServices:
    settings = runtime.settings(MediaSettings)
    storage = await open_storage(settings)
    runtime.on_stop(storage.close)
    listener, voice = transcriber(settings), speaker(settings)
    for provider in (listener, voice):
        if provider is not None:
            runtime.on_stop(provider.aclose)
    services = build_services(
        storage,
        runtime.publisher,
        limits=UploadLimits.from_settings(settings),
        transcriber=listener,
        speaker=voice,
        export_limits=ExportLimits.from_settings(settings),
    )
    MediaConsumers(services).register(runtime)
    # Media's own part of an export, from the storage it already holds.
    await export_part(runtime, OWNED, storage=storage)
    runtime.spawn(services.uploads.run_sweeper, name="upload-sweeper")
    interval = settings.media_sweep_interval_seconds
    runtime.spawn(partial(services.exports.run_sweeper, interval), name="export-sweeper")
    return services


def routes(host: SubgraphHost[MediaServices]) -> Sequence[BaseRoute]:
    def local() -> LocalStorage | None:
        try:
            storage = host.services.storage
        except RuntimeError:  # not started yet
            return None
        return storage if isinstance(storage, LocalStorage) else None

    return local_storage_routes(local, prefix=LOCAL_ROUTE_PREFIX)


subgraph = SubgraphDefinition(
    name="media",
    schema=schema,
    models=MODELS,
    build=build,
    routes=routes,
    settings=MediaSettings,
    # Uploads to local storage stream and are capped at their signed size.
    streamed_paths=(f"{LOCAL_ROUTE_PREFIX}/",),
)
