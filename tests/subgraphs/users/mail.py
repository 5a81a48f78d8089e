"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import asyncio
import email
import email.policy
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope


class MailCatcher:
    def __init__(self) -> None:
        self._received: asyncio.Queue[EmailMessage] = asyncio.Queue()
        self.port = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Envelope) -> str:
        content = envelope.content
        raw = content.encode() if isinstance(content, str) else bytes(content or b"")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self._received.put_nowait(message)
        return "250 OK"

    async def next(self) -> EmailMessage:
        async with asyncio.timeout(10):
            return await self._received.get()

    def empty(self) -> bool:
        return self._received.empty()


@asynccontextmanager
async def smtp_server() -> AsyncIterator[MailCatcher]:
    catcher = MailCatcher()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(catcher, hostname="lifegraph.test"), "127.0.0.1", 0
    )
    catcher.port = server.sockets[0].getsockname()[1]
    try:
        yield catcher
    finally:
        server.close()
        await server.wait_closed()
