"""One writer per conversation at a time within this process.

Appending a message takes the conversation's next sequence number inside a
transaction, so two appends to one conversation conflict until the first
commits. Queuing them here keeps that to a wait instead of an aborted and
retried transaction; appends from other replicas still conflict and retry.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass
class _Lane:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class Lanes:
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
