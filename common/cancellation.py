"""Stopping and awaiting child tasks without swallowing the caller's own cancellation."""

from __future__ import annotations

import asyncio
from typing import Any


async def join(task: asyncio.Task[Any]) -> None:
    """Wait until `task` has finished; a CancelledError of *its* own ends here.

    `with suppress(CancelledError): await task` would also swallow the
    cancellation of the task *calling* this (a server shutting down, a client
    going away), and the caller would carry on as if nobody had asked it to
    stop. Here that one propagates: `cancelling()` counts requests to cancel us.
    Any other exception the task raised propagates too.
    """
    try:
        await task
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise


async def cancel_and_wait(task: asyncio.Task[Any]) -> None:
    """Cancel `task` and wait until it has finished (see `join`).

    ```python
    reader = asyncio.create_task(read())
    try:
        ...
    finally:
        await cancel_and_wait(reader)
    ```
    """
    task.cancel()
    await join(task)
