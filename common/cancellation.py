"""Stopping a child task without swallowing the caller's own cancellation."""

from __future__ import annotations

import asyncio
from typing import Any


async def cancel_and_wait(task: asyncio.Task[Any]) -> None:
    """Cancel `task` and wait until it has finished; its own CancelledError ends here.

    `with suppress(CancelledError): await task` would also swallow the
    cancellation of the task *calling* this (a server shutting down, a client
    going away), and the caller would carry on as if nothing asked it to stop.
    Here that one propagates: `cancelling()` counts requests to cancel us.

    ```python
    reader = asyncio.create_task(read())
    try:
        ...
    finally:
        await cancel_and_wait(reader)
    ```
    An exception the task raised while stopping propagates too.
    """
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise
