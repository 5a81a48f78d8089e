from __future__ import annotations

import asyncio

from common.locks import KeyedLocks


async def test_one_holder_per_key_in_arrival_order_and_idle_keys_are_dropped() -> None:
    locks = KeyedLocks()
    order: list[str] = []
    holding, release = asyncio.Event(), asyncio.Event()

    async def hold(key: str, name: str, *, wait: bool = False) -> None:
        async with locks.hold(key):
            order.append(name)
            if wait:
                holding.set()
                await release.wait()

    first = asyncio.create_task(hold("u1", "first", wait=True))
    await holding.wait()
    queued = [asyncio.create_task(hold("u1", name)) for name in ("second", "third")]
    other = asyncio.create_task(hold("u2", "other user"))
    await other
    assert order == ["first", "other user"]  # a different key never waits
    release.set()
    await asyncio.gather(first, *queued)
    assert order == ["first", "other user", "second", "third"]
    assert len(locks) == 0
