"""Transactions that survive write conflicts without ever applying their work twice.

MongoDB labels the errors a transaction can meet (see the drivers' transactions
spec, and PyMongo's `with_transaction`, which this follows):

- `TransientTransactionError`: the transaction was aborted (a write conflict, a
  failover); nothing of it committed, so the whole work is run again.
- `UnknownTransactionCommitResult`: the commit may or may not have happened.
  Running the work again could apply it twice (an `$inc` counted twice), so
  only the *commit* is retried, until its outcome is known.

Unlike `with_transaction` (a fixed 120 s, no cap on attempts) the retries here
are bounded by attempts and by time, with capped, jittered exponential back-off,
so a hot document costs milliseconds of retry, not a caller's whole timeout.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import OperationFailure, PyMongoError

from common.errors import Unavailable
from common.metrics import TRANSACTION_RERUNS

T = TypeVar("T")

TRANSIENT = "TransientTransactionError"
UNKNOWN_COMMIT = "UnknownTransactionCommitResult"
_MAX_TIME_EXPIRED = 50


@dataclass(frozen=True)
class TransactionRetry:
    """How hard to try: attempts and seconds, whichever runs out first."""

    attempts: int = 60
    budget_seconds: float = 10.0
    # Back-off before attempt n+1: uniform(0, min(cap, base * 2**n)).
    backoff_base_seconds: float = 0.002
    backoff_cap_seconds: float = 0.05

    def backoff(self, attempt: int) -> float:
        ceiling = min(self.backoff_cap_seconds, self.backoff_base_seconds * 2.0**attempt)
        return random.uniform(0, ceiling)  # noqa: S311 - jitter, not secrets


def is_transient(exc: BaseException) -> bool:
    """Aborted as a whole (a write conflict): safe to run the work again."""
    return isinstance(exc, PyMongoError) and exc.has_error_label(TRANSIENT)


def _commit_unknown(exc: PyMongoError) -> bool:
    if not exc.has_error_label(UNKNOWN_COMMIT):
        return False
    # A commit that ran out of its own maxTimeMS is not retried (as in the spec).
    return not (isinstance(exc, OperationFailure) and exc.code == _MAX_TIME_EXPIRED)


@asynccontextmanager
async def snapshot(client: AsyncMongoClient[Any]) -> AsyncIterator[AsyncClientSession]:
    """A session whose reads all see one point in time (a read-only transaction).

    ```python
    async with snapshot(client) as session:
        page = await Message.find(query, session=session).to_list()
    ```
    """
    async with client.start_session() as session, await session.start_transaction():
        yield session


async def run_in_transaction(
    client: AsyncMongoClient[dict[str, Any]],
    work: Callable[[AsyncClientSession], Awaitable[T]],
    *,
    retry: TransactionRetry | None = None,
    rerun_on: Callable[[Exception], bool] | None = None,
    database: str = "",
) -> T:
    """Run `work(session)` in a transaction and commit it, exactly once in effect.

    ```python
    async def like(session: AsyncClientSession) -> int:
        await likes.insert_one({...}, session=session)
        post = await posts.find_one_and_update(..., {"$inc": {"likes": 1}}, session=session)
        return post["likes"]

    count = await run_in_transaction(client, like)
    ```
    `work` is re-run after a `TransientTransactionError` (and after any error
    `rerun_on` accepts), with jittered back-off; an unknown commit result is
    settled by retrying the commit alone. The last error propagates once
    `retry.attempts` or `retry.budget_seconds` is used up. Each re-run counts
    in `lifegraph_transaction_reruns_total` under `database`.
    """
    policy = retry or TransactionRetry()
    deadline = time.monotonic() + policy.budget_seconds
    async with client.start_session() as session:
        attempt = 0
        while True:
            attempt += 1
            may_rerun = attempt < policy.attempts and time.monotonic() < deadline
            await session.start_transaction()
            try:
                result = await work(session)
            except BaseException as exc:
                if session.in_transaction:
                    await session.abort_transaction()
                rerun = is_transient(exc) or (
                    rerun_on is not None and isinstance(exc, Exception) and rerun_on(exc)
                )
                if not (rerun and may_rerun):
                    raise
            else:
                if await _commit(session, deadline, may_rerun):
                    return result
            TRANSACTION_RERUNS.labels(database).inc()
            await asyncio.sleep(policy.backoff(attempt))


class CommitOutcomeUnknown(Unavailable):
    """The commit may have applied, and the server can no longer say whether it did.

    A retried commit answers from the server's record of the transaction; a server
    that restarted without that record (secantusd, or a lost primary before the
    record replicated) answers "no such transaction". Running the work again then
    could apply it twice, so the caller is told instead; a client retries safely
    with an `Idempotency-Key`, a consumer through its processed-event ids.
    """

    def __init__(self) -> None:
        super().__init__(
            "The write may or may not have been applied; the database restarted while "
            "it committed. Retry with the same Idempotency-Key, or check before retrying."
        )


async def _commit(session: AsyncClientSession, deadline: float, may_rerun: bool) -> bool:
    """Commit; True once committed, False when the transaction must run again."""
    outcome_unknown = False
    while True:
        try:
            await session.commit_transaction()
        except PyMongoError as exc:
            if _commit_unknown(exc) and time.monotonic() < deadline:
                outcome_unknown = True
                continue  # the same transaction: committing twice applies it once
            if outcome_unknown or _commit_was_resent(session):
                raise CommitOutcomeUnknown() from exc
            if exc.has_error_label(TRANSIENT) and may_rerun:
                return False
            raise
        return True


def _commit_was_resent(session: AsyncClientSession) -> bool:
    """Whether PyMongo already sent this commit more than once by itself.

    After a network error it resends a commit once, before we see anything; if
    the server restarted meanwhile without the transaction's record, the resend
    answers "no such transaction", labelled transient, and the first commit,
    which may have applied, is hidden. Re-running `work` then could apply it
    twice (a goal created twice after a database kill -9). Read directly, not with
    getattr, so that mypy flags it if PyMongo renames the counter, instead of the
    check quietly turning off.
    """
    return session._transaction.attempt > 1
