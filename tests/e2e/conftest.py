"""The whole system as `lifegraph up` runs it, on a real server, against real RabbitMQ and Redis."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from joserfc.jwk import KeySet, RSAKey
from pydantic import SecretStr

from common.mongo_server import free_port
from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.fixtures import cleanup
from common.testing.waiting import eventually
from lifegraph.discovery import discover_subgraphs
from lifegraph.embedded import create_embedded_app, subgraph_url
from lifegraph.supergraph import compose_lifegraph


class Client:
    """A GraphQL client of the router, as a web or mobile app would use it."""

    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self.http = http
        self.url = url
        self.token: str | None = None

    async def call(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        payload = {"query": query, "variables": variables or {}}
        response = await self.http.post(f"{self.url}/graphql", json=payload, headers=headers)
        body: dict[str, Any] = response.json()
        return body

    async def ok(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        body = await self.call(query, variables)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def ok_once_known(
        self, query: str, variables: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """`ok` for a mutation naming other users: chat and community know a new
        account only once its registration event arrived (NOT_FOUND until then)."""

        def answered(body: dict[str, Any]) -> bool:
            errors = body.get("errors") or []
            return not any(e.get("extensions", {}).get("code") == "NOT_FOUND" for e in errors)

        body = await eventually(lambda: self.call(query, variables), answered)
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def sign_up(self, name: str) -> str:
        email = f"{name.lower()}-{id(self)}@example.com"
        password = "violet-harbour-lantern-42"
        await self.ok(
            "mutation($i: RegisterInput!) { register(input: $i) { user { id } } }",
            {"i": {"email": email, "password": password, "displayName": name}},
        )
        login = await self.ok(
            "mutation($i: LoginInput!) { login(input: $i) { accessToken user { id } } }",
            {"i": {"email": email, "password": password}},
        )
        self.token = login["login"]["accessToken"]
        user_id: str = login["login"]["user"]["id"]
        return user_id


def signing_keys() -> str:
    keys = KeySet([RSAKey.generate_key(2048, parameters={"kid": f"e2e-{i}"}) for i in range(2)])
    return json.dumps(keys.as_dict(private=True))


@asynccontextmanager
async def serve_lifegraph(settings: Settings, **updates: Any) -> AsyncIterator[str]:
    """The whole system as `lifegraph up` runs it, on a free port, with fresh signing keys.

    `updates` change the settings further (a router secret, say); the databases,
    exchange and Redis keys the run used are removed afterwards.
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    effective = settings.model_copy(
        update={
            "port": port,
            "jwks_url": f"{base}/subgraphs/users/.well-known/jwks.json",
            "jwt_private_jwks": SecretStr(signing_keys()),
            **updates,
        }
    )
    definitions = discover_subgraphs()
    supergraph = await compose_lifegraph(definitions, lambda n: subgraph_url(effective, n))
    app = create_embedded_app(effective, definitions, supergraph_sdl=supergraph)
    async with cleanup(effective), serve_in_loop(app, port=port) as url:
        yield url


@pytest.fixture
async def lifegraph(settings: Settings) -> AsyncIterator[str]:
    async with serve_lifegraph(settings) as url:
        yield url


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=30) as client:
        yield client


NewClient = Callable[[], Client]

START_DIRECT = (
    "mutation($i: StartDirectConversationInput!) { startDirectConversation(input: $i) { id } }"
)


async def direct_conversation(ada: Client, grace: Client) -> str:
    """Sign up Ada and Grace, and start their direct conversation: its id."""
    await ada.sign_up("Ada")
    grace_id = await grace.sign_up("Grace")
    started = await ada.ok_once_known(START_DIRECT, {"i": {"userId": grace_id}})
    conversation: str = started["startDirectConversation"]["id"]
    return conversation


@pytest.fixture
def new_client(lifegraph: str, http: httpx.AsyncClient) -> NewClient:
    return lambda: Client(http, lifegraph)
