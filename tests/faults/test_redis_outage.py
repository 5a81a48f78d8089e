"""Redis goes away under live subscriptions: sockets learn it with a clear code, then resume."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import strawberry
from redis.asyncio import Redis
from strawberry.types import Info
from websockets.asyncio.client import ClientConnection

from common.app import Runtime, SubgraphDefinition
from common.graphql.schema import build_schema
from common.pubsub import PubSub
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.graphql import gql
from common.testing.tokens import TestKeys
from common.testing.ws import acknowledged, receive

from .servers import PrivateRedis

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

CHANNEL = "probe"


@strawberry.type(description="Probe queries.")
class Query:
    @strawberry.field(description="Always ok.")
    def ok(self) -> bool:
        return True


@strawberry.type(description="Probe subscriptions.")
class Subscription:
    @strawberry.subscription(description="0 once live, then every number published.")
    async def numbers(self, info: Info) -> AsyncIterator[int]:
        pubsub: PubSub = info.context.services
        async with pubsub.subscribe(CHANNEL) as messages:
            yield 0
            async for message in messages:
                yield int(message["n"])


@strawberry.type(description="Probe mutations.")
class Mutation:
    @strawberry.mutation(description="Publish a number to every subscriber.")
    async def send(self, info: Info, n: int) -> bool:
        pubsub: PubSub = info.context.services
        await pubsub.publish(CHANNEL, {"n": n})
        return True


async def _build(runtime: Runtime) -> PubSub:
    return runtime.infra.pubsub


PROBE = SubgraphDefinition(
    name="redisprobe",
    schema=build_schema("redisprobe", query=Query, mutation=Mutation, subscription=Subscription),
    models=[],
    build=_build,
)


async def _recv(ws: ClientConnection) -> dict[str, Any]:
    return await receive(ws, within=30.0)


async def _subscribe(ws: ClientConnection, op: str) -> dict[str, Any]:
    query = {"query": "subscription { numbers }"}
    await ws.send(json.dumps({"id": op, "type": "subscribe", "payload": query}))
    return await _recv(ws)


async def test_subscriptions_end_with_unavailable_when_redis_dies_and_work_once_it_returns(
    serve_subgraph: ServeSubgraph,
    test_keys: TestKeys,
    settings: Settings,
    private_redis: PrivateRedis,
) -> None:
    async with serve_subgraph(PROBE) as url, acknowledged(url, test_keys.bearer("u1")) as ws:
        assert (await _subscribe(ws, "1"))["payload"] == {"data": {"numbers": 0}}
        assert await gql(url, "mutation { send(n: 1) }") == {"data": {"send": True}}
        assert (await _recv(ws))["payload"] == {"data": {"numbers": 1}}

        await private_redis.stop()
        stopped = time.monotonic()
        interrupted = await _recv(ws)
        noticed = time.monotonic() - stopped
        assert interrupted["type"] == "next"
        [error] = interrupted["payload"]["errors"]
        assert error["extensions"]["code"] == "UNAVAILABLE"
        assert await _recv(ws) == {"id": "1", "type": "complete"}

        # While Redis is down a new subscription is refused the same way.
        refused = await _subscribe(ws, "2")
        assert refused["type"] == "next", refused
        assert refused["payload"]["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
        assert await _recv(ws) == {"id": "2", "type": "complete"}

        await private_redis.start()
        restarted = time.monotonic()
        assert (await _subscribe(ws, "3"))["payload"] == {"data": {"numbers": 0}}
        resumed = time.monotonic() - restarted
        # The server's own pooled Redis connections died too: its next
        # publish must not be the one that finds out.
        sent = await gql(url, "mutation { send(n: 3) }")
        assert sent == {"data": {"send": True}}
        assert (await _recv(ws))["payload"] == {"data": {"numbers": 3}}
    print(  # the issue asks for these numbers
        f"\nredis outage: socket told UNAVAILABLE {noticed:.2f}s after Redis died; "
        f"a new subscription was live {resumed:.2f}s after Redis returned"
    )


async def test_a_redis_blip_is_not_hidden_from_subscribers(
    serve_subgraph: ServeSubgraph, test_keys: TestKeys, private_redis: PrivateRedis
) -> None:
    # The pub/sub connection is cut while Redis stays up, as a network blip or a
    # proxy would: redis-py reconnects and resubscribes in silence, so whatever
    # was published in between would be lost unnoticed.
    async with serve_subgraph(PROBE) as url, acknowledged(url, test_keys.bearer("u1")) as ws:
        assert (await _subscribe(ws, "1"))["payload"] == {"data": {"numbers": 0}}

        admin = Redis.from_url(private_redis.url)
        try:
            assert await admin.client_kill_filter(_type="pubsub") == 1
        finally:
            await admin.aclose()
        interrupted = await _recv(ws)
        assert interrupted["payload"]["errors"][0]["extensions"]["code"] == "UNAVAILABLE"
        assert await _recv(ws) == {"id": "1", "type": "complete"}

        assert (await _subscribe(ws, "2"))["payload"] == {"data": {"numbers": 0}}
        assert await gql(url, "mutation { send(n: 2) }") == {"data": {"send": True}}
        assert (await _recv(ws))["payload"] == {"data": {"numbers": 2}}
