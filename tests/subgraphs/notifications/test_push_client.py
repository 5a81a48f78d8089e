"""Web push shares one HTTP client for the life of the subgraph, closed when it stops."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from common.app import SubgraphHost
from common.auth import StaticKeySource
from common.infra import Infrastructure, open_infrastructure
from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.fixtures import cleanup
from common.testing.tokens import TestKeys
from subgraphs.notifications.app import subgraph
from subgraphs.notifications.models import Kind, Notification, PushEndpoint
from subgraphs.notifications.repository.push import PushEndpoints
from subgraphs.notifications.service.channels import Outgoing

from .conftest import MailServer
from .conftest import PushEndpoint as PushService

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]


@pytest.fixture
async def push_infra(
    settings: Settings, smtp: MailServer, vapid_private_key: str, test_keys: TestKeys
) -> AsyncIterator[Infrastructure]:
    configured = smtp.settings(settings).model_copy(
        update={
            "vapid_private_key": SecretStr(vapid_private_key),
            "notifications_dispatch_interval_seconds": 0,
            # The push service stands in on loopback, which the URL guard refuses otherwise.
            "outbound_allowed_networks": ["127.0.0.0/8"],
        }
    )
    async with (
        cleanup(configured),
        open_infrastructure(configured, key_source=StaticKeySource(test_keys.key_set)) as opened,
    ):
        yield opened


@pytest.fixture
async def client_ports() -> AsyncIterator[tuple[str, list[int]]]:
    """A push service that records the client port of every request: one port, one connection."""
    ports: list[int] = []

    async def accept(request: Request) -> Response:
        assert request.client is not None
        ports.append(request.client.port)
        return Response(status_code=201)

    app = Starlette(routes=[Route("/push/{device}", accept, methods=["POST"])])
    async with serve_in_loop(app) as url:
        yield url, ports


async def test_pushes_share_one_connection_until_the_subgraph_stops(
    push_infra: Infrastructure,
    client_ports: tuple[str, list[int]],
    push_service: PushService,
) -> None:
    url, ports = client_ports
    host = SubgraphHost(subgraph)
    await host.start(push_infra)
    try:
        push = host.services.push
        now = datetime.now(UTC)
        await PushEndpoints().register(
            PushEndpoint(
                user_id="u1",
                endpoint=f"{url}/push/device-1",
                p256dh=push_service.p256dh,
                auth=push_service.auth,
                created_at=now,
            )
        )
        notification = Notification(
            user_id="u1",
            kind=Kind.ACHIEVEMENT,
            target_id="streak_7",
            group_key="u1|achievement|streak_7",
            window=0,
            data={"title": "7-day streak"},
            created_at=now,
            updated_at=now,
        )
        outgoing = Outgoing(notification, None)
        await push.send(outgoing)
        await push.send(outgoing)
        assert len(ports) == 2
        assert ports[0] == ports[1]  # the second send rode the first one's connection
    finally:
        await host.stop()
    with pytest.raises(RuntimeError, match="closed"):
        await push.send(outgoing)
