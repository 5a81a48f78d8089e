"""Hot reload of the supergraph file: in-flight operations finish on the old supergraph,
new ones run on the new, and an invalid file is refused while the old one keeps serving.

The in-flight request is held at its subgraph on an event, so "in flight while the file
changes" is a fact of the test, not a timing hope.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from common.testing.waiting import wait_until
from router.app import create_router_app
from router.config import RouterConfig
from router.service import Router
from router.supergraph import load_supergraph
from tests.router.kit import FIXTURES, FixtureSubgraph, Recorder

OLD = (FIXTURES / "shop.graphql").read_text()
# The new supergraph has no `me`: a query for it is refused by validation, not served.
NEW = OLD.replace("  me: User @join__field(graph: ACCOUNTS)\n", "")
ME = "{ me { name } }"


@asynccontextmanager
async def _router(
    subgraph_base: str, path: Path, poll: float | None
) -> AsyncIterator[tuple[httpx.AsyncClient, Any]]:
    urls = {n: f"{subgraph_base}/{n}/graphql" for n in load_supergraph(OLD).subgraphs}
    await _write(path, OLD)
    config = RouterConfig(
        supergraph_sdl=OLD, subgraph_urls=urls, supergraph_file=path, supergraph_poll_seconds=poll
    )
    app = create_router_app(config)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as client,
    ):
        yield client, app.state


async def _write(path: Path, text: str) -> None:
    await asyncio.to_thread(path.write_text, text)


async def _post(client: httpx.AsyncClient, query: str) -> Any:
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    return response.json()


def _replaced(state: Any, original: Router) -> Any:
    async def check() -> bool:
        return state.router is not original

    return check


async def test_a_changed_file_serves_new_requests_while_one_in_flight_finishes_on_the_old(
    subgraph_base: str,
    recorder: Recorder,
    fixture_subgraphs: dict[str, FixtureSubgraph],
    tmp_path: Path,
) -> None:
    accounts = fixture_subgraphs["accounts"]
    path = tmp_path / "supergraph.graphql"
    async with _router(subgraph_base, path, poll=0.05) as (client, state):
        original = state.router
        products = original.clients["products"]
        gate = asyncio.Event()
        accounts.block = gate
        try:
            slow = asyncio.create_task(_post(client, ME))

            async def arrived() -> bool:
                return bool(recorder.to("accounts"))

            await wait_until(arrived)
            await _write(path, NEW)
            await wait_until(_replaced(state, original))
            refused = await _post(client, ME)
            assert "Cannot query field 'me'" in refused["errors"][0]["message"]
            gate.set()
            assert await slow == {"data": {"me": {"name": "Ada Lovelace"}}}
        finally:
            gate.set()
            accounts.block = None
        # Subgraph connections at unchanged URLs carried over to the new router.
        assert state.router.clients["products"] is products
        assert await _post(client, '{ product(upc: "1") { name } }') == {
            "data": {"product": {"name": "Product 1"}}
        }


async def test_an_invalid_file_is_refused_with_a_log_line_and_the_old_one_stays(
    subgraph_base: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "supergraph.graphql"
    async with _router(subgraph_base, path, poll=None) as (client, state):
        original = state.router
        for broken in (
            "type Query {",
            OLD.replace('@link(url: "https://specs.apollo.dev/join', '@x(url: "'),
        ):
            await _write(path, broken)
            with caplog.at_level(logging.ERROR, logger="router.reload"):
                assert await state.reloader.reload() is False
            assert "rejected, the current one stays" in caplog.text
            caplog.clear()
        assert state.router is original
        assert await _post(client, ME) == {"data": {"me": {"name": "Ada Lovelace"}}}
        await _write(path, OLD)
        assert await state.reloader.reload() is False  # unchanged: nothing to do


async def test_sighup_reloads_the_file(subgraph_base: str, tmp_path: Path) -> None:
    path = tmp_path / "supergraph.graphql"
    async with _router(subgraph_base, path, poll=None) as (client, state):
        original = state.router
        await _write(path, NEW)
        os.kill(os.getpid(), signal.SIGHUP)
        await wait_until(_replaced(state, original))
        assert "errors" in await _post(client, ME)
