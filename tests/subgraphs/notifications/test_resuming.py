"""Resumed `notificationAdded(after:)` over graphql-transport-ws, fed through the real bus."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from redis.asyncio import Redis
from websockets.asyncio.client import ClientConnection

from common.events.amqp import AmqpEventBus
from common.events.catalog import PostLiked
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from common.testing.ws import acknowledged, receive
from subgraphs.notifications.app import subgraph
from tests.subgraphs.conftest import Eventually, Gql, MakeEvent

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

RESUME = """subscription($after: String) {
  notificationAdded(after: $after) { targetId count cursor } }"""
INBOX = "{ notifications(first: 50) { edges { node { targetId cursor } } } }"


@pytest.fixture
async def server(serve_subgraph: ServeSubgraph, settings: Settings) -> AsyncIterator[str]:
    override = settings.model_copy(update={"notifications_dispatch_interval_seconds": 0})
    async with serve_subgraph(subgraph, settings_override=override) as url:
        yield url


@asynccontextmanager
async def _socket(server: str, token: str) -> AsyncIterator[ClientConnection]:
    async with acknowledged(server, {"Authorization": token}, path="/graphql/") as ws:
        yield ws


async def _subscribe(ws: ClientConnection, after: str | None) -> None:
    payload = {"query": RESUME, "variables": {"after": after}}
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))


async def _notification(ws: ClientConnection) -> dict[str, Any]:
    message = await receive(ws)
    assert message["type"] == "next", message
    added: dict[str, Any] = message["payload"]["data"]["notificationAdded"]
    return added


async def test_a_resumed_subscription_gets_exactly_what_it_missed_then_live_ones(
    server: str,
    settings: Settings,
    bus: AmqpEventBus,
    make_event: MakeEvent,
    gql: Gql,
    eventually: Eventually,
    test_keys: TestKeys,
) -> None:
    def like(post: str) -> Any:
        payload = PostLiked(post_id=post, author_id="u1", liker_id="u2")
        return make_event("community.post.liked", payload=payload)

    token = f"Bearer {test_keys.token('u1')}"
    redis = Redis.from_url(settings.redis_url or "")
    presence = f"{settings.redis_prefix}:notifications:presence:u1"
    try:
        async with _socket(server, token) as ws:
            await _subscribe(ws, None)
            # Online is entered once subscribed: what is published now comes through.
            await eventually(lambda: redis.zcard(presence), lambda n: n == 1)
            await bus.publish(like("seen"))
            last = await _notification(ws)
            assert last["targetId"] == "seen"
        await eventually(lambda: redis.zcard(presence), lambda n: n == 0)
    finally:
        await redis.aclose()

    missed = [f"missed-{i}" for i in range(5)]
    for post in missed:
        await bus.publish(like(post))
    await eventually(
        lambda: gql(server, INBOX, headers=test_keys.bearer("u1")),
        lambda b: len(b["data"]["notifications"]["edges"]) == 6,
    )

    async with _socket(server, token) as ws:
        await _subscribe(ws, last["cursor"])
        replayed = [await _notification(ws) for _ in missed]
        # In the order they were stored (the bus may apply them in any order).
        assert sorted(n["targetId"] for n in replayed) == missed
        assert {n["count"] for n in replayed} == {1}
        await bus.publish(like("live"))
        assert (await _notification(ws))["targetId"] == "live"


async def test_a_cursor_we_did_not_issue_is_refused(server: str, test_keys: TestKeys) -> None:
    async with _socket(server, f"Bearer {test_keys.token('u1')}") as ws:
        # Unsigned, as chat's message cursors are: `{"seq":3}`.
        for forged in ("garbage", "eyJzZXEiOjN9"):
            await _subscribe(ws, forged)
            refused = await receive(ws)
            assert refused["type"] == "error", refused
            assert refused["payload"][0]["extensions"] == {
                "code": "BAD_USER_INPUT",
                "field": "after",
            }
