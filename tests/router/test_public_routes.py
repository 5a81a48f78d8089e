"""Public routes subgraphs declare, served at the router's root (the calendar feed's
success path runs in tests/e2e/test_through_router.py)."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from router.app import create_router_app
from router.config import RouterConfig
from router.service import Router
from tests.router.kit import FIXTURES, router_client, serve

SHOP = (FIXTURES / "shop.graphql").read_text()


async def test_an_unreachable_owner_is_a_bad_gateway(subgraph_base: str) -> None:
    async with router_client(
        "shop.graphql", subgraph_base, public_routes={"/feeds/": "inventory"}, down=("inventory",)
    ) as client:
        response = await client.get("/feeds/x.ics")
    assert response.status_code == 502
    assert "x-request-id" in response.headers


async def test_the_owners_answer_is_passed_back_with_only_public_headers() -> None:
    seen: list[Request] = []

    async def feed(request: Request) -> Response:
        seen.append(request)
        return Response(
            f"feed {request.path_params['name']} {request.url.query}",
            media_type="text/calendar",
            headers={"cache-control": "private, max-age=300", "set-cookie": "s=1", "etag": '"e"'},
        )

    owner = Starlette(routes=[Route("/feeds/{name}", feed)])
    async with serve(owner) as base:
        config = RouterConfig(
            supergraph_sdl=SHOP,
            subgraph_urls={"inventory": f"{base}/graphql"},
            public_routes={"/feeds/": "inventory"},
        )
        app = create_router_app(config)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://r"
            ) as client,
        ):
            response = await client.get(
                "/feeds/a.ics?x=1",
                headers={"authorization": "Bearer secret", "cookie": "c=1", "x-request-id": "r-1"},
            )
            elsewhere = await client.get("/elsewhere/a.ics")
    assert response.status_code == 200
    assert response.text == "feed a.ics x=1"
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["cache-control"] == "private, max-age=300"
    assert response.headers["etag"] == '"e"'
    assert "set-cookie" not in response.headers
    assert response.headers["x-request-id"] == "r-1"
    (forwarded,) = seen
    assert forwarded.headers["x-request-id"] == "r-1"
    assert "authorization" not in forwarded.headers
    assert "cookie" not in forwarded.headers
    assert elsewhere.status_code == 404


@pytest.mark.parametrize("prefix", ["feeds/", "/feeds", "/", "/graphql/", "/health/"])
def test_a_prefix_must_be_a_directory_of_its_own(prefix: str) -> None:
    with pytest.raises(ValueError, match="public route prefix"):
        RouterConfig(supergraph_sdl=SHOP, public_routes={prefix: "inventory"})


def test_a_route_to_an_unknown_subgraph_stops_start_up() -> None:
    with pytest.raises(ValueError, match="unknown subgraph 'nowhere'"):
        Router(RouterConfig(supergraph_sdl=SHOP, public_routes={"/feeds/": "nowhere"}))
