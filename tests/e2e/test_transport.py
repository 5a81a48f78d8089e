"""`lifegraph up` with the router secret set, as production runs: everything through the
router still works (HTTP and sockets), and nothing reaches a subgraph around it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest
import websockets
from pydantic import SecretStr
from websockets.typing import Subprotocol

from common.settings import Settings
from common.transport.secret import ROUTER_SECRET_HEADER
from tests.e2e.conftest import Client, serve_lifegraph

SECRET = "e2e-router-secret"
PROTOCOL = Subprotocol("graphql-transport-ws")


@pytest.fixture
async def guarded(settings: Settings) -> AsyncIterator[str]:
    async with serve_lifegraph(settings, router_secret=SecretStr(SECRET)) as url:
        yield url


async def test_everything_through_the_router_works_with_the_secret(guarded: str) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        ada, grace = Client(http, guarded), Client(http, guarded)
        await ada.sign_up("Ada")
        grace_id = await grace.sign_up("Grace")
        url = guarded.replace("http://", "ws://") + "/graphql"
        async with websockets.connect(url, subprotocols=[PROTOCOL]) as socket:
            init = {
                "type": "connection_init",
                "payload": {"Authorization": f"Bearer {grace.token}"},
            }
            await socket.send(json.dumps(init))
            assert json.loads(await socket.recv())["type"] == "connection_ack"
            subscribe = {"query": "subscription { notificationAdded { kind } }"}
            await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": subscribe}))
            await ada.ok_once_known(
                "mutation($i: UserInput!) { followUser(input: $i) { id } }",
                {"i": {"userId": grace_id}},
            )
            async with asyncio.timeout(30):
                event = json.loads(await socket.recv())
    assert event["type"] == "next", event
    assert event["payload"]["data"]["notificationAdded"]["kind"] == "NEW_FOLLOWER"


async def test_subgraphs_refuse_calls_around_the_router(guarded: str) -> None:
    users = f"{guarded}/subgraphs/users/graphql"
    async with httpx.AsyncClient(timeout=30) as http:
        direct = await http.post(users, json={"query": "{ _service { sdl } }"})
        carried = await http.post(
            users, json={"query": "{ _service { sdl } }"}, headers={ROUTER_SECRET_HEADER: SECRET}
        )
        jwks = await http.get(f"{guarded}/subgraphs/users/.well-known/jwks.json")
        through = await http.post(f"{guarded}/graphql", json={"query": "{ __typename }"})
    assert direct.status_code == 403
    assert direct.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert "type User" in carried.json()["data"]["_service"]["sdl"]
    assert jwks.status_code == 200  # keys stay public: clients and other services verify
    assert through.headers.get_list("x-request-id") == [through.headers["x-request-id"]]
    with pytest.raises(websockets.InvalidStatus) as refused:
        async with websockets.connect(users.replace("http://", "ws://"), subprotocols=[PROTOCOL]):
            pass
    assert refused.value.response.status_code == 403
