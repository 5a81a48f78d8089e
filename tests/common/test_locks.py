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


async def test_holding_several_keys_in_crossed_orders_never_deadlocks() -> None:
    locks = KeyedLocks()
    held: list[int] = []

    async def both(n: int, keys: list[str]) -> None:
        async with locks.hold_all(keys):
            held.append(n)
            await asyncio.sleep(0)  # let the others queue while this one holds

    # Around a ring each key is wanted by two holders, named in opposite orders.
    ring = [f"u{n}" for n in range(10)]
    holders = [both(n, [ring[n], ring[(n + 1) % 10]]) for n in range(10)]
    await asyncio.wait_for(asyncio.gather(*holders), 5)
    assert sorted(held) == list(range(10))
    assert len(locks) == 0
