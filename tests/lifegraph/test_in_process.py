"""`lifegraph up` reaches its own subgraphs through their apps, with what HTTP guaranteed.

The system here is served on one port while the supergraph names the subgraphs at
another, where nothing listens: a request that works went in-process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import orjson
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send

from common.mongo_server import free_port
from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.fixtures import cleanup
from common.testing.tokens import TestKeys
from common.transport.secret import ROUTER_SECRET_HEADER
from lifegraph.discovery import discover_subgraphs
from lifegraph.embedded import create_embedded_app, subgraph_url
from lifegraph.supergraph import compose_lifegraph
from router.executor import SubgraphClient, SubgraphRequestError
from router.executor.inprocess import AsgiTransport, DirectCall, InProcessApp
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


def clients(system: System, *, secret: bool) -> list[SubgraphClient]:
    """The users subgraph over HTTP (at its served address), through its app in-process,
    and past the app's layers (the direct call the embedded router makes)."""
    headers = {ROUTER_SECRET_HEADER: SECRET} if secret else {}
    http = SubgraphClient("users", f"{system.url}/subgraphs/users/graphql", 10.0, headers=headers)
    url = subgraph_url(system.named, "users")
    transports = [
        AsgiTransport(system.app, url),
        AsgiTransport(system.app, url, direct=direct_call(system, "users")),
    ]
    local = [SubgraphClient("users", url, 10.0, headers=headers, transport=t) for t in transports]
    return [http, *local]


def direct_call(system: System, name: str) -> DirectCall:
    apps: dict[str, InProcessApp] = system.app.state.in_process
    direct = apps[subgraph_url(system.named, name)].direct
    assert direct is not None
    return direct


async def answers(
    system: System, payload: dict[str, Any], token: str | None, *, secret: bool = True
) -> list[dict[str, Any]]:
    """HTTP's, the app's and the direct call's answers, decoded as the router decodes them."""
    headers = {"authorization": f"Bearer {token}"} if token else {}
    found: list[dict[str, Any]] = []
    for client in clients(system, secret=secret):
        try:
            found.append(await client.request(payload, headers))
        except SubgraphRequestError as exc:
            found.append({"refused": exc.code, "message": exc.message})
        finally:
            await client.close()
    return found


async def no_app(scope: Scope, receive: Receive, send: Send) -> None:
    raise AssertionError("the direct call sent this request to the app")


async def test_answers_and_errors_are_those_of_http(system: System) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        ada = Client(http, system.url)
        ada_id = await ada.sign_up("Ada")
    foreign = TestKeys(issuer=system.named.jwt_issuer, audience=system.named.jwt_audience)
    me = "query Me($skip: Boolean!) { me { id displayName @skip(if: $skip) } }"
    cases: dict[str, tuple[dict[str, Any], str | None]] = {
        "signed in": ({"query": "{ me { id displayName } }"}, ada.token),
        "a token of someone else's keys": ({"query": "{ me { id } }"}, foreign.token(ada_id)),
        "no token": ({"query": "{ me { id } }"}, None),
        "an invalid document": ({"query": "{ nope }"}, ada.token),
        "variables and a name": (
            {"query": me, "variables": {"skip": False}, "operationName": "Me"},
            ada.token,
        ),
        "an unknown operation name": ({"query": me, "operationName": "Other"}, ada.token),
        "variables that are not an object": ({"query": me, "variables": [1]}, ada.token),
        "no query": ({"variables": {}}, ada.token),
    }
    found = {
        name: await answers(system, payload, token) for name, (payload, token) in cases.items()
    }
    for name, (over_http, *in_process) in found.items():
        assert in_process == [over_http, over_http], name
    me_answer = {"data": {"me": {"id": ada_id, "displayName": "Ada"}}}
    assert found["signed in"][2] == me_answer
    assert found["variables and a name"][2] == me_answer
    codes = [e["extensions"]["code"] for e in found["a token of someone else's keys"][2]["errors"]]
    assert codes == ["UNAUTHENTICATED"]
    assert found["an unknown operation name"][2]["refused"] == "SUBGRAPH_ERROR"


async def test_the_direct_call_answers_with_the_apps_bytes(system: System) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        ada = Client(http, system.url)
        await ada.sign_up("Ada")
    url = subgraph_url(system.named, "users")
    through_app = AsgiTransport(system.app, url)
    # Nothing behind it: an answer here is the direct call's own.
    direct_only = AsgiTransport(no_app, url, direct=direct_call(system, "users"))
    headers = {
        ROUTER_SECRET_HEADER: SECRET,
        "content-type": "application/json",
        "authorization": f"Bearer {ada.token}",
        "x-request-id": "same-id",
    }
    for query in ("{ me { id displayName } }", "{ nope }", "{ me { id } } { me { id } }"):
        body = orjson.dumps({"query": query})
        assert await direct_only.post(body, headers) == await through_app.post(body, headers)


async def test_calls_without_the_router_secret_are_refused_alike(system: System) -> None:
    found = await answers(system, {"query": "{ _service { sdl } }"}, None, secret=False)
    assert found[1:] == [found[0], found[0]]
    assert "data" not in found[2]
    assert [e["extensions"]["code"] for e in found[2]["errors"]] == ["FORBIDDEN"]
