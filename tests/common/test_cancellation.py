"""Awaiting a child task: its cancellation ends there, the caller's own never does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

import pytest

from common.cancellation import cancel_and_wait, join


@dataclass
class SlowToStop:
    """A child whose cleanup waits for `release`: whoever stops it waits meanwhile."""

    started: asyncio.Event = field(default_factory=asyncio.Event)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        self.started.set()
        try:
            await asyncio.Event().wait()
        finally:
            self.stopping.set()
            await self.release.wait()

    async def start(self) -> asyncio.Task[None]:
        task = asyncio.create_task(self.run())
        await self.started.wait()
        return task


async def _cancel_caller_while_it_stops_a_child(
    stop: Callable[[asyncio.Task[None]], Coroutine[Any, Any, None]],
) -> asyncio.Task[None]:
    child = SlowToStop()
    task = await child.start()
    calling = asyncio.create_task(stop(task))
    await child.stopping.wait()  # the caller now waits for the child's cleanup
    calling.cancel()
    child.release.set()
    return calling


async def test_cancel_and_wait_lets_the_callers_own_cancellation_propagate() -> None:
    calling = await _cancel_caller_while_it_stops_a_child(cancel_and_wait)
    with pytest.raises(asyncio.CancelledError):
        await calling
    assert calling.cancelled()


async def test_join_lets_the_callers_own_cancellation_propagate() -> None:
    async def cancel_then_join(task: asyncio.Task[None]) -> None:
        task.cancel()
        await join(task)

    calling = await _cancel_caller_while_it_stops_a_child(cancel_then_join)
    with pytest.raises(asyncio.CancelledError):
        await calling


async def test_a_timeout_around_stopping_a_child_still_fires() -> None:
    child = SlowToStop()
    task = await child.start()

    async def stop_within_a_deadline() -> None:
        async with asyncio.timeout(0.05):
            await cancel_and_wait(task)
            await asyncio.Event().wait()  # a swallowed timeout would hang here

    with pytest.raises(TimeoutError):
        await stop_within_a_deadline()
    child.release.set()
    await join(task)


async def test_the_childs_own_cancellation_ends_in_join() -> None:
    child = SlowToStop()
    task = await child.start()
    child.release.set()
    await cancel_and_wait(task)
    assert task.cancelled()


async def test_join_raises_what_the_child_raised() -> None:
    async def broken() -> None:
        raise ValueError("bad state")

    with pytest.raises(ValueError, match="bad state"):
        await join(asyncio.create_task(broken()))
