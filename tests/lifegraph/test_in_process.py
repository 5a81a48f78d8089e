"""`lifegraph up` reaches its own subgraphs through their apps, with what HTTP guaranteed.

The system here is served on one port while the supergraph names the subgraphs at
another, where nothing listens: a request that works went in-process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette

from common.mongo_server import free_port
from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.fixtures import cleanup
from common.testing.tokens import TestKeys
from common.transport.secret import ROUTER_SECRET_HEADER
from lifegraph.discovery import discover_subgraphs
from lifegraph.embedded import create_embedded_app, subgraph_url
from lifegraph.supergraph import compose_lifegraph
from router.executor import SubgraphClient
from router.executor.inprocess import AsgiTransport
from tests.e2e.conftest import Client, signing_keys

SECRET = "in-process-secret"
HOME = """
query Home { me { id displayName stats { goalsActive } goals(first: 10) { nodes { id } } }
  followingFeed(first: 10) { nodes { id } } }
"""


@dataclass
class System:
    url: str  # where it is served
    named: Settings  # the settings whose URLs the supergraph names (nothing listens there)
    app: Starlette


@pytest.fixture
async def system(in_process_settings: Settings) -> AsyncIterator[System]:
    served, named = free_port(), free_port()
    base = f"http://127.0.0.1:{served}"
    settings = in_process_settings.model_copy(
        update={
            "port": named,
            "jwks_url": f"{base}/subgraphs/users/.well-known/jwks.json",
            "jwt_private_jwks": SecretStr(signing_keys()),
            "router_secret": SecretStr(SECRET),
        }
    )
    definitions = discover_subgraphs()
    supergraph = await compose_lifegraph(definitions, lambda n: subgraph_url(settings, n))
    app = create_embedded_app(settings, definitions, supergraph_sdl=supergraph)
    async with cleanup(settings), serve_in_loop(app, port=served) as url:
        yield System(url, settings, app)


async def test_the_router_answers_from_subgraphs_nobody_listens_for(system: System) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        ada = Client(http, system.url)
        ada_id = await ada.sign_up("Ada")
        home = await ada.ok(HOME)
        anonymous = await Client(http, system.url).call("{ me { id } }")
    # The identity the subgraphs acted on is the verified token's.
    assert home["me"]["id"] == ada_id
    assert home["me"]["displayName"] == "Ada"
    assert home["me"]["goals"]["nodes"] == []
    # `me` is @authenticated: the router refuses it before any subgraph is asked.
    assert [e["extensions"]["code"] for e in anonymous["errors"]] == ["UNAUTHORIZED_FIELD_OR_TYPE"]


def clients(system: System, *, secret: bool) -> tuple[SubgraphClient, SubgraphClient]:
    """The users subgraph over HTTP (at its served address) and in-process."""
    headers = {ROUTER_SECRET_HEADER: SECRET} if secret else {}
    http = SubgraphClient("users", f"{system.url}/subgraphs/users/graphql", 10.0, headers=headers)
    url = subgraph_url(system.named, "users")
    transport = AsgiTransport(system.app, url)
    local = SubgraphClient("users", url, 10.0, headers=headers, transport=transport)
    return http, local


async def both(system: System, query: str, token: str | None) -> list[dict[str, Any]]:
    http, local = clients(system, secret=True)
    headers = {"authorization": f"Bearer {token}"} if token else {}
    try:
        return [await c.request({"query": query}, headers) for c in (http, local)]
    finally:
        await http.close()
        await local.close()


async def test_answers_and_errors_are_those_of_http(system: System) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        ada = Client(http, system.url)
        ada_id = await ada.sign_up("Ada")
    foreign = TestKeys(issuer=system.named.jwt_issuer, audience=system.named.jwt_audience)
    cases = {
        "signed in": ("{ me { id displayName } }", ada.token),
        "a token of someone else's keys": ("{ me { id } }", foreign.token(ada_id)),
        "no token": ("{ me { id } }", None),
        "an invalid document": ("{ nope }", ada.token),
    }
    answers = {name: await both(system, query, token) for name, (query, token) in cases.items()}
    for name, (over_http, in_process) in answers.items():
        assert in_process == over_http, name
    assert answers["signed in"][1] == {"data": {"me": {"id": ada_id, "displayName": "Ada"}}}
    codes = [
        e["extensions"]["code"] for e in answers["a token of someone else's keys"][1]["errors"]
    ]
    assert codes == ["UNAUTHENTICATED"]


async def test_calls_without_the_router_secret_are_refused_alike(system: System) -> None:
    http, local = clients(system, secret=False)
    try:
        answers = [await c.request({"query": "{ _service { sdl } }"}, {}) for c in (http, local)]
    finally:
        await http.close()
        await local.close()
    assert answers[1] == answers[0]
    assert "data" not in answers[1]
    assert [e["extensions"]["code"] for e in answers[1]["errors"]] == ["FORBIDDEN"]
