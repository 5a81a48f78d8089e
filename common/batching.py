"""Concurrent writes to one hot document, committed together instead of fighting over it.

A popular post or profile is written by every like, comment or follow. As separate
transactions they abort each other on write conflicts (snapshot isolation aborts
the later writer at once), and under a few hundred concurrent writers most of them
lose dozens of times. Here writes on the same key queue in this process and run
as ONE transaction per batch: one conflict-free commit instead of hundreds of
conflicting ones. A write that also touches other documents (a follow writes the
follower's profile besides the followee's) names their keys, and its batch holds
every key's lane while it commits, so in this process writes sharing any key
queue instead of aborting each other. Writes from other processes still
conflict; the transaction runner re-runs the whole batch.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from common.errors import LifeGraphError
from common.locks import KeyedLocks

T = TypeVar("T")
U = TypeVar("U")

Work = Callable[[U], Awaitable[Any]]


@dataclass
class _Pending(Generic[U]):
    work: Work[U]
    also: frozenset[str] = frozenset()
    future: asyncio.Future[Any] = field(
        default_factory=lambda: asyncio.get_running_loop().create_future()
    )


@dataclass(frozen=True)
class _Outcome:
    value: Any = None
    error: LifeGraphError | None = None


# Runs its argument as one transaction (re-running it on conflicts) and returns its result.
Transact = Callable[[Callable[[U], Awaitable[list[_Outcome]]]], Awaitable[list[_Outcome]]]


class HotWrites(Generic[U]):
    """`await hot.run(key, work)`: `work(unit)` in a transaction shared with its key's neighbours.

    Example::

        hot = HotWrites(lambda batch: publisher.run_in_transaction(batch))
        post = await hot.run(post_id, like_work)  # like_work(tx) -> Post

    Each `work` runs in turn on the batch's unit, so it sees the writes of those
    before it, and must raise its domain errors (`LifeGraphError`) before it
    writes anything that should not commit: such an error fails that caller
    alone, the rest of the batch commits. Any other failure fails the batch;
    a batch of several then runs again one by one, so one caller's bug is its
    own. A caller that is cancelled while waiting does not cancel the write.

    `also` names other keys the work writes::

        await hot.run(followee_id, follow_work, also=[follower_id])

    Its batch then runs only while no other batch on any of those keys does
    (lanes taken in sorted order, so never a deadlock): writes that share a
    document wait their turn instead of aborting each other.
    """

    def __init__(self, transact: Transact[U], *, max_batch: int = 64) -> None:
        self._transact = transact
        self._max_batch = max_batch
        self._queues: dict[str, list[_Pending[U]]] = {}
        self._drains: set[asyncio.Task[None]] = set()
        self._lanes = KeyedLocks()

    async def run(
        self, key: str, work: Callable[[U], Awaitable[T]], *, also: Iterable[str] = ()
    ) -> T:
        pending: _Pending[U] = _Pending(work, frozenset(also))
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = []
            task = asyncio.create_task(self._drain(key), name=f"hot-writes:{key}")
            self._drains.add(task)
            task.add_done_callback(self._drains.discard)
        queue.append(pending)
        result: T = await asyncio.shield(pending.future)
        return result

    async def _drain(self, key: str) -> None:
        while True:
            queue = self._queues[key]
            if not queue:
                del self._queues[key]  # no await since the check: nobody joined meanwhile
                return
            batch, queue[:] = queue[: self._max_batch], queue[self._max_batch :]
            async with self._lanes.hold_all(_keys_of(key, batch)):
                await self._commit(batch)

    async def _commit(self, batch: list[_Pending[U]]) -> None:
        try:
            outcomes = await self._transact(_batch_work(batch))
        except Exception as exc:
            if len(batch) > 1:
                for pending in batch:
                    await self._commit([pending])
                return
            _settle(batch[0], exc)
            return
        for pending, outcome in zip(batch, outcomes, strict=True):
            _settle(pending, outcome.error, outcome.value)


def _keys_of(key: str, batch: list[_Pending[U]]) -> set[str]:
    return {key}.union(*(pending.also for pending in batch))


def _batch_work(batch: list[_Pending[U]]) -> Callable[[U], Awaitable[list[_Outcome]]]:
    async def work(unit: U) -> list[_Outcome]:
        # Built afresh on every attempt: a re-run batch decides everything again.
        outcomes: list[_Outcome] = []
        for pending in batch:
            try:
                outcomes.append(_Outcome(value=await pending.work(unit)))
            except LifeGraphError as exc:
                outcomes.append(_Outcome(error=exc))
        return outcomes

    return work


def _settle(pending: _Pending[Any], error: BaseException | None, value: Any = None) -> None:
    if pending.future.done():
        return
    if error is not None:
        pending.future.set_exception(error)
    else:
        pending.future.set_result(value)
