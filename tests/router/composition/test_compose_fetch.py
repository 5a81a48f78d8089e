"""Fetching `_service { sdl }` from running (ASGI) subgraphs, then composing what came back."""

import socket
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import strawberry
from starlette.applications import Starlette
from strawberry.asgi import GraphQL

from router.composition import (
    SubgraphFetchError,
    SubgraphSource,
    compose,
    compose_services,
    fetch_subgraph_sdl,
)

Schema = strawberry.federation.Schema
EXPECTED = Path(__file__).parent / "data" / "strawberry_users_goals.graphql"


def client_for(app: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app))  # type: ignore[arg-type]


async def test_fetched_sdl_is_the_subgraphs_and_composes(
    users_schema: Schema, goals_schema: Schema, service_sdl: Callable[[Schema], str]
) -> None:
    sdls = {}
    for name, schema in (("users", users_schema), ("goals", goals_schema)):
        async with client_for(GraphQL(schema)) as client:
            sdls[name] = await fetch_subgraph_sdl(f"http://{name}:8000/graphql", client)
        assert sdls[name] == service_sdl(schema)
    result = compose([SubgraphSource(n, f"http://{n}:8000/graphql", s) for n, s in sdls.items()])
    assert result.supergraph_sdl == EXPECTED.read_text()


async def test_a_schema_without_federation_is_refused() -> None:
    @strawberry.type
    class Query:
        hello: str = "world"

    async with client_for(GraphQL(strawberry.Schema(query=Query))) as client:
        with pytest.raises(SubgraphFetchError) as caught:
            await fetch_subgraph_sdl("http://plain/graphql", client)
    assert caught.value.url == "http://plain/graphql"
    assert "GraphQL errors: Cannot query field '_service'" in str(caught.value)


async def test_http_errors_are_reported() -> None:
    async with client_for(Starlette()) as client:
        with pytest.raises(SubgraphFetchError, match="HTTP 404"):
            await fetch_subgraph_sdl("http://nowhere/graphql", client)


async def test_unreachable_subgraph_is_reported() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with httpx.AsyncClient(timeout=5) as client:
        with pytest.raises(SubgraphFetchError, match="ConnectError"):
            await fetch_subgraph_sdl(f"http://127.0.0.1:{port}/graphql", client)


async def test_compose_services_fetches_every_subgraph(
    users_schema: Schema, goals_schema: Schema
) -> None:
    mounts = {
        "http://users:8000": httpx.ASGITransport(app=GraphQL(users_schema)),
        "http://goals:8000": httpx.ASGITransport(app=GraphQL(goals_schema)),
    }
    async with httpx.AsyncClient(mounts=mounts) as client:
        result = await compose_services(
            [("users", "http://users:8000/graphql"), ("goals", "http://goals:8000/graphql")],
            client,
        )
    assert result.supergraph_sdl == EXPECTED.read_text()
