"""Resumable subscriptions: what a client missed while away, then live, with no gap and no
duplicate.

A subscription over ordered data takes the cursor of the last item its client saw. It
opens its live subscription first (anything published from then on is queued, within
the pub/sub's per-subscriber bound), then reads the stored backlog after the cursor,
emits it, and only then the queued and later live items it has not emitted.

This is race-free when positions are gap-free in commit order: an item is visible only
once every lower position is visible or will never be (chat's per-conversation `seq`,
allocated in the inserting transaction). Then an item committed before the backlog read
is in the backlog, one committed after it is announced after the live subscription
opened, and a live item at or below the last replayed position was replayed.

Example::

    stream = await feed.subscribe(channel)           # live first
    backlog = store.after(seq)                       # read lazily, after the subscribe
    resumed = replay_then_live(stream, backlog, position=lambda m: m.seq, after=seq)
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable
from typing import TypeVar

T = TypeVar("T")


async def replay_then_live(
    live: AsyncIterator[T],
    backlog: AsyncIterable[T],
    *,
    position: Callable[[T], int],
    after: int,
) -> AsyncIterator[T]:
    """The backlog, then the live items past it; `live` must be subscribed before the
    backlog is read. Closing this closes `live`."""
    replayed = after
    stored = aiter(backlog)
    try:
        async for item in stored:
            replayed = max(replayed, position(item))
            yield item
        async for item in live:
            # Not raised by live items: two of them may arrive out of order.
            if position(item) > replayed:
                yield item
    finally:
        for source in (stored, live):
            closer = getattr(source, "aclose", None)
            if closer is not None:
                await closer()
