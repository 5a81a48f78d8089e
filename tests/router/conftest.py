from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio

from tests.router.fixtures import catalog, conformance, shapes, shop
from tests.router.kit import (
    VIOLATIONS,
    FixtureSubgraph,
    Recorder,
    router_client,
    serve,
    subgraph_app,
)


def all_subgraphs() -> list[FixtureSubgraph]:
    return shop.subgraphs() + catalog.subgraphs() + conformance.subgraphs() + shapes.subgraphs()


@pytest.fixture(scope="session")
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture(scope="session")
def fixture_subgraphs() -> dict[str, FixtureSubgraph]:
    return {s.name: s for s in all_subgraphs()}


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def subgraph_base(
    recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> AsyncIterator[str]:
    async with serve(subgraph_app(list(fixture_subgraphs.values()), recorder)) as base:
        yield base


@pytest.fixture(autouse=True)
def _fresh_recorder(recorder: Recorder) -> None:
    recorder.clear()


@pytest.fixture(autouse=True)
def _subgraph_operations_are_valid() -> Iterator[None]:
    """Every operation the planner sends must validate against its subgraph's schema."""
    VIOLATIONS.clear()
    yield
    found, VIOLATIONS[:] = list(VIOLATIONS), []
    assert not found, "the router sent invalid subgraph operations:\n" + "\n".join(map(str, found))


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def shop_client(subgraph_base: str) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client("shop.graphql", subgraph_base) as client:
        yield client


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def catalog_client(subgraph_base: str) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client("catalog.graphql", subgraph_base) as client:
        yield client


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def conformance_client(subgraph_base: str) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client("conformance.graphql", subgraph_base) as client:
        yield client


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def shapes_client(subgraph_base: str) -> AsyncIterator[httpx.AsyncClient]:
    async with router_client("shapes.graphql", subgraph_base) as client:
        yield client
