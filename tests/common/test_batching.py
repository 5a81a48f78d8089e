"""HotWrites: concurrent writes on one key share a transaction; each caller gets its own outcome."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from common.batching import HotWrites
from common.errors import NotFound


class FakeTransactions:
    """Runs each batch on a list standing in for the transaction; counts commits."""

    def __init__(self, *, fail_first: int = 0) -> None:
        self.commits: list[list[str]] = []
        self._fail = fail_first

    async def transact(self, work: Callable[[list[str]], Awaitable[Any]]) -> Any:
        unit: list[str] = []
        result = await work(unit)
        await asyncio.sleep(0)
        if self._fail:
            self._fail -= 1
            raise RuntimeError("boom")
        self.commits.append(unit)
        return result


def _append(item: str) -> Callable[[list[str]], Awaitable[int]]:
    async def work(unit: list[str]) -> int:
        unit.append(item)
        return len(unit)

    return work


async def test_concurrent_writes_on_one_key_commit_together() -> None:
    tx = FakeTransactions()
    hot: HotWrites[list[str]] = HotWrites(tx.transact)
    results = await asyncio.gather(*(hot.run("post", _append(str(n))) for n in range(50)))
    assert sorted(results) == list(range(1, 51))
    assert len(tx.commits) <= 2  # the first alone, the rest in the next batch
    assert sorted(int(i) for c in tx.commits for i in c) == list(range(50))


async def test_a_domain_error_fails_its_caller_alone() -> None:
    tx = FakeTransactions()
    hot: HotWrites[list[str]] = HotWrites(tx.transact)

    async def missing(unit: list[str]) -> int:
        raise NotFound("Post not found.")

    outcomes = await asyncio.gather(
        hot.run("post", _append("a")),
        hot.run("post", missing),
        hot.run("post", _append("b")),
        return_exceptions=True,
    )
    assert isinstance(outcomes[1], NotFound)
    assert sorted(c for commit in tx.commits for c in commit) == ["a", "b"]


async def test_a_failed_batch_runs_again_one_by_one() -> None:
    tx = FakeTransactions(fail_first=2)  # "x" alone, then the batch of three
    hot: HotWrites[list[str]] = HotWrites(tx.transact)
    first = asyncio.ensure_future(hot.run("post", _append("x")))
    await asyncio.sleep(0)
    rest = [hot.run("post", _append(n)) for n in ("a", "b", "c")]
    outcomes = await asyncio.gather(first, *rest, return_exceptions=True)
    assert isinstance(outcomes[0], RuntimeError)
    assert outcomes[1:] == [1, 1, 1]
    assert tx.commits == [["a"], ["b"], ["c"]]


async def test_keys_do_not_wait_for_each_other() -> None:
    tx = FakeTransactions()
    hot: HotWrites[list[str]] = HotWrites(tx.transact)
    gate = asyncio.Event()

    async def slow(unit: list[str]) -> int:
        await gate.wait()
        return 0

    blocked = asyncio.ensure_future(hot.run("a", slow))
    assert await asyncio.wait_for(hot.run("b", _append("b")), 5) == 1
    gate.set()
    assert await blocked == 0


@pytest.mark.parametrize("max_batch", [1, 3])
async def test_batches_are_capped(max_batch: int) -> None:
    tx = FakeTransactions()
    hot: HotWrites[list[str]] = HotWrites(tx.transact, max_batch=max_batch)
    await asyncio.gather(*(hot.run("k", _append(str(n))) for n in range(7)))
    assert max(len(c) for c in tx.commits) <= max_batch


async def test_writes_sharing_an_also_key_wait_for_each_other() -> None:
    tx = FakeTransactions()
    hot: HotWrites[list[str]] = HotWrites(tx.transact)
    gate, entered = asyncio.Event(), asyncio.Event()

    async def slow(unit: list[str]) -> int:
        entered.set()
        await gate.wait()
        unit.append("a->b")
        return 0

    # Keys "b" and "c" differ, but both writes also touch profile "a".
    first = asyncio.ensure_future(hot.run("b", slow, also=["a"]))
    await entered.wait()
    second = asyncio.ensure_future(hot.run("c", _append("a->c"), also=["a"]))
    other = await asyncio.wait_for(hot.run("d", _append("d")), 5)  # shares nothing: runs
    assert (other, second.done()) == (1, False)
    gate.set()
    assert [await first, await second] == [0, 1]
    assert tx.commits == [["d"], ["a->b"], ["a->c"]]
