"""What every analytics repository shares: the session type, transactions, stored times.

Writes take the consumer's transaction (`session`): the event's log entry, its
projection writes and any badge it earns commit together with its processed
id, or not at all. Writes are keyed by a natural id and converge whatever
order events arrive in, so a rebuild (no session) replays them to the same state.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, TypeVar

from beanie import SortDirection
from pymongo.asynchronous.client_session import AsyncClientSession

from common.transactions import TransactionRetry, run_in_transaction
from subgraphs.analytics.models import StoredEvent

Session = AsyncClientSession | None
T = TypeVar("T")

ASC = SortDirection.ASCENDING


async def in_transaction(
    work: Callable[[AsyncClientSession], Awaitable[T]], *, attempts: int = 30
) -> T:
    """Run `work` in a transaction of its own, re-run when it conflicts with another.

    The rebuild writes this way too: a plain write that meets a consumer's open
    transaction waits on it, and the embedded server can deadlock on that;
    two transactions instead fail fast with a write conflict and one re-runs.
    An unknown commit result retries the commit, never `work` (`$inc` twice).
    """
    client = StoredEvent.get_pymongo_collection().database.client
    retry = TransactionRetry(
        attempts=attempts, budget_seconds=30.0, backoff_base_seconds=0.005, backoff_cap_seconds=0.5
    )
    return await run_in_transaction(client, work, retry=retry)


def as_stored(value: Any) -> Any:
    # The database keeps milliseconds: compare live events (microseconds) as
    # they will read back, so a live run and a rebuild decide alike.
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value
