"""Presence bookkeeping around a live subscription, including how it ends."""

from __future__ import annotations

import asyncio

import pytest

from subgraphs.notifications.repository.presence import Presence


class SlowHeartbeat(Presence):
    """A heartbeat caught mid-write when the subscription ends: it takes a while to stop."""

    def __init__(self) -> None:
        super().__init__(None, prefix="test", ttl_seconds=60)
        self.beating = asyncio.Event()
        self.stopping = asyncio.Event()
        self.release = asyncio.Event()

    async def _beat(self, user_id: str, member: str) -> None:
        self.beating.set()
        try:
            await asyncio.Event().wait()
        finally:
            self.stopping.set()
            await self.release.wait()


async def test_a_user_is_online_only_while_subscribed() -> None:
    presence = Presence(None, prefix="test", ttl_seconds=60)
    async with presence.online("u1"):
        assert await presence.is_online("u1")
    assert not await presence.is_online("u1")


async def test_cancelling_the_subscriber_while_its_heartbeat_stops_is_not_swallowed() -> None:
    presence = SlowHeartbeat()
    leaving = asyncio.Event()

    async def subscriber() -> None:
        async with presence.online("u1"):
            await leaving.wait()

    task = asyncio.create_task(subscriber())
    await presence.beating.wait()
    leaving.set()
    await presence.stopping.wait()  # the subscriber is now waiting for its heartbeat
    task.cancel()  # e.g. the server shutting down right then
    presence.release.set()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert not await presence.is_online("u1")
