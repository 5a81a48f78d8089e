"""Pub/sub for real-time fan-out: any replica publishes, every replica's subscribers receive.

Both implementations multiplex: one upstream subscription per channel per
process, however many local subscribers share it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from common.metrics import LIVE_SUBSCRIBERS

Message = dict[str, Any]


class SubscriberOverflow(Exception):
    """A subscriber fell too far behind and was cut off rather than stall the rest."""


class PubSub(Protocol):
    async def publish(self, channel: str, message: Message) -> None: ...

    def subscribe(self, channel: str) -> AbstractAsyncContextManager[Subscription]:
        """Entering returns once the subscription is live: nothing published after is missed."""

    async def close(self) -> None: ...

    async def healthy(self) -> bool: ...


def channel_family(channel: str) -> str:
    """The channel without its last part, the id of a user or conversation, so the
    gauge's labels stay few: `chat:conversation:42` is `chat:conversation`."""
    cut = max(channel.rfind(":"), channel.rfind("."))
    return channel[:cut] if cut > 0 else channel


@contextlib.contextmanager
def counted_live(channel: str) -> Iterator[None]:
    """Count a subscriber in `lifegraph_pubsub_subscribers` while the block runs.

    Enter once the subscription is live: the gauge is what says so from outside the
    process (the subscription protocols acknowledge nothing), e.g. to a test that
    must not act before a browser's subscription can see it.
    """
    gauge = LIVE_SUBSCRIBERS.labels(channel_family(channel))
    gauge.inc()
    try:
        yield
    finally:
        gauge.dec()


class Subscription:
    def __init__(self, channel: str, max_pending: int) -> None:
        self.channel = channel
        self._queue: asyncio.Queue[Message | None] = asyncio.Queue(maxsize=max_pending)
        self._overflowed = False
        self._error: Exception | None = None

    def deliver(self, message: Message) -> None:
        if self._overflowed:
            return
        try:
            self._queue.put_nowait(message)
        except asyncio.QueueFull:
            self._overflowed = True
            self._queue.get_nowait()
            self._queue.put_nowait(None)

    def fail(self, error: Exception) -> None:
        """End the stream by raising `error` to the subscriber: its source went away."""
        self._error = error
        if self._queue.full():
            self._queue.get_nowait()  # the stream ends anyway; the error must get through
        self._queue.put_nowait(None)

    def end(self) -> None:
        with contextlib.suppress(asyncio.QueueFull):
            self._queue.put_nowait(None)

    def __aiter__(self) -> AsyncIterator[Message]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[Message]:
        while True:
            message = await self._queue.get()
            if message is None:
                if self._error is not None:
                    raise self._error
                if self._overflowed:
                    raise SubscriberOverflow(self.channel)
                return
            yield message
