"""Resumed `messageAdded`: the replay and the live fan-out meet with no gap and no duplicate."""

from __future__ import annotations

import asyncio

import pytest

from common.errors import BadUserInput, Forbidden
from subgraphs.chat.domain import cursors
from subgraphs.chat.service.live import LiveStream, MessageSignal
from subgraphs.chat.service.streams import REPLAY_PAGE

from .conftest import Hosted

pytestmark = [pytest.mark.redis]


async def _next_text(stream: LiveStream[MessageSignal]) -> str:
    async with asyncio.timeout(10):
        return (await anext(stream)).message.text


async def test_messages_sent_during_the_replay_are_neither_lost_nor_repeated(
    hosted: Hosted,
) -> None:
    async with hosted() as host:
        services = host.services
        conversation = str((await services.conversations.start_direct("alice", "bob")).id)
        seen = await services.messages.send("alice", conversation, "seen")
        missed = [f"missed {i}" for i in range(REPLAY_PAGE + 5)]  # more than one page
        for text in missed:
            await services.messages.send("alice", conversation, text)

        stream = await services.streams.watch_messages_added(
            "bob", conversation, after=cursors.encode(seen.seq)
        )
        try:
            received = [await _next_text(stream)]
            # The replay has read its first page only: these land both in the pages
            # still to read and in the live subscription's queue.
            during = [f"during {i}" for i in range(5)]
            for text in during:
                await services.messages.send("alice", conversation, text)
            while len(received) < len(missed) + len(during):
                received.append(await _next_text(stream))
            await services.messages.send("alice", conversation, "live")
            received.append(await _next_text(stream))
        finally:
            await stream.aclose()
        assert received == [*missed, *during, "live"]


async def test_resuming_is_authorised_as_subscribing_and_checks_the_cursor(
    hosted: Hosted,
) -> None:
    async with hosted() as host:
        services = host.services
        conversation = str((await services.conversations.start_direct("alice", "bob")).id)
        seen = await services.messages.send("alice", conversation, "seen")
        with pytest.raises(Forbidden):
            await services.streams.watch_messages_added(
                "mallory", conversation, after=cursors.encode(seen.seq)
            )
        with pytest.raises(BadUserInput):
            await services.streams.watch_messages_added("bob", conversation, after="not a cursor")
