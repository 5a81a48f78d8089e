"""A subgraph's cookies are never kept by the router, so never sent for another viewer."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.router.kit import router_client, serve


async def test_a_cookie_set_by_a_subgraph_never_reaches_it_again() -> None:
    cookies: list[str | None] = []

    async def accounts(request: Request) -> Response:
        cookies.append(request.headers.get("cookie"))
        response = JSONResponse({"data": {"me": {"name": "Ada"}}})
        response.set_cookie("session", "belongs-to-the-first-viewer", path="/")
        return response

    app = Starlette(routes=[Route("/{name}/graphql", accounts, methods=["POST"])])
    async with serve(app) as base:
        # A host name, not an address: aiohttp's default jar keeps cookies only for names.
        named = base.replace("127.0.0.1", "localhost")
        async with router_client("shop.graphql", named) as client:
            for viewer in ("Bearer first", "Bearer second"):
                response = await client.post(
                    "/graphql", json={"query": "{ me { name } }"}, headers={"authorization": viewer}
                )
                assert response.json() == {"data": {"me": {"name": "Ada"}}}
    assert cookies == [None, None]
