from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from router.app import create_router_app
from router.config import RouterConfig
from tests.router.kit import FIXTURES, serve

SHOP_SUBGRAPHS = ("accounts", "inventory", "products", "reviews")

EdgeRouter = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def edge_router(subgraph_base: str) -> EdgeRouter:
    """The shop router with edge options, served by uvicorn on loopback."""

    @asynccontextmanager
    async def start(
        subgraph_urls_override: dict[str, str] | None = None, **options: Any
    ) -> AsyncIterator[httpx.AsyncClient]:
        urls = {n: f"{subgraph_base}/{n}/graphql" for n in SHOP_SUBGRAPHS}
        urls.update(subgraph_urls_override or {})
        config = RouterConfig(
            supergraph_sdl=(FIXTURES / "shop.graphql").read_text(),
            subgraph_urls=urls,
            **options,
        )
        async with (
            serve(create_router_app(config)) as base,
            httpx.AsyncClient(base_url=base, timeout=10.0) as client,
        ):
            yield client

    return start
