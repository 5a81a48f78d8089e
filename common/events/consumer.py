"""Applying one event for one consumer, the same on every bus: validate, dedupe, handle, record."""

from __future__ import annotations

import enum
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, PyMongoError

from common.events.bus import (
    AfterCommit,
    AnyHandler,
    DeadLetter,
    RetryLater,
    Transactional,
    collecting_after_commit,
    run_after_commit,
)
from common.events.catalog import InvalidEvent
from common.events.envelope import Event
from common.events.processed import MemoryProcessedLog, MongoProcessedLog, ProcessedLog
from common.locks import KeyedLocks
from common.transactions import UNKNOWN_COMMIT, TransactionRetry, is_transient, run_in_transaction

log = logging.getLogger(__name__)

Database = AsyncDatabase[dict[str, Any]]
DatabaseFor = Callable[[str], Database]

# Concurrent transactions on one document abort each other (WriteConflict).
# The loser re-runs here, promptly and jittered, for up to this long before the
# event goes to a delay queue: a conflict is contention, not a failing event.
CONFLICT_RETRY = TransactionRetry(
    attempts=200, budget_seconds=15.0, backoff_base_seconds=0.002, backoff_cap_seconds=0.1
)


class Applied(enum.Enum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class Failed:
    reason: str
    # Permanent failures (bad envelope, unknown version, DeadLetter) skip the retries.
    permanent: bool = False
    # A write conflict that outlived the immediate retries: another transaction
    # holds the documents (a crashed consumer's stays open until the server
    # reaps it, 60 s on mongod). Retried after the longest delay without using
    # up the retry budget: waiting for a lock is not a failing event.
    transient: bool = False


Outcome = Applied | Failed


@dataclass(frozen=True)
class RetryPolicy:
    """How often a failing event is retried, and after what waits, before it is dead-lettered.

    ```python
    bus = InMemoryEventBus(retry=RetryPolicy(delays_ms=(10, 20), max_retries=2))
    ```
    """

    delays_ms: tuple[int, ...] = (1_000, 5_000, 30_000)
    max_retries: int = 3

    def delay_ms(self, retry: int) -> int:
        """The wait before retry number `retry` (1-based)."""
        return self.delays_ms[min(retry, len(self.delays_ms)) - 1]

    @property
    def longest_ms(self) -> int:
        return max(self.delays_ms)


class _Duplicate(Exception):
    pass


class _StillConflicting(Exception):
    pass


@dataclass
class Subscription:
    consumer: str
    patterns: tuple[str, ...]
    handler: AnyHandler
    processed: ProcessedLog
    _lanes: KeyedLocks = field(default_factory=KeyedLocks)

    async def apply(self, event: Event) -> Outcome:
        try:
            event.payload()
        except InvalidEvent as exc:
            return Failed(str(exc), permanent=True)
        try:
            if isinstance(self.handler, Transactional):
                return await self._apply_in_transaction(event, self.handler)
            if await self.processed.contains(event.id):
                return Applied.DUPLICATE
            await self.handler(event)
            await self.processed.record(event.id)
        except DeadLetter as exc:
            return Failed(f"dead-lettered by handler: {exc}", permanent=True)
        except RetryLater as exc:
            log.info(
                "event deferred by its handler",
                extra={"consumer": self.consumer, "event_id": event.id, "reason": str(exc)},
            )
            return Failed(f"deferred by handler: {exc}", transient=True)
        except _StillConflicting as exc:
            log.warning(
                "event conflicts with another transaction; retrying later",
                extra={"consumer": self.consumer, "event_id": event.id},
            )
            return Failed(str(exc.__cause__), transient=True)
        except Exception as exc:
            log.exception(
                "event handler failed", extra={"consumer": self.consumer, "event_id": event.id}
            )
            return Failed(f"{type(exc).__name__}: {exc}")
        return Applied.APPLIED

    async def _apply_in_transaction(self, event: Event, handler: Transactional) -> Outcome:
        client = self.processed.client
        if client is None:
            raise RuntimeError(f"consumer {self.consumer} is transactional but has no database")
        callbacks: list[AfterCommit] = []

        async def attempt(session: AsyncClientSession) -> None:
            with collecting_after_commit(callbacks):
                try:
                    await self.processed.record(event.id, session=session)
                except DuplicateKeyError as exc:
                    raise _Duplicate from exc
                returned = await handler.handler(event, session)
                if returned is not None:
                    # A handler may also hand back its after-commit work.
                    callbacks.append(returned)

        try:
            await run_in_transaction(client, attempt, retry=CONFLICT_RETRY)
        except _Duplicate:
            return Applied.DUPLICATE
        except PyMongoError as exc:
            if is_transient(exc) or exc.has_error_label(UNKNOWN_COMMIT):
                raise _StillConflicting from exc
            raise
        await run_after_commit(callbacks, consumer=self.consumer, event_id=event.id)
        return Applied.APPLIED

    def lane(self, key: str) -> AbstractAsyncContextManager[None]:
        """One event per user at a time, in delivery order."""
        return self._lanes.hold(key)

    @asynccontextmanager
    async def lanes(self, event: Event) -> AsyncIterator[None]:
        """The event's user's lane, then the handler's own lane for it if it names one.

        Always taken in that order, and nobody holding a handler's lane waits for a
        user's, so two events cannot each hold what the other waits for.
        """
        async with self.lane(event.user_id or event.id):
            lane_of = self.handler.lane if isinstance(self.handler, Transactional) else None
            extra = lane_of(event) if lane_of is not None else None
            if extra is None:
                yield
                return
            async with self._lanes.hold(f"lane:{extra}"):
                yield


def make_subscription(
    consumer: str,
    patterns: Sequence[str],
    handler: AnyHandler,
    *,
    database: Database | None,
    database_for: DatabaseFor | None,
) -> Subscription:
    """Where the consumer's processed ids live: its own subgraph's database."""
    if database is None and database_for is not None:
        database = database_for(consumer.split(".", 1)[0])
    processed: ProcessedLog = (
        MongoProcessedLog(database, consumer) if database is not None else MemoryProcessedLog()
    )
    if isinstance(handler, Transactional) and database is None:
        raise ValueError(f"consumer {consumer} is transactional: it needs a database")
    return Subscription(consumer, tuple(patterns), handler, processed)
