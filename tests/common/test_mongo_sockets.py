"""A MongoDB connect cancelled midway leaves no socket behind (common.mongo_sockets)."""

from __future__ import annotations

import asyncio
import gc
import socket
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pymongo import pool_shared
from pymongo.pool_options import PoolOptions

import common.db  # noqa: F401 - importing the kit's MongoDB module installs the fix
from common.cancellation import join
from common.testing.waiting import eventually

_SYN_SENT = "02"


def _connects_to(port: int) -> list[str]:
    """States of this machine's TCP sockets connecting to or connected to `port`."""
    states = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        remote_port = int(fields[2].split(":")[1], 16)
        if remote_port == port:
            states.append(fields[3])
    return states


@contextmanager
def _full_listener() -> Iterator[int]:
    """A port whose accept queue is full, so a new connect hangs in SYN_SENT."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)  # Linux queues one connection at backlog 0 and drops later SYNs
    port: int = listener.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port))
    try:
        yield port
    finally:
        filler.close()
        listener.close()


async def test_a_connect_cancelled_midway_closes_its_socket() -> None:
    options = PoolOptions(connect_timeout=0.5)
    with _full_listener() as port, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        before = _connects_to(port).count(_SYN_SENT)
        connecting = asyncio.create_task(
            pool_shared._async_create_connection(("127.0.0.1", port), options)
        )
        await eventually(
            lambda: asyncio.to_thread(_connects_to, port), lambda s: s.count(_SYN_SENT) > before
        )

        connecting.cancel()
        await join(connecting)
        assert connecting.cancelled()
        # Closed by the fix, or else dropped with a ResourceWarning when collected.
        await eventually(
            lambda: asyncio.to_thread(_connects_to, port), lambda s: s.count(_SYN_SENT) == before
        )
        del connecting
        gc.collect()
    assert [str(w.message) for w in caught if w.category is ResourceWarning] == []
