"""Identical in-flight subgraph requests share one exchange (Apollo's `deduplicate_query`).

Only the bytes travel between callers: each one decodes its own copy, because the
executor merges responses into the operation's data in place.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable
from functools import partial
from typing import Any, Generic, TypeVar

_K = TypeVar("_K", bound=Hashable)
_V = TypeVar("_V")


class _Shared(Generic[_V]):
    __slots__ = ("task", "waiters")

    def __init__(self, task: asyncio.Task[_V]) -> None:
        self.task = task
        self.waiters = 0


class InFlight(Generic[_K, _V]):
    """Runs one task per key at a time; callers arriving meanwhile await the same result.

    The task outlives any one caller: a cancelled caller leaves it running for the
    others, and it is cancelled only when the last caller waiting on it goes away.
    """

    def __init__(self) -> None:
        self._running: dict[_K, _Shared[_V]] = {}

    def __len__(self) -> int:
        """Requests in flight."""
        return len(self._running)

    @property
    def waiting(self) -> int:
        """Callers awaiting a request in flight, its starters included."""
        return sum(shared.waiters for shared in self._running.values())

    async def join(self, key: _K, start: Callable[[], Coroutine[Any, Any, _V]]) -> tuple[_V, bool]:
        """The result of the task for `key` (started by `start()` if none runs), and
        whether this caller started it. The task's exception is raised to every caller."""
        shared = self._running.get(key)
        started = shared is None
        if shared is None:
            shared = _Shared(asyncio.create_task(start()))
            self._running[key] = shared
            shared.task.add_done_callback(partial(self._forget, key, shared))
        shared.waiters += 1
        try:
            return await asyncio.shield(shared.task), started
        finally:
            shared.waiters -= 1
            if shared.waiters == 0 and not shared.task.done():
                # Nobody wants the answer any more; a later caller starts afresh.
                self._forget(key, shared)
                shared.task.cancel()

    def _forget(self, key: _K, shared: _Shared[_V], _: object = None) -> None:
        if self._running.get(key) is shared:
            del self._running[key]
