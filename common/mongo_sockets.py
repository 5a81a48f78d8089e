"""A MongoDB connect that is cancelled midway closes its socket.

PyMongo's async pool (4.20) opens a socket and awaits `sock_connect` under
`wait_for`; it closes the socket on a timeout or an `OSError`, not on a
`CancelledError` (upstream PYTHON-5867). A request cancelled while its
operation opens a new connection (the client went away, an operation deadline
ran out) then leaves the descriptor open until the garbage collector finds it.

Here the connect runs to its end in a task of its own, bounded by the pool's
connect timeout as before, and the socket a cancelled caller would have got is
closed as soon as it exists.
"""

from __future__ import annotations

import asyncio
import socket

from pymongo import pool_shared
from pymongo.pool_options import PoolOptions
from pymongo.typings import _Address

_upstream = pool_shared._async_create_connection
# asyncio keeps only weak references to tasks: these must outlive their caller.
_unclaimed: set[asyncio.Task[socket.socket]] = set()


async def _create_connection(address: _Address, options: PoolOptions) -> socket.socket:
    connecting = asyncio.ensure_future(_upstream(address, options))
    try:
        return await asyncio.shield(connecting)
    except asyncio.CancelledError:
        _unclaimed.add(connecting)
        connecting.add_done_callback(_close_unclaimed)
        raise


def _close_unclaimed(connecting: asyncio.Task[socket.socket]) -> None:
    _unclaimed.discard(connecting)
    # Reading the outcome also marks a failed connect's error as seen.
    if not connecting.cancelled() and connecting.exception() is None:
        connecting.result().close()


def close_cancelled_connects() -> None:
    """Make every async MongoDB client in this process close a cancelled connect's socket.

    Idempotent; `common.db` calls it on import, before any client connects.
    """
    pool_shared._async_create_connection = _create_connection
