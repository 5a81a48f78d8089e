"""Errors of subscriptions over graphql-transport-ws keep their code, as over HTTP."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
import strawberry
from websockets.asyncio.client import ClientConnection

from common.app import Runtime, SubgraphDefinition
from common.errors import Forbidden
from common.graphql.schema import build_schema
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from common.testing.ws import acknowledged


@strawberry.type(description="Probe queries.")
class Query:
    @strawberry.field(description="Always ok.")
    def ok(self) -> bool:
        return True


@strawberry.type(description="Probe subscriptions.")
class Subscription:
    @strawberry.subscription(description="Refused before it starts.")
    async def refused(self) -> AsyncIterator[int]:
        raise Forbidden("Not yours.")

    @strawberry.subscription(description="Fails after one value.")
    async def breaks(self) -> AsyncIterator[int]:
        yield 1
        raise RuntimeError("secret detail")


async def _build(runtime: Runtime) -> object:
    return object()


DEFINITION = SubgraphDefinition(
    name="wsprobe",
    schema=build_schema("wsprobe", query=Query, subscription=Subscription),
    models=[],
    build=_build,
)


async def _recv(ws: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await ws.recv(decode=True))
    return message


@pytest.mark.redis
@pytest.mark.rabbitmq
async def test_subscription_errors_carry_codes_and_are_masked(
    serve_subgraph: ServeSubgraph, test_keys: TestKeys
) -> None:
    async with (
        serve_subgraph(DEFINITION) as url,
        acknowledged(url, test_keys.bearer("u1")) as ws,
    ):
        await ws.send(
            json.dumps(
                {
                    "id": "1",
                    "type": "subscribe",
                    "payload": {"query": "subscription { refused }"},
                }
            )
        )
        refused = await _recv(ws)
        assert refused["type"] == "error"
        assert refused["payload"][0]["extensions"]["code"] == "FORBIDDEN"

        await ws.send(
            json.dumps(
                {
                    "id": "2",
                    "type": "subscribe",
                    "payload": {"query": "subscription { breaks }"},
                }
            )
        )
        assert (await _recv(ws))["payload"] == {"data": {"breaks": 1}}
        broken = await _recv(ws)
        assert broken["type"] == "next"
        error = broken["payload"]["errors"][0]
        assert error["message"] == "Internal server error."
        assert error["extensions"]["code"] == "INTERNAL"
        assert (await _recv(ws)) == {"id": "2", "type": "complete"}
