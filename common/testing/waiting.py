"""Bounded waits on conditions that only show in another process or a database."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


# A bound, not a pace: both waits return as soon as the condition holds. It is
# generous because a loaded two-core CI machine runs consumers several times
# slower than a quiet one, and a timeout there is a false failure.
DEFAULT_WITHIN = 30.0


async def wait_until(
    check: Callable[[], Awaitable[bool]], *, within: float = DEFAULT_WITHIN, every: float = 0.02
) -> None:
    """Poll `check` until it holds; TimeoutError after `within` seconds.

    For effects with no in-process signal to await (rows written by a consumer,
    messages in a broker queue); everything else should await an event.
    """
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 - nothing in this process to wait on
            await asyncio.sleep(every)


async def eventually(
    probe: Callable[[], Awaitable[T]],
    accept: Callable[[T], bool],
    *,
    within: float = DEFAULT_WITHIN,
) -> T:
    """Re-ask `probe` until `accept` takes its answer, and return that answer.

    For effects of asynchronous consumers seen through an API; the last answer
    is in the failure so a test says what it saw, not just that it timed out.
    """
    last: T | None = None
    try:
        async with asyncio.timeout(within):
            while True:
                last = await probe()
                if accept(last):
                    return last
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"not reached within {within}s; last answer: {last!r}") from None


def poll_until(
    check: Callable[[], bool], *, within: float = DEFAULT_WITHIN, every: float = 0.05
) -> bool:
    """`wait_until` for synchronous tests: whether `check` held within `within` seconds.

    For the state of other processes (a child that must have exited), seen
    from code with no event loop.
    """
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() >= deadline:
            return False
        time.sleep(every)
    return True
