"""Each subgraph's side of an export: on request, its records as one JSON object in storage."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from datetime import UTC, datetime

from common.app import Runtime
from common.db import Database
from common.events import Event, OutboxPublisher
from common.events.catalog import ExportPartReady, ExportRequested
from common.export.keys import REQUESTED, part_key, part_ready_type
from common.export.records import Owned, gather
from common.settings import SubgraphSettings
from common.storage import ObjectStorage
from common.storage.factory import open_storage


class PartWriter:
    """Gathers one subgraph's records of a user and stores them as its part."""

    def __init__(
        self,
        subgraph: str,
        database: Database,
        owned: Sequence[Owned],
        storage: ObjectStorage,
        publisher: OutboxPublisher,
    ) -> None:
        self._subgraph = subgraph
        self._database = database
        self._owned = owned
        self._storage = storage
        self._publisher = publisher

    async def handle(self, event: Event) -> None:
        # Plain (not transactional) consumer: the object is outside the database.
        # A redelivery writes the same key again and publishes the same event id,
        # which the outbox stores once.
        request = ExportRequested.model_validate(event.data)
        part = await gather(self._database, request.user_id, self._owned)
        document = {
            "subgraph": self._subgraph,
            "userId": request.user_id,
            "exportId": request.export_id,
            "exportedAt": datetime.now(UTC).isoformat(),
            **part,
        }
        body = await asyncio.to_thread(_encode, document)
        key = part_key(request.export_id, self._subgraph)
        await self._storage.put(key, body, content_type="application/json")
        records = sum(len(rows) for rows in part["collections"].values())
        ready = Event.of(
            part_ready_type(self._subgraph),
            user_id=request.user_id,
            data=ExportPartReady(
                export_id=request.export_id,
                user_id=request.user_id,
                subgraph=self._subgraph,
                key=key,
                records=records,
            ),
        )
        await self._publisher.publish(
            ready.model_copy(update={"id": f"{event.id}:{self._subgraph}"})
        )


def _encode(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


async def export_part(
    runtime: Runtime, owned: Sequence[Owned], *, storage: ObjectStorage | None = None
) -> None:
    """Answer every `media.export.requested` with this subgraph's records of the user.

    `owned` names each collection the user owns and by which field; `storage` is the
    subgraph's own when it has one (media), else one is opened from the settings.

    ```python
    await export_part(runtime, [Owned("goals", "owner_id"), Owned("habits", "owner_id")])
    ```
    """
    if storage is None:
        storage = await open_storage(runtime.settings(SubgraphSettings))
        runtime.on_stop(storage.close)
    writer = PartWriter(runtime.name, runtime.database, owned, storage, runtime.publisher)
    runtime.consume(f"{runtime.name}.export", [REQUESTED], writer.handle)
