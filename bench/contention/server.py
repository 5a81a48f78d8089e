"""The community subgraph under test, alone in its own process (spawned by the bench)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar

from joserfc.jwk import KeySet

from common.app import create_subgraph_app
from common.auth import StaticKeySource
from common.infra import open_infrastructure
from common.serving import serve_in_loop
from common.settings import Settings, SubgraphSettings
from subgraphs.community.app import subgraph
from subgraphs.community.service.deps import Deps, Unit

T = TypeVar("T")

ISSUER, AUDIENCE = "https://lifegraph.bench", "lifegraph-bench"


def _settings(url: str, run: str) -> Settings:
    return Settings(
        environment="test",
        mongodb_url=url,
        database_prefix=f"bench{run}",
        amqp_url=None,
        redis_url=None,
        jwt_issuer=ISSUER,
        jwt_audience=AUDIENCE,
        log_json=False,
        community_like_rate=None,
    )


def _unbatched() -> None:
    async def write_on(
        self: Deps, key: str, work: Callable[[Unit], Awaitable[T]], *, also: Iterable[str] = ()
    ) -> T:
        return await self.write(work)

    Deps.write_on = write_on  # type: ignore[method-assign]


def serve(url: str, run: str, jwks: dict[str, Any], plain: bool, port: int) -> None:
    """The community subgraph alone in this (child) process, until it is terminated."""
    if plain:
        _unbatched()
    logging.disable(logging.ERROR)  # the plain run logs every masked conflict
    key_source = StaticKeySource(KeySet.import_key_set(jwks))  # type: ignore[arg-type]

    def infrastructure(s: SubgraphSettings) -> Any:
        return open_infrastructure(s, key_source=key_source)

    async def serve() -> None:
        app = create_subgraph_app(subgraph, _settings(url, run), infrastructure=infrastructure)
        async with serve_in_loop(app, port=port):
            await asyncio.Event().wait()

    asyncio.run(serve())
