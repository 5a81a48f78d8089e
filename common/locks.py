"""One holder per key at a time within this process, waiting in arrival order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class _Lane:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class KeyedLocks:
    """A lock per key (a user, a conversation), created on demand, dropped when idle.

    asyncio locks are FIFO, so holders of one key go in the order they asked.
    """

    def __init__(self) -> None:
        self._lanes: dict[str, _Lane] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        lane = self._lanes.get(key)
        if lane is None:
            lane = self._lanes[key] = _Lane()
        lane.users += 1
        try:
            async with lane.lock:
                yield
        finally:
            lane.users -= 1
            if lane.users == 0:
                del self._lanes[key]

    @asynccontextmanager
    async def hold_all(self, keys: Iterable[str]) -> AsyncIterator[None]:
        """Hold several keys at once (a follow: the follower's and the followee's profile).

        Every holder takes its keys in sorted order, so two holders of
        overlapping keys queue on the first they share and never deadlock.

        ```python
        async with locks.hold_all([follower_id, followee_id]):
            ...
        ```
        """
        async with AsyncExitStack() as stack:
            for key in sorted(set(keys)):
                await stack.enter_async_context(self.hold(key))
            yield

    def __len__(self) -> int:
        return len(self._lanes)
