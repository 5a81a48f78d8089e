"""The live-sync feed against the real database: positions, replay, live signals, erasure."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from common.db import init_database
from common.errors import BadUserInput
from common.events import OutboxPublisher, OutboxTransaction
from common.infra import Infrastructure
from common.livesync import CHANGE_INDEXES, Change, ChangeFeed, ChangeRow
from common.pubsub.memory import InMemoryPubSub


class ProbeChange(ChangeRow):
    class Settings:
        name = "changes"
        indexes = CHANGE_INDEXES


async def _feed(infra: Infrastructure) -> tuple[ChangeFeed, OutboxPublisher]:
    database = await init_database(infra.mongo, infra.settings, "probe", [ProbeChange])
    return ChangeFeed("probe", ProbeChange, InMemoryPubSub()), OutboxPublisher(database)


async def _all(stream: Any, count: int) -> list[Change]:
    found: list[Change] = []
    async with asyncio.timeout(10):
        async for change in stream:
            found.append(change)
            if len(found) == count:
                break
    return found


async def test_concurrent_writes_get_gap_free_positions_and_a_replay_names_each_object_once(
    infra: Infrastructure,
) -> None:
    feed, publisher = await _feed(infra)

    async def edit(item: str) -> None:
        async def work(tx: OutboxTransaction) -> None:
            await feed.mark(tx.session, "ada", "goal", item)

        await publisher.run_in_transaction(work)

    # Twenty writers for one user at once, each on its own object: positions 1 to 20.
    await asyncio.gather(*(edit(f"g{i}") for i in range(20)))
    async with feed.live("ada", "goal", after=0) as stream:
        replayed = await _all(stream, 20)
    assert [c.seq for c in replayed] == list(range(1, 21))
    # Five edited again, at once: a device that saw 1..20 gets those five, once each.
    await asyncio.gather(*(edit(f"g{i}") for i in range(5)))
    async with feed.live("ada", "goal", after=20) as stream:
        again = await _all(stream, 5)
    assert [c.seq for c in again] == list(range(21, 26))
    assert sorted(c.object_id for c in again) == [f"g{i}" for i in range(5)]
    async with feed.live("ada", "goal", after=0) as stream:
        everything = await _all(stream, 20)
    assert sorted(c.object_id for c in everything) == sorted(f"g{i}" for i in range(20))


async def test_live_changes_come_after_the_commit_only_for_their_user_and_entity(
    infra: Infrastructure,
) -> None:
    feed, publisher = await _feed(infra)

    async def mark(user: str, entity: str, item: str, *, fail: bool = False) -> None:
        async def work(tx: OutboxTransaction) -> None:
            await feed.mark(tx.session, user, entity, item, deleted=entity == "gone")
            if fail:
                raise RuntimeError("rolled back")

        await publisher.run_in_transaction(work)

    async with feed.live("ada", "habit") as stream:
        with pytest.raises(RuntimeError):
            await mark("ada", "habit", "rolled-back", fail=True)
        await mark("grace", "habit", "hers")
        await mark("ada", "goal", "not-a-habit")
        await mark("ada", "habit", "h1")
        (change,) = await _all(stream, 1)
    assert (change.object_id, change.deleted) == ("h1", False)


async def test_cursors_are_our_own_and_erasure_forgets_the_user(infra: Infrastructure) -> None:
    feed, publisher = await _feed(infra)

    async def work(tx: OutboxTransaction) -> None:
        await feed.mark(tx.session, "ada", "goal", "g1")

    await publisher.run_in_transaction(work)
    async with feed.live("ada", "goal", after=0) as stream:
        (change,) = await _all(stream, 1)
    assert feed.position(feed.cursor(change)) == change.seq
    other = ChangeFeed("other", ProbeChange, InMemoryPubSub())
    for forged in ("1", other.cursor(change)):
        with pytest.raises(BadUserInput):
            feed.position(forged)

    await feed.erase("ada")
    assert await ProbeChange.get_pymongo_collection().count_documents({"user_id": "ada"}) == 0
