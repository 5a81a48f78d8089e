"""LifeGraph's own supergraph: fields its subgraphs mark @authenticated are refused by the
router for anonymous callers, before any subgraph is called."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from common.auth import StaticKeySource, TokenVerifier
from common.testing.tokens import TestKeys
from router.app import create_router_app
from router.config import RouterConfig
from router.supergraph import load_supergraph
from tests.router.kit import serve

SUPERGRAPH = (Path(__file__).parents[2] / "schema" / "supergraph.graphql").read_text()
ISSUER, AUDIENCE = "https://lifegraph.test", "lifegraph-test"


class Subgraphs:
    """Stands in for every subgraph: records each call and answers `me` for user 1."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def endpoint(self, request: Request) -> Response:
        self.calls.append(request.path_params["name"])
        return JSONResponse({"data": {"me": {"id": "1"}}})


@pytest.fixture
async def router() -> AsyncIterator[tuple[httpx.AsyncClient, Subgraphs, TestKeys]]:
    keys = TestKeys(issuer=ISSUER, audience=AUDIENCE)
    subgraphs = Subgraphs()
    app = Starlette(routes=[Route("/{name}/graphql", subgraphs.endpoint, methods=["POST"])])
    async with serve(app) as base:
        names = load_supergraph(SUPERGRAPH).subgraphs
        config = RouterConfig(
            supergraph_sdl=SUPERGRAPH,
            subgraph_urls={n: f"{base}/{n}/graphql" for n in names},
            token_verifier=TokenVerifier(
                StaticKeySource(keys.key_set), issuer=ISSUER, audience=AUDIENCE
            ),
            circuit_breaker=None,
        )
        router_app = create_router_app(config)
        async with (
            router_app.router.lifespan_context(router_app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=router_app), base_url="http://r"
            ) as client,
        ):
            yield client, subgraphs, keys


async def test_anonymous_me_is_refused_without_calling_the_users_subgraph(
    router: tuple[httpx.AsyncClient, Subgraphs, TestKeys],
) -> None:
    client, subgraphs, keys = router
    anonymous = (await client.post("/graphql", json={"query": "{ me { id } }"})).json()
    assert anonymous["data"] is None  # me is User!: its null reaches the root
    [error] = anonymous["errors"]
    assert error["extensions"]["code"] == "UNAUTHORIZED_FIELD_OR_TYPE"
    assert error["path"] == ["me"]
    assert subgraphs.calls == []
    signed_in = await client.post(
        "/graphql", json={"query": "{ me { id } }"}, headers=keys.bearer("1")
    )
    assert signed_in.json() == {"data": {"me": {"id": "1"}}}
    assert subgraphs.calls == ["users"]


async def test_anonymous_mutations_that_need_a_member_are_refused_before_any_call(
    router: tuple[httpx.AsyncClient, Subgraphs, TestKeys],
) -> None:
    client, subgraphs, _ = router
    body = (
        await client.post(
            "/graphql", json={"query": "mutation { markAllNotificationsRead { updatedCount } }"}
        )
    ).json()
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHORIZED_FIELD_OR_TYPE"]
    assert subgraphs.calls == []
