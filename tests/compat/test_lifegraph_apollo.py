"""Apollo Client 4 and graphql-ws, unchanged, against the real LifeGraph.

The embedded app `lifegraph up` runs (every subgraph, the router) on a free port with
its own databases; `js/apollo_lifegraph.mjs` is an app's client set-up: an auth link,
an error link that refreshes, HTTP and WebSocket links, a normalised cache.
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from common.graphql.globalid import to_global_id
from common.settings import Settings
from subgraphs.users.service.signing import SigningKeys
from tests.compat.node import run_node
from tests.e2e.conftest import Client, serve_lifegraph, signing_keys

pytestmark = [pytest.mark.compat, pytest.mark.redis]

PASSWORD = "violet-harbour-lantern-42"
SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { cursor } }"
START = """mutation($i: StartDirectConversationInput!) {
  startDirectConversation(input: $i) { id } }"""


def _expired(token: str, keys: str) -> str:
    """The same session's access token, signed by the same key, a minute past its `exp`."""
    payload = token.split(".")[1]
    claims: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    )
    now = int(time.time())
    claims.update(iat=now - 120, nbf=now - 120, exp=now - 60)
    return SigningKeys.from_jwks(json.loads(keys)).sign(claims)


async def _sign_in(client: Client, name: str) -> dict[str, Any]:
    email = f"{name.lower()}@example.com"
    await client.ok(
        "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
        {"i": {"email": email, "password": PASSWORD, "displayName": name}},
    )
    login = await client.ok(
        "mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken user { id } } }",
        {"i": {"email": email, "password": PASSWORD}},
    )
    client.token = login["login"]["accessToken"]
    session: dict[str, Any] = login["login"]
    return session


async def _send(client: Client, conversation: str, text: str) -> str:
    sent = await client.ok(SEND, {"i": {"conversationId": conversation, "text": text}})
    cursor: str = sent["sendMessage"]["cursor"]
    return cursor


async def test_apollo_client_4_on_the_lifegraph_schema(node: str, settings: Settings) -> None:
    keys = signing_keys()
    async with (
        httpx.AsyncClient(timeout=30) as http,
        serve_lifegraph(settings, jwt_private_jwks=SecretStr(keys)) as url,
    ):
        ada, bob = Client(http, url), Client(http, url)
        session = await _sign_in(ada, "Ada")
        await _sign_in(bob, "Bob")
        goal = (
            await ada.ok('mutation { createGoal(input: {title: "Run", area: HEALTH}) { id } }')
        )["createGoal"]
        started = await bob.ok_once_known(START, {"i": {"userId": session["user"]["id"]}})
        conversation = started["startDirectConversation"]["id"]
        first_cursor = await _send(bob, conversation, "hello")
        await _send(bob, conversation, "before")
        setup = {
            "ada": {
                "expiredToken": _expired(session["accessToken"], keys),
                "refreshToken": session["refreshToken"],
                "goalId": goal["id"],
                "goalNodeId": to_global_id("Goal", goal["id"]),
            },
            "conversationId": conversation,
            "firstCursor": first_cursor,
        }
        ws_url = url.replace("http://", "ws://") + "/graphql"
        args = (f"{url}/graphql", ws_url, json.dumps(setup))
        async with run_node(node, "apollo_lifegraph.mjs", *args) as script:
            await script.stage("live")
            await _send(bob, conversation, "while connected")
            await script.stage("disconnected")
            missed = [f"missed {i}" for i in range(5)]
            for text in missed:
                await _send(bob, conversation, text)
            await script.go()
            await script.stage("replayed")
            await _send(bob, conversation, "live")
            result = await script.result()

    race = result["race"]
    # Three operations failed on the expired token and refreshed with the same refresh
    # token at once: the reuse interval gave each the same new pair, and all succeeded.
    assert race["answers"] == ["Ada", 1, 1]
    assert len(race["refreshes"]) == 3
    assert len(set(race["refreshes"])) == 1, race["refreshes"]
    assert race["refreshes"][0] != session["refreshToken"]
    assert race["after"] == "Ada"
    assert race["stillSignedIn"] is True

    # users, analytics and goals in one query
    assert result["home"]["displayName"] == "Ada"
    assert result["home"]["stats"]["goalsActive"] == 1
    assert [e["node"]["title"] for e in result["home"]["goals"]["edges"]] == ["Run"]

    # the mutation's answer updated the watched query: no refetch went out
    assert result["cache"]["seen"][-1] == "Run 42 km"
    assert "Run" in result["cache"]["seen"]
    assert result["cache"]["renamedWith"] == ["Rename"]

    # node(id:) first from the cache (the type policy), then refetched by its global id
    node_result = {"__typename": "Goal", "id": goal["id"], "title": "Run 42 km"}
    assert result["node"] == {"cached": node_result, "cacheRequests": 0, "refetched": node_result}

    # BatchHttpLink: three queries of one tick, one request, answers in order
    assert result["batch"]["requests"] == [["Me", "Goal", "Node"]]
    assert result["batch"]["answers"] == ["Ada", "Run 42 km", "Run 42 km"]

    # resumed: exactly the five missed, in order, then the live one, over a new socket
    assert result["resume"] == {
        "whileConnected": "while connected",
        "replayed": missed,
        "live": "live",
        "connections": 2,
    }
