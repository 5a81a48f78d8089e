"""What one client is sent, in order, by one writer; a full outbox means the client is too slow."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable

from starlette.types import Message, Send


def websocket_text(text: str) -> Message:
    return {"type": "websocket.send", "text": text}


def http_chunk(text: str) -> Message:
    """A piece of a streamed HTTP response body (multipart parts, server-sent events)."""
    return {"type": "http.response.body", "body": text.encode(), "more_body": True}


class Outbox:
    def __init__(
        self,
        send: Send,
        limit: int,
        on_overflow: Callable[[], None],
        message: Callable[[str], Message] = websocket_text,
    ) -> None:
        self._send = send
        self._message = message
        self._limit = limit
        self._on_overflow = on_overflow
        self._pending: deque[str] = deque()
        self._wake = asyncio.Event()
        self._open = True
        self.sent = 0

    def put(self, text: str) -> None:
        """Queue a message without waiting; when the client lags too far it is cut off."""
        if not self._open:
            return
        if len(self._pending) >= self._limit:
            self._open = False
            self._pending.clear()
            self._on_overflow()
            return
        self._pending.append(text)
        self._wake.set()

    def stop(self, *, drop_pending: bool) -> None:
        """No new messages; the writer ends once what is queued (unless dropped) is sent."""
        self._open = False
        if drop_pending:
            self._pending.clear()
        self._wake.set()

    async def run(self) -> None:
        send, pending, message = self._send, self._pending, self._message
        while True:
            if not pending:
                if not self._open:
                    return
                self._wake.clear()
                await self._wake.wait()
                continue
            text = pending.popleft()
            try:
                await send(message(text))
            except OSError:  # the client went away (uvicorn's ClientDisconnected)
                pending.clear()
                self._open = False
                return
            self.sent += 1
