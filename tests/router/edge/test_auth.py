from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from common.auth import RemoteKeySource, StaticKeySource, TokenVerifier
from common.testing.tokens import TestKeys
from tests.router.edge.conftest import EdgeRouter
from tests.router.kit import Recorder, serve

ISSUER, AUDIENCE = "https://lifegraph.test", "lifegraph-test"
GQL_RESPONSE = "application/graphql-response+json"
ME = {"query": "{ me { id } }"}


@pytest.fixture(scope="module")
def keys() -> TestKeys:
    return TestKeys(issuer=ISSUER, audience=AUDIENCE)


@pytest.fixture
async def client(edge_router: EdgeRouter, keys: TestKeys) -> AsyncIterator[httpx.AsyncClient]:
    verifier = TokenVerifier(StaticKeySource(keys.key_set), issuer=ISSUER, audience=AUDIENCE)
    async with edge_router(token_verifier=verifier) as client:
        yield client


def _tampered(token: str) -> str:
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


async def test_valid_token_is_forwarded(
    client: httpx.AsyncClient, keys: TestKeys, recorder: Recorder
) -> None:
    headers = keys.bearer("user-1")
    response = await client.post("/graphql", json=ME, headers=headers)
    assert response.status_code == 200
    assert response.json() == {"data": {"me": {"id": "1"}}}
    assert recorder.to("accounts")[0].headers["authorization"] == headers["Authorization"]


async def test_anonymous_requests_pass_through(
    client: httpx.AsyncClient, recorder: Recorder
) -> None:
    response = await client.post("/graphql", json=ME)
    assert response.json() == {"data": {"me": {"id": "1"}}}
    assert "authorization" not in recorder.to("accounts")[0].headers


@pytest.mark.parametrize(
    "case", ["expired", "tampered", "foreign_key", "wrong_audience", "not_bearer", "garbage"]
)
async def test_bad_tokens_are_rejected_before_any_subgraph(
    client: httpx.AsyncClient, keys: TestKeys, recorder: Recorder, case: str
) -> None:
    stranger = TestKeys(issuer=ISSUER, audience=AUDIENCE)
    authorization = {
        "expired": f"Bearer {keys.token('u1', ttl=-120)}",
        "tampered": f"Bearer {_tampered(keys.token('u1'))}",
        "foreign_key": f"Bearer {stranger.token('u1')}",
        "wrong_audience": f"Bearer {keys.token('u1', aud='someone-else')}",
        "not_bearer": "Basic dXNlcjpwYXNz",
        "garbage": "Bearer not.a.jwt",
    }[case]
    response = await client.post(
        "/graphql", json=ME, headers={"authorization": authorization, "accept": GQL_RESPONSE}
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"].startswith(GQL_RESPONSE)
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "data" not in body
    assert recorder.calls == []


async def test_legacy_json_clients_get_401_too(
    client: httpx.AsyncClient, keys: TestKeys, recorder: Recorder
) -> None:
    response = await client.get(
        "/graphql",
        params={"query": "{ me { id } }"},
        headers={"authorization": f"Bearer {keys.token('u1', ttl=-120)}"},
    )
    assert response.status_code == 401
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert recorder.calls == []


async def test_without_a_verifier_tokens_go_to_subgraphs_unchecked(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router() as client:
        response = await client.post("/graphql", json=ME, headers={"authorization": "Bearer x"})
    assert response.status_code == 200
    assert recorder.to("accounts")[0].headers["authorization"] == "Bearer x"


async def test_keys_come_from_the_users_jwks_over_http(
    edge_router: EdgeRouter, keys: TestKeys, recorder: Recorder
) -> None:
    """The production wiring: a RemoteKeySource on the users subgraph's JWKS URL."""

    async def jwks(_: Request) -> Response:
        return JSONResponse(keys.key_set.as_dict(private=False))

    app = Starlette(routes=[Route("/.well-known/jwks.json", jwks)])
    async with serve(app) as users:
        source = RemoteKeySource(f"{users}/.well-known/jwks.json")
        verifier = TokenVerifier(source, issuer=ISSUER, audience=AUDIENCE)
        async with edge_router(token_verifier=verifier) as client:
            good = await client.post("/graphql", json=ME, headers=keys.bearer("u1"))
            forged = TestKeys(issuer=ISSUER, audience=AUDIENCE).bearer("u1")
            bad = await client.post("/graphql", json=ME, headers=forged)
    assert good.status_code == 200
    assert bad.status_code == 401
    assert len(recorder.to("accounts")) == 1
