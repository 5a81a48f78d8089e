"""What the media subgraph consumes: account erasure removes the user's objects."""

from __future__ import annotations

from common.app import Runtime
from common.events import Event
from common.events.catalog import UserDeleted
from subgraphs.media.service.container import MediaServices


class MediaConsumers:
    def __init__(self, services: MediaServices) -> None:
        self._services = services

    def register(self, runtime: Runtime) -> None:
        # Not transactional: objects live outside the database. Erasure is idempotent,
        # so a redelivery after a crash finishes what the first delivery began.
        runtime.consume("media.users", ["users.user.deleted"], self.on_user_deleted)

    async def on_user_deleted(self, event: Event) -> None:
        user_id = UserDeleted.model_validate(event.data).user_id
        await self._services.uploads.erase_owner(user_id)
