"""Bounded waits on conditions that only show in another process or a database."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable


async def wait_until(
    check: Callable[[], Awaitable[bool]], *, within: float = 10.0, every: float = 0.02
) -> None:
    """Poll `check` until it holds; TimeoutError after `within` seconds.

    For effects with no in-process signal to await (rows written by a consumer,
    messages in a broker queue); everything else should await an event.
    """
    async with asyncio.timeout(within):
        while not await check():  # noqa: ASYNC110 - nothing in this process to wait on
            await asyncio.sleep(every)
