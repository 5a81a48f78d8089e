"""Apollo Gateway beside the LifeGraph router, both over the same running fixture subgraphs."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from tests.compat.node import install_clients, node_executable, run_node
from tests.router.differential.cases import CLIENTS
from tests.router.fixtures import catalog
from tests.router.kit import FIXTURES, router_client

JS = Path(__file__).parent / "js"

# Supergraph lines Apollo Gateway refuses to load, so they reach it removed. The fixture
# keeps them on purpose: `Post.legacyCode` exists only at an `@external` position, which
# Apollo's composition would never emit, and LifeGraph must refuse a query for it at plan
# time (tests/router/test_unsatisfiable.py). Without the field Apollo rejects such a query
# in validation instead: no data and an error on both sides, which is what we compare.
APOLLO_REFUSES = {
    "conformance.graphql": ("  legacyCode: String @join__field(graph: STATS, external: true)\n",),
}


def _for_apollo(supergraph: str, directory: Path) -> Path:
    sdl = (FIXTURES / supergraph).read_text()
    for line in APOLLO_REFUSES.get(supergraph, ()):
        assert line in sdl, f"{supergraph} no longer has {line!r}"
        sdl = sdl.replace(line, "")
    path = directory / supergraph
    path.write_text(sdl)
    return path


@pytest.fixture(autouse=True)
def _catalog_state_restored() -> Iterator[None]:
    """Undo the catalog mutations a case runs (twice: once per router).

    This package runs before the conformance tests it reads its cases from; the books a
    `mutation { addBook }` case adds must not be there when they run.
    """
    books, prices = copy.deepcopy(catalog.BOOKS), dict(catalog.PRICES)
    yield
    catalog.BOOKS.clear()
    catalog.BOOKS.update(books)
    catalog.PRICES.clear()
    catalog.PRICES.update(prices)


@pytest.fixture(scope="session")
def gateway_node() -> str:
    """`node`, with @apollo/gateway installed from js/package-lock.json."""
    executable = node_executable()
    install_clients(JS)
    return executable


# Module scope: the four Node.js processes end with this module, not with the session.
@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def apollo(
    gateway_node: str, subgraph_base: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[dict[str, str]]:
    """Apollo Gateway's GraphQL URL for each fixture supergraph, from the file we load."""
    directory = tmp_path_factory.mktemp("apollo")
    async with AsyncExitStack() as running:
        # All four start at once; each prints its URL when it serves.
        gateways = {
            supergraph: await running.enter_async_context(
                run_node(
                    gateway_node,
                    "gateway.mjs",
                    str(_for_apollo(supergraph, directory)),
                    subgraph_base,
                    js=JS,
                )
            )
            for supergraph in CLIENTS.values()
        }
        started = await asyncio.gather(*(g.message(within=60) for g in gateways.values()))
        urls = {
            supergraph: message["url"]
            for supergraph, message in zip(gateways, started, strict=True)
        }
        yield urls


# Routers of our own rather than the conformance tests' session clients: a plan cached
# here must not stand in for the planning a later test patches or counts.
@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def lifegraph(subgraph_base: str) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """The LifeGraph router over each fixture supergraph."""
    async with AsyncExitStack() as running:
        yield {
            supergraph: await running.enter_async_context(router_client(supergraph, subgraph_base))
            for supergraph in CLIENTS.values()
        }
