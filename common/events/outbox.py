"""The outbox: events are stored beside the domain writes that cause them, then relayed.

A service either publishes after its write (`publisher.publish(event)`: one
insert into `outbox`), or makes the write and its events one transaction:

    async with publisher.transaction() as tx:
        await repo.insert(goal, session=tx.session)
        await tx.publish(Event.of("goals.goal.created", user_id=..., data=...))

Either way the relay (`common.events.relay`) publishes the row to the bus and
marks it sent; a process that dies in between leaves the row for the next relay.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from bson import ObjectId
from pymongo import ASCENDING, IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import BulkWriteError, DuplicateKeyError

from common.events.bus import AfterCommit, collecting_after_commit, run_after_commit
from common.events.envelope import Event
from common.transactions import TransactionRetry, run_in_transaction

T = TypeVar("T")
V = TypeVar("V")

Step = Callable[[], Awaitable[None]]
Opener = Callable[["OutboxTransaction"], Awaitable[None]]

COLLECTION = "outbox"
PENDING = "pending"
SENT = "sent"

_INDEXES = [
    # The relay's scan: pending rows of the shards it holds, oldest first.
    IndexModel([("status", ASCENDING), ("shard", ASCENDING), ("_id", ASCENDING)]),
    # Publishing the same event twice stores it once.
    IndexModel([("event_id", ASCENDING)], unique=True),
    # No index on sent_at: every index slows the insert on the publishing path,
    # and the occasional purge narrows by the `status` prefix above.
]

# Conflict back-off: doubling from 2 ms, never above 10 ms, jittered. Short, because
# the winner's next write (its replica's next queued send) starts at once: a loser
# that sleeps long keeps missing the moment the document is free.
_BACKOFF_BASE_SECONDS = 0.002
_BACKOFF_CAP_SECONDS = 0.01
# The time bounds a write; the attempts only guard against a loop that never waits.
_BUDGET_SECONDS = 10.0
_ATTEMPTS_GUARD = 5_000

_DUPLICATE_KEY = 11000


@dataclass(frozen=True)
class _Staged:
    """Rows of one `run_in_transaction` attempt, waiting for the insert before its commit."""

    session: AsyncClientSession
    rows: list[dict[str, Any]]


# Set while an attempt of `run_in_transaction` runs: a publish in that attempt's
# session stages its row here instead of inserting it. A context variable, not a
# field, so every publish path (`tx.publish`, or `publisher.publish(e, session=...)`
# from deeper code) takes the same route, and a publisher wrapped to fail (the
# atomicity tests' crash points) still sees each event.
_staged: ContextVar[_Staged | None] = ContextVar("outbox_staged", default=None)


def shard_of(user_id: str | None, shards: int) -> int:
    # crc32, not hash(): every process must put a user in the same shard.
    return zlib.crc32((user_id or "").encode()) % shards


def outbox_row(event: Event, shards: int) -> dict[str, Any]:
    # The ObjectId orders rows by insertion (timestamp, then a per-process counter).
    return {
        "_id": ObjectId(),
        "event_id": event.id,
        "type": event.type,
        "user_id": event.user_id,
        "shard": shard_of(event.user_id, shards),
        "status": PENDING,
        "event": event.model_dump(mode="json"),
        "created_at": datetime.now(UTC),
        "attempts": 0,
    }


class OutboxPublisher:
    """`runtime.publisher`: every publish is an outbox row, relayed to the bus.

    ```python
    await publisher.run_in_transaction(work)  # the write and its events together
    await publisher.publish(event)  # after a write that needed no transaction
    ```
    """

    def __init__(self, database: AsyncDatabase[dict[str, Any]], *, shards: int = 8) -> None:
        self.database = database
        self._collection = database[COLLECTION]
        self._shards = shards
        self._wake = asyncio.Event()

    @property
    def woken(self) -> asyncio.Event:
        """Set when rows were added; the relay waits on it between polls."""
        return self._wake

    async def ensure_indexes(self) -> None:
        """Create the outbox's indexes; `SubgraphHost.start` does it once per start."""
        await self._collection.create_indexes(_INDEXES)

    async def publish(self, event: Event, *, session: AsyncClientSession | None = None) -> None:
        """Store the event for the relay. With `session`, it commits with that transaction.

        In `run_in_transaction`, the row waits and goes in with the attempt's other
        rows in one insert just before the commit: a batch of 60 likes is one outbox
        round trip, not 60.

        ```python
        await publisher.publish(Event.of("users.user.updated", user_id=uid, data=changed))
        ```
        """
        event.payload()  # a contract violation fails the caller, not every consumer later
        row = outbox_row(event, self._shards)
        staged = _staged.get()
        if session is not None and staged is not None and staged.session is session:
            staged.rows.append(row)
            return
        try:
            await self._collection.insert_one(row, session=session)
        except DuplicateKeyError:
            if session is not None:
                raise  # the transaction is aborted server-side; the caller must know
            return  # the same event published again: it is already on its way
        if session is None:
            self._wake.set()

    async def _insert_staged(self, staged: _Staged) -> None:
        """Insert an attempt's staged rows, in order, in its transaction."""
        if not staged.rows:
            return
        try:
            await self._collection.insert_many(staged.rows, ordered=True, session=staged.session)
        except BulkWriteError as exc:
            # The answer one insert_one gives: callers re-run work on a duplicate.
            errors = exc.details.get("writeErrors", [])
            if errors and all(error.get("code") == _DUPLICATE_KEY for error in errors):
                message = errors[0].get("errmsg", "duplicate key")
                raise DuplicateKeyError(message, _DUPLICATE_KEY, exc.details) from exc
            raise

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[OutboxTransaction]:
        """Writes given `tx.session` and `tx.publish(...)` commit together or not at all.

        No retry on a conflict: `run_in_transaction` is the usual choice.

        ```python
        async with publisher.transaction() as tx:
            await goals.insert(goal, session=tx.session)
            await tx.publish(event)
        ```
        """
        client = self.database.client
        async with client.start_session() as session:
            async with await session.start_transaction():
                tx = OutboxTransaction(self, session, _steps=[])
                yield tx
                await tx.run_before_commit()
            self._wake.set()

    async def run_in_transaction(
        self,
        work: Callable[[OutboxTransaction], Awaitable[T]],
        *,
        attempts: int = _ATTEMPTS_GUARD,
        retry_duplicates: bool = False,
    ) -> T:
        """`transaction()` that re-runs `work` when the server aborts it for a conflict.

        A hot document (a popular post, a busy conversation) can lose many
        conflicts in a row, so `work` re-runs for up to 10 s, with a short,
        capped, jittered back-off (`common.transactions`). An unknown commit result
        retries the commit only: `work` never applies twice. With
        `retry_duplicates`, a duplicate key (a row another transaction committed
        after this one's snapshot) also re-runs `work`, which then sees that
        row: for work that looks before it inserts. What `work` hands to
        `after_commit` runs once it committed; an aborted attempt's never runs.

        ```python
        async def work(tx: OutboxTransaction) -> Post:
            post = await posts.insert(Post(author_id=me, body=body), session=tx.session)
            await tx.publish(post_created(post))
            return post

        post = await publisher.run_in_transaction(work)
        ```
        """

        callbacks: list[AfterCommit] = []
        openers: dict[Hashable, Opener] = {}  # what aborted attempts learned (`on_rerun`)

        async def attempt(session: AsyncClientSession) -> T:
            with collecting_after_commit(callbacks), _staging(session) as staged:
                tx = OutboxTransaction(self, session, _steps=[], _openers=openers)
                for opener in list(openers.values()):
                    await opener(tx)
                result = await work(tx)
                await tx.run_before_commit()
                await self._insert_staged(staged)
                return result

        result = await run_in_transaction(
            self.database.client,
            attempt,
            retry=TransactionRetry(
                attempts=attempts,
                budget_seconds=_BUDGET_SECONDS,
                backoff_base_seconds=_BACKOFF_BASE_SECONDS,
                backoff_cap_seconds=_BACKOFF_CAP_SECONDS,
            ),
            rerun_on=(lambda exc: isinstance(exc, DuplicateKeyError)) if retry_duplicates else None,
            database=self.database.name,
        )
        self._wake.set()
        await run_after_commit(callbacks, database=self.database.name)
        return result


@dataclass(frozen=True)
class OutboxTransaction:
    """One transaction of `OutboxPublisher`: write with `session`, publish with `publish`.

    ```python
    await repo.save(doc, session=tx.session)
    await tx.publish(event)  # committed with the save, or not at all
    ```
    """

    publisher: OutboxPublisher
    session: AsyncClientSession
    # Keys `first_time` was given in this attempt (a re-run gets a new transaction object).
    _done: set[Hashable] = field(default_factory=set, compare=False, repr=False)
    _shared: dict[Hashable, object] = field(default_factory=dict, compare=False, repr=False)
    # What runs just before the commit. None: someone else commits this transaction (a
    # consumer's), and nothing would run a step, so `before_commit` refuses one.
    _steps: list[Step] | None = field(default=None, compare=False, repr=False)
    # Shared by every attempt of one `run_in_transaction`; None when someone else
    # commits (and re-runs) this transaction.
    _openers: dict[Hashable, Opener] | None = field(default=None, compare=False, repr=False)

    async def publish(self, event: Event) -> None:
        """Add `event` to this transaction's outbox rows (see the class example)."""
        await self.publisher.publish(event, session=self.session)

    def first_time(self, key: Hashable) -> bool:
        """True the first time `key` is offered in this transaction: for what several steps
        of one unit of work may each ask for but must happen once (a live-sync mark)."""
        if key in self._done:
            return False
        self._done.add(key)
        return True

    def shared(self, key: Hashable, make: Callable[[OutboxTransaction], V]) -> V:
        """The one value `key` names in this attempt: `make(self)` the first time, the same
        value after. What several writes of one batch add to (a post's like counter)."""
        if key not in self._shared:
            self._shared[key] = make(self)
        return cast(V, self._shared[key])

    def before_commit(self, step: Step) -> None:
        """Run `step` after the work, just before the commit, inside the transaction.

        A step that raises aborts the transaction like the work raising would.
        """
        if self._steps is None:
            raise RuntimeError("this transaction is committed by its owner; no step would run")
        self._steps.append(step)

    def on_rerun(self, key: Hashable, opener: Opener) -> None:
        """Open every later attempt of this work with `opener(tx)`, once per `key`.

        What an aborted attempt learned, for the re-runs: take the document it lost a
        write conflict on first thing, so a long write is not starved by a stream of
        short ones committing on that document meanwhile. Nothing happens in a
        transaction someone else commits and re-runs (a consumer's).
        """
        if self._openers is not None:
            self._openers.setdefault(key, opener)

    async def run_before_commit(self) -> None:
        """Run the steps `before_commit` queued, in order; the committer calls it."""
        steps = self._steps or []
        while steps:  # a step may queue another
            await steps.pop(0)()


@contextmanager
def _staging(session: AsyncClientSession) -> Iterator[_Staged]:
    """Stage the rows published in `session` for one attempt; a re-run starts empty."""
    staged = _Staged(session, [])
    token = _staged.set(staged)
    try:
        yield staged
    finally:
        _staged.reset(token)
