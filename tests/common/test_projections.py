"""`apply_if_newer` against the real database: order, tombstones, transactions and races."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection

from common.infra import Infrastructure
from common.projections import apply_if_newer
from common.transactions import run_in_transaction
from tests.common.failpoints import VICTIM, fail_next

Rows = AsyncCollection[dict[str, Any]]
T0 = datetime(2026, 1, 1, 12, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
async def rows(infra: Infrastructure) -> Rows:
    collection: Rows = infra.mongo[infra.settings.database_name("projections")]["profiles"]
    await collection.create_index("user_id", unique=True)
    return collection


async def stored(rows: Rows, user_id: str = "ana") -> dict[str, Any]:
    found = await rows.find({"user_id": user_id}, {"_id": 0}).to_list()
    assert len(found) == 1, found
    return found[0]


async def test_a_missing_row_is_inserted_from_key_defaults_fields_and_stamp(rows: Rows) -> None:
    applied = await apply_if_newer(
        rows,
        {"user_id": "ana"},
        {"name": "Ana"},
        at=at(0),
        defaults={"name": "", "deleted": False, "write_seq": 0},
    )

    assert applied
    assert await stored(rows) == {
        "user_id": "ana",
        "name": "Ana",
        "deleted": False,
        "write_seq": 0,
        "as_of": at(0),
    }


async def test_newer_events_apply_and_older_or_repeated_ones_change_nothing(rows: Rows) -> None:
    key = {"user_id": "ana"}
    assert await apply_if_newer(rows, key, {"name": "second"}, at=at(2))

    assert not await apply_if_newer(rows, key, {"name": "first"}, at=at(1))
    assert not await apply_if_newer(rows, key, {"name": "again"}, at=at(2))
    assert (await stored(rows))["name"] == "second"

    assert await apply_if_newer(rows, key, {"name": "third"}, at=at(3))
    assert await stored(rows) == {"user_id": "ana", "name": "third", "as_of": at(3)}


async def test_ties_rewrites_an_equal_stamp_but_never_an_older_one(rows: Rows) -> None:
    key = {"user_id": "ana"}
    await apply_if_newer(rows, key, {"name": "first"}, at=at(2))

    assert await apply_if_newer(rows, key, {"name": "same ms"}, at=at(2), ties=True)
    assert not await apply_if_newer(rows, key, {"name": "older"}, at=at(1), ties=True)
    assert (await stored(rows))["name"] == "same ms"


async def test_the_comparison_is_at_the_databases_millisecond_precision(rows: Rows) -> None:
    key = {"user_id": "ana"}
    await apply_if_newer(rows, key, {"name": "first"}, at=at(1) + timedelta(microseconds=900))

    # Later by microseconds only: the same stored millisecond, so a repeat.
    later = at(1) + timedelta(microseconds=990)
    assert not await apply_if_newer(rows, key, {"name": "repeat"}, at=later)
    assert (await stored(rows))["name"] == "first"


async def test_a_row_without_a_stamp_takes_any_event(rows: Rows) -> None:
    await rows.insert_one({"user_id": "ana", "name": "from a token", "synced_at": None})

    assert await apply_if_newer(
        rows, {"user_id": "ana"}, {"name": "Ana"}, at=at(0), stamp="synced_at"
    )
    assert await stored(rows) == {"user_id": "ana", "name": "Ana", "synced_at": at(0)}


async def test_a_tombstone_is_never_revived_nor_duplicated(rows: Rows) -> None:
    await rows.insert_one({"user_id": "ana", "name": "", "deleted": True, "as_of": None})

    applied = await apply_if_newer(
        rows, {"user_id": "ana"}, {"name": "Ana"}, at=at(9), tombstone="deleted"
    )

    assert not applied
    assert await stored(rows) == {"user_id": "ana", "name": "", "deleted": True, "as_of": None}


async def test_also_joins_the_update_of_an_existing_row_only(rows: Rows) -> None:
    key = {"user_id": "ana"}
    bump = {"$inc": {"write_seq": 1}}
    await apply_if_newer(rows, key, {"name": "a"}, at=at(1), defaults={"write_seq": 0}, also=bump)
    await apply_if_newer(rows, key, {"name": "b"}, at=at(2), defaults={"write_seq": 0}, also=bump)
    await apply_if_newer(rows, key, {"name": "old"}, at=at(0), defaults={"write_seq": 0}, also=bump)

    assert await stored(rows) == {"user_id": "ana", "name": "b", "write_seq": 1, "as_of": at(2)}


async def test_an_older_event_in_a_transaction_leaves_it_able_to_commit(
    infra: Infrastructure, rows: Rows
) -> None:
    """The reason for not upserting on `as_of < new`: that would be a duplicate key here."""
    await apply_if_newer(rows, {"user_id": "ana"}, {"name": "newer"}, at=at(5))

    async def work(session: AsyncClientSession) -> bool:
        applied = await apply_if_newer(
            rows, {"user_id": "ana"}, {"name": "older"}, at=at(1), session=session
        )
        await rows.insert_one({"user_id": "bob", "name": "same transaction"}, session=session)
        return applied

    assert not await run_in_transaction(infra.mongo, work)
    assert (await stored(rows))["name"] == "newer"
    assert (await stored(rows, "bob"))["name"] == "same transaction"


async def test_a_row_inserted_after_the_transactions_snapshot_reruns_it(
    infra: Infrastructure, rows: Rows
) -> None:
    """The insert race inside a transaction: the work runs again and compares stamps."""
    attempts = 0

    async def work(session: AsyncClientSession) -> bool:
        nonlocal attempts
        attempts += 1
        # The snapshot is taken here, before the competing writer commits its row.
        assert await rows.find_one({"user_id": "zed"}, session=session) is None
        if attempts == 1:
            await rows.insert_one({"user_id": "ana", "name": "competitor", "as_of": at(1)})
        return await apply_if_newer(
            rows, {"user_id": "ana"}, {"name": "event"}, at=at(2), session=session
        )

    assert await run_in_transaction(infra.mongo, work)
    assert attempts == 2
    assert await stored(rows) == {"user_id": "ana", "name": "event", "as_of": at(2)}


# The server insists on details for 11000; the driver reads 11001 as a duplicate key too.
DUPLICATE_KEY: dict[str, Any] = {"errorCode": 11001}


async def test_a_duplicate_key_inside_a_transaction_reruns_it(failpoint_url: str) -> None:
    """MongoDB may report that race as a duplicate key, which aborts the transaction."""
    victim: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(
        failpoint_url, appname=VICTIM, tz_aware=True
    )
    other: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(failpoint_url, tz_aware=True)
    rows = victim.projections.profiles
    await rows.drop()
    await rows.create_index("user_id", unique=True)
    attempts = 0

    async def work(session: AsyncClientSession) -> bool:
        nonlocal attempts
        attempts += 1
        assert await rows.find_one({"user_id": "zed"}, session=session) is None
        if attempts == 1:
            await other.projections.profiles.insert_one(
                {"user_id": "ana", "name": "competitor", "as_of": at(1)}
            )
            await fail_next(failpoint_url, "insert", DUPLICATE_KEY)
        return await apply_if_newer(
            rows, {"user_id": "ana"}, {"name": "event"}, at=at(2), session=session
        )

    try:
        assert await run_in_transaction(victim, work)
        assert attempts == 2
        assert await stored(rows) == {"user_id": "ana", "name": "event", "as_of": at(2)}
    finally:
        await victim.close()
        await other.close()


async def test_concurrent_first_events_leave_one_row_with_the_newest(rows: Rows) -> None:
    """The insert race outside a transaction: losers of the insert update the winner's row."""
    users = [f"user{n}" for n in range(10)]
    stamps = [at(s) for s in (3, 7, 1, 9, 4, 2, 8, 6, 5, 0)]

    await asyncio.gather(
        *(
            apply_if_newer(rows, {"user_id": user}, {"name": f"at {s.second}"}, at=s)
            for s in stamps
            for user in users
        )
    )

    for user in users:
        assert await stored(rows, user) == {"user_id": user, "name": "at 9", "as_of": at(9)}
