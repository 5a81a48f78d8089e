"""Loopback SMTP and web-push endpoints (the shared fixtures are in tests/subgraphs/conftest.py)."""

from __future__ import annotations

import asyncio
import base64
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TypeVar

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from common.serving import serve_in_loop
from common.settings import SubgraphSettings

SubgraphT = TypeVar("SubgraphT", bound=SubgraphSettings)


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@dataclass
class MailServer:
    """An SMTP server on loopback; `reject` makes it refuse recipients with a temporary error."""

    port: int = 0
    reject: bool = False
    received: asyncio.Queue[Envelope] = field(default_factory=asyncio.Queue)

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if self.reject:
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.received.put_nowait(envelope)
        return "250 Message accepted"

    def settings(self, base: SubgraphT) -> SubgraphT:
        return base.model_copy(
            update={"smtp_host": "127.0.0.1", "smtp_port": self.port, "smtp_starttls": False}
        )


@pytest.fixture
async def smtp() -> AsyncIterator[MailServer]:
    mail = MailServer()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(mail, hostname="localhost", loop=loop), "127.0.0.1", 0
    )
    mail.port = server.sockets[0].getsockname()[1]
    try:
        yield mail
    finally:
        server.close()
        await server.wait_closed()


@dataclass
class PushEndpoint:
    """A push service on loopback that records what it is sent, and a subscriber's keys."""

    url: str
    received: asyncio.Queue[tuple[dict[str, str], bytes]]
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes
    status: int = 201

    @property
    def endpoint(self) -> str:
        return f"{self.url}/push/device-1"

    @property
    def p256dh(self) -> str:
        return b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)


@pytest.fixture
async def push_service() -> AsyncIterator[PushEndpoint]:
    received: asyncio.Queue[tuple[dict[str, str], bytes]] = asyncio.Queue()
    holder: list[PushEndpoint] = []

    async def accept(request: Request) -> Response:
        received.put_nowait((dict(request.headers), await request.body()))
        return Response(status_code=holder[0].status)

    app = Starlette(routes=[Route("/push/{device}", accept, methods=["POST"])])
    async with serve_in_loop(app) as url:
        holder.append(
            PushEndpoint(
                url=url,
                received=received,
                private_key=ec.generate_private_key(ec.SECP256R1()),
                auth_secret=os.urandom(16),
            )
        )
        yield holder[0]


@pytest.fixture(scope="session")
def vapid_private_key() -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    return b64url(key.private_numbers().private_value.to_bytes(32, "big"))
