from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from common.pubsub.base import Message, Subscription, counted_live


class InMemoryPubSub:
    def __init__(self, *, max_pending: int = 1000) -> None:
        self._subscribers: defaultdict[str, set[Subscription]] = defaultdict(set)
        self._max_pending = max_pending

    async def publish(self, channel: str, message: Message) -> None:
        for sub in list(self._subscribers.get(channel, ())):
            sub.deliver(message)

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[Subscription]:
        sub = Subscription(channel, self._max_pending)
        self._subscribers[channel].add(sub)
        try:
            with counted_live(channel):
                yield sub
        finally:
            self._subscribers[channel].discard(sub)
            if not self._subscribers[channel]:
                del self._subscribers[channel]

    async def close(self) -> None:
        for subs in self._subscribers.values():
            for sub in subs:
                sub.end()

    async def healthy(self) -> bool:
        return True
