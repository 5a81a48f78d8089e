"""Streamed responses: the status line now, the body as the operation produces it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from common.cancellation import cancel_and_wait

Body = Callable[[Receive, Send], Awaitable[None]]


class StreamedResponse(Response):
    """200 with `media_type`; `body` writes the rest and must end the response itself."""

    def __init__(self, media_type: str, request_id: str, body: Body) -> None:
        self.status_code = 200
        self.media_type = media_type
        self._body = body
        # No content length: the body is as long as the stream lasts. Proxies must not
        # buffer it (nginx reads X-Accel-Buffering) nor cache it.
        self.init_headers(
            {
                "content-type": media_type,
                "cache-control": "no-cache",
                "x-accel-buffering": "no",
                "x-request-id": request_id,
            }
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": self.raw_headers})
        await self._body(receive, send)


async def until_disconnected(receive: Receive) -> None:
    while (await receive())["type"] != "http.disconnect":
        pass


async def while_connected(receive: Receive, work: Coroutine[Any, Any, None]) -> None:
    """Runs `work` until it ends, or until the client leaves: then it is cancelled, and
    with it every fetch it started."""
    job = asyncio.create_task(work)
    left = asyncio.create_task(until_disconnected(receive))
    try:
        await asyncio.wait([job, left], return_when=asyncio.FIRST_COMPLETED)
    finally:
        await cancel_and_wait(left)
        await cancel_and_wait(job)
