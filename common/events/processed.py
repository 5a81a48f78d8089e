"""Which events a consumer has applied: how redeliveries are recognised and ignored."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

COLLECTION = "processed_events"


class ProcessedLog(Protocol):
    @property
    def client(self) -> AsyncMongoClient[dict[str, Any]] | None:
        """The client to open transactions on; None when records cannot join one."""

    async def contains(self, event_id: str) -> bool: ...

    async def record(self, event_id: str, *, session: AsyncClientSession | None = None) -> bool:
        """Record the id; False if it was already there (inside a transaction: raises)."""


class MongoProcessedLog:
    """Rows `{_id: "<consumer>:<event id>"}` in the consumer's own database.

    The `_id` index is the unique index: two deliveries racing on the same
    event cannot both record it.
    """

    def __init__(self, database: AsyncDatabase[dict[str, Any]], consumer: str) -> None:
        self._collection = database[COLLECTION]
        self._consumer = consumer

    @property
    def client(self) -> AsyncMongoClient[dict[str, Any]]:
        return self._collection.database.client

    def _key(self, event_id: str) -> str:
        return f"{self._consumer}:{event_id}"

    async def contains(self, event_id: str) -> bool:
        found = await self._collection.find_one({"_id": self._key(event_id)}, {"_id": 1})
        return found is not None

    async def record(self, event_id: str, *, session: AsyncClientSession | None = None) -> bool:
        row = {
            "_id": self._key(event_id),
            "consumer": self._consumer,
            "event_id": event_id,
            "at": datetime.now(UTC),
        }
        if session is not None:
            # A duplicate aborts the transaction server-side; the caller must see it.
            await self._collection.insert_one(row, session=session)
            return True
        try:
            await self._collection.insert_one(row)
        except DuplicateKeyError:
            return False
        return True


class MemoryProcessedLog:
    """For buses built without a database (unit tests): forgets everything on exit."""

    def __init__(self) -> None:
        self._ids: set[str] = set()

    @property
    def client(self) -> None:
        return None

    async def contains(self, event_id: str) -> bool:
        return event_id in self._ids

    async def record(self, event_id: str, *, session: AsyncClientSession | None = None) -> bool:
        if event_id in self._ids:
            return False
        self._ids.add(event_id)
        return True
