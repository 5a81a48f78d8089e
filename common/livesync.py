"""Live sync: what changed in one user's objects, as a feed a device can resume.

A write marks each object it changed (`ChangeFeed.mark`) in its own transaction. The
user's counter row moves on by one and the object's row takes that position, so a
device that was away replays every object changed since its cursor once, at its
newest position, then follows live ones (`common.pubsub.resume`). Positions are
gap-free in commit order: two writes for one user both move the counter row, so the
second waits for (or re-runs after) the first. A write that lost the counter re-runs
taking it first thing (`OutboxTransaction.on_rerun`): otherwise a long write (it
reads a lot before it marks) loses to every short one of the same user that commits
meanwhile, and a steady stream of them starves it past its retry budget. Subscribers
hear of a change on the user's channel once its transaction committed (`after_commit`).

Each subgraph subclasses `ChangeRow` with its collection's name (a document class
belongs to one database) and builds one `ChangeFeed` over it.

```python
class GoalsChange(ChangeRow):
    class Settings:
        name = "changes"
        indexes = CHANGE_INDEXES


feed = ChangeFeed("goals", GoalsChange, pubsub)
await feed.mark(tx, owner_id, "goal", goal_id)                 # inside the write
async with feed.live(user_id, "goal", after=cursor) as changes:  # a subscription
    async for change in changes:
        ...
```
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any

from beanie import Document
from pymongo import ASCENDING, IndexModel, ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import PyMongoError

from common import cursors
from common.events import OutboxTransaction, after_commit
from common.pubsub import PubSub
from common.pubsub.resume import replay_then_live
from common.transactions import is_transient

# The counter row's entity and object id: no real entity or id is "*".
_COUNTER = "*"
REPLAY_PAGE = 100


class ChangeRow(Document):
    """One object's newest change for its owner (or, with entity "*", the owner's counter)."""

    user_id: str
    entity: str
    object_id: str
    seq: int
    deleted: bool = False
    at: datetime | None = None


CHANGE_INDEXES = [
    IndexModel(
        [("user_id", ASCENDING), ("entity", ASCENDING), ("object_id", ASCENDING)], unique=True
    ),
    IndexModel([("user_id", ASCENDING), ("entity", ASCENDING), ("seq", ASCENDING)]),
]


@dataclass(frozen=True, slots=True)
class Change:
    """An object that changed: gone when `deleted`, else read it afresh by `object_id`."""

    entity: str
    object_id: str
    seq: int
    deleted: bool


class ChangeFeed:
    def __init__(self, name: str, model: type[ChangeRow], pubsub: PubSub) -> None:
        self._name = name
        self._model = model
        self._pubsub = pubsub
        self._cursor_context = f"{name}.changes"

    def _channel(self, user_id: str) -> str:
        return f"{self._name}:changes:{user_id}"

    async def mark(
        self,
        unit: OutboxTransaction | AsyncClientSession,
        user_id: str,
        entity: str,
        object_id: str,
        *,
        deleted: bool = False,
    ) -> None:
        """Record in `unit` that `user_id`'s object changed (or went).

        `unit` is the write's transaction, whose re-runs take a counter this attempt
        lost first thing, or the bare session of a transaction someone else runs
        (a consumer's, re-run by the consumer kit).
        """
        session = unit.session if isinstance(unit, OutboxTransaction) else unit
        now = datetime.now(UTC)
        try:
            seq = await self._next_seq(session, user_id, now)
            await self._collection().update_one(
                {"user_id": user_id, "entity": entity, "object_id": object_id},
                {"$set": {"seq": seq, "deleted": deleted, "at": now}},
                upsert=True,
                session=session,
            )
        except PyMongoError as exc:
            if is_transient(exc) and isinstance(unit, OutboxTransaction):
                unit.on_rerun((self._name, user_id), partial(self._claim, user_id=user_id))
            raise
        # The row's own fields: subscribers read a signal as they read a row.
        signal = {"entity": entity, "object_id": object_id, "seq": seq, "deleted": deleted}
        await after_commit(partial(self._pubsub.publish, self._channel(user_id), signal))

    def _collection(self) -> AsyncCollection[dict[str, Any]]:
        return self._model.get_pymongo_collection()

    async def _next_seq(self, session: AsyncClientSession, user_id: str, now: datetime) -> int:
        counter = await self._collection().find_one_and_update(
            {"user_id": user_id, "entity": _COUNTER, "object_id": _COUNTER},
            {"$inc": {"seq": 1}, "$set": {"at": now}},
            upsert=True,
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        if counter is None:  # an upsert returning the document after never gives None
            raise RuntimeError("the change counter's upsert returned no document")
        return int(counter["seq"])

    async def _claim(self, tx: OutboxTransaction, *, user_id: str) -> None:
        # A write to the counter row takes it for this transaction: from here on the
        # others conflict with it (and re-run) instead of it with them.
        await self._collection().update_one(
            {"user_id": user_id, "entity": _COUNTER, "object_id": _COUNTER},
            {"$set": {"at": datetime.now(UTC)}, "$setOnInsert": {"seq": 0}},
            upsert=True,
            session=tx.session,
        )

    async def erase(self, user_id: str, *, session: AsyncClientSession | None = None) -> None:
        """Forget everything recorded for `user_id` (account erasure)."""
        await self._model.get_pymongo_collection().delete_many(
            {"user_id": user_id}, session=session
        )

    def cursor(self, change: Change) -> str:
        """The opaque position a client passes back as `after` to resume past `change`."""
        return cursors.sign(str(change.seq).encode(), context=self._cursor_context)

    def position(self, cursor: str, *, field: str = "after") -> int:
        """The position a cursor we issued names; BAD_USER_INPUT for anything else
        (a forged cursor, or another subgraph's)."""
        return int(cursors.verify(cursor, context=self._cursor_context, field=field))

    @asynccontextmanager
    async def live(
        self, user_id: str, entity: str, *, after: int | None = None
    ) -> AsyncIterator[AsyncIterator[Change]]:
        """`user_id`'s changes to `entity` objects while the block runs; with `after`,
        first every object changed since that position, oldest change first."""
        async with self._pubsub.subscribe(self._channel(user_id)) as sub:

            async def stream() -> AsyncIterator[Change]:
                async for message in sub:
                    if message.get("entity") == entity:
                        yield _change(message)

            if after is None:
                yield stream()
            else:
                backlog = self._changed_after(user_id, entity, after)
                yield replay_then_live(stream(), backlog, position=_seq, after=after)

    async def _changed_after(self, user_id: str, entity: str, seq: int) -> AsyncIterator[Change]:
        collection = self._model.get_pymongo_collection()
        while True:
            found = collection.find(
                {"user_id": user_id, "entity": entity, "seq": {"$gt": seq}},
                sort=[("seq", ASCENDING)],
                limit=REPLAY_PAGE,
            )
            page = [_change(row) for row in await found.to_list()]
            for change in page:
                yield change
            if len(page) < REPLAY_PAGE:
                return
            seq = page[-1].seq


def _seq(change: Change) -> int:
    return change.seq


def _change(fields: dict[str, Any]) -> Change:
    """A change from a stored row or a live signal (they carry the same fields)."""
    return Change(
        entity=str(fields["entity"]),
        object_id=str(fields["object_id"]),
        seq=int(fields["seq"]),
        deleted=bool(fields.get("deleted", False)),
    )
