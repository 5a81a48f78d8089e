"""The append-only log of every event analytics consumed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

from common.events import Event
from common.repository import Repository
from subgraphs.analytics.models import StoredEvent
from subgraphs.analytics.repository.base import ASC, Session


class EventStore(Repository[StoredEvent]):
    model = StoredEvent

    async def record(self, event: Event, user_ids: Iterable[str], *, session: Session) -> None:
        row = {
            "event_id": event.id,
            "type": event.type,
            "source": event.source,
            "time": event.time,
            "version": event.version,
            "user_ids": sorted(set(user_ids)),
            "data": event.data,
        }
        await StoredEvent.get_pymongo_collection().update_one(
            {"event_id": event.id}, {"$setOnInsert": row}, upsert=True, session=session
        )

    async def replay(self) -> AsyncIterator[StoredEvent]:
        query = StoredEvent.find({}).sort([("time", ASC), ("event_id", ASC)])
        async for row in query:
            yield row

    async def for_user(self, user_id: str) -> list[StoredEvent]:
        return await StoredEvent.find({"user_ids": user_id}).sort([("time", ASC)]).to_list()

    async def forget_user(self, user_id: str, *, keep: str, session: Session) -> None:
        await self.delete_where({"user_ids": user_id, "event_id": {"$ne": keep}}, session=session)
