"""Local copies of other subgraphs' facts, kept current from their events.

A subgraph that keeps a row per user (or per goal) from another subgraph's
events must apply each event unless a newer one was already applied: events are
redelivered and, across consumers or retries, arrive out of order. A row may
also be a tombstone (the account was deleted), which no late event may revive.
`apply_if_newer` is that rule, written once: goals, community and chat keep
users' rows with it; analytics and notifications keep their `as_of` projections
with it too, with `ties=True` (an event of the same millisecond is written again).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError, PyMongoError

from common.transactions import TRANSIENT

__all__ = ["InsertRace", "apply_if_newer"]


class InsertRace(PyMongoError):
    """Another writer committed the row after this transaction's snapshot was taken.

    The server has aborted the transaction over the duplicate key; nothing of it
    committed. It carries the `TransientTransactionError` label, so
    `common.transactions.run_in_transaction` (and so every transactional
    consumer and `OutboxPublisher.run_in_transaction`) runs the work again, and
    the new attempt finds the row and compares stamps like any other update.
    """

    def __init__(self) -> None:
        super().__init__(
            "A concurrent writer inserted the same projection row; run the transaction again.",
            error_labels=[TRANSIENT],
        )


async def apply_if_newer(
    collection: AsyncCollection[dict[str, Any]],
    key: Mapping[str, Any],
    fields: Mapping[str, Any],
    *,
    at: datetime | str,
    stamp: str = "as_of",
    tombstone: str | None = None,
    defaults: Mapping[str, Any] | None = None,
    also: Mapping[str, Any] | None = None,
    ties: bool = False,
    session: AsyncClientSession | None = None,
) -> bool:
    """Write `fields` and `stamp = at` to the row `key`, unless a newer event already did.

    ```python
    applied = await apply_if_newer(
        Profile.get_pymongo_collection(),
        {"user_id": event.user_id},
        {"display_name": payload.display_name},
        at=event.time,
        stamp="synced_at",
        tombstone="deleted",
        defaults={"privacy": "public", "deleted": False},
        session=session,
    )
    ```
    Returns whether the row now reflects this event. Nothing is written when
    the stored `stamp` is newer than `at` (or equal, unless `ties`: then an
    equal stamp is written again, for projections whose replays must converge
    on the last event of a millisecond), or when `tombstone` names a field that
    is true on the row. A stored `stamp` of None (a row created by something
    other than an event) counts as older than any event. A missing row is
    inserted from `key`, `defaults`, `fields` and the stamp; `also` (e.g.
    `{"$inc": {"write_seq": 1}}`) joins the update of an existing row only.
    `at` is usually the event's time; a string stamp that sorts in time order
    (an ISO day, `"2026-12-03"`) works the same way.

    The comparison runs on the server, so both sides are at BSON's millisecond
    precision. It is deliberately not one upsert filtered on `stamp < at`: when
    a newer row exists that upsert matches nothing, tries to insert a second
    row and fails on the unique key, aborting the caller's transaction. The
    insert happens only once the row is known to be absent. Outside a
    transaction a concurrent writer may insert the row between these steps: the
    guarded update then runs once more against that row and decides. Inside one,
    every step reads the same snapshot, and a row committed after it makes the
    insert fail (the server aborts the transaction): an `InsertRace` makes the
    transaction runner run the work again.
    """
    newer = {"$lte" if ties else "$lt": at}
    guarded: dict[str, Any] = {**key, "$or": [{stamp: None}, {stamp: newer}]}
    if tombstone is not None:
        guarded[tombstone] = {"$ne": True}
    extra = dict(also or {})
    update: dict[str, Any] = {**extra, "$set": {**extra.get("$set", {}), **fields, stamp: at}}
    if await _update(collection, guarded, update, session):
        return True
    in_transaction = session is not None and session.in_transaction
    if await collection.find_one(dict(key), {"_id": 1}, session=session) is not None:
        if in_transaction:
            return False  # seen in the update's snapshot: newer, or a tombstone
        # It may have been inserted since the update looked: this update decides.
        return await _update(collection, guarded, update, session)
    row = {**(defaults or {}), **key, **fields, stamp: at}
    try:
        await collection.insert_one(row, session=session)
    except DuplicateKeyError as exc:
        if in_transaction:
            raise InsertRace() from exc
        return await _update(collection, guarded, update, session)
    return True


async def _update(
    collection: AsyncCollection[dict[str, Any]],
    query: dict[str, Any],
    update: dict[str, Any],
    session: AsyncClientSession | None,
) -> bool:
    result = await collection.update_one(query, update, session=session)
    return result.matched_count > 0
