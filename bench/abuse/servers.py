"""The processes under attack: the router over canned subgraphs, and a kit-built subgraph.

The subgraph is a small Strawberry schema built with `common.graphql.schema.build_schema`,
so it carries the same extensions (limits included) as every LifeGraph subgraph,
without needing a database. `goals` is the real goals subgraph on its own database.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import strawberry
import uvicorn
from joserfc.jwk import KeySet
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from bench.router.servers import run_router as run_canned_router
from common.app import create_subgraph_app
from common.auth import StaticKeySource
from common.gctuning import tune_for_serving
from common.graphql.limits import OperationLimits
from common.graphql.schema import build_schema
from common.infra import open_infrastructure
from common.serving import serve_in_loop
from common.settings import Settings, SubgraphSettings
from subgraphs.goals.app import subgraph as goals_subgraph

GOALS_ISSUER, GOALS_AUDIENCE = "https://lifegraph.bench", "lifegraph-bench"


@strawberry.type(description="A person.")
class User:
    id: strawberry.ID = strawberry.field(description="The id.")
    name: str = strawberry.field(description="The display name.")

    @strawberry.field(description="People this one follows.")
    def friends(self, first: int = 10) -> list[User]:
        return [User(id=strawberry.ID(f"{self.id}.{i}"), name="Friend") for i in range(first)]


@strawberry.type(description="Bench queries.")
class Query:
    @strawberry.field(description="The caller.")
    def me(self) -> User:
        return User(id=strawberry.ID("1"), name="Ada")


async def _health(_request: Request) -> Response:
    return JSONResponse({"status": "ok"})


def subgraph_app() -> Starlette:
    schema = build_schema("bench", query=Query)
    return Starlette(
        routes=[
            Route("/health", _health),
            Route("/graphql", GraphQL(schema, graphql_ide=None), methods=["GET", "POST"]),
        ]
    )


def run_subgraph(port: int) -> None:
    app = subgraph_app()
    tune_for_serving(Settings().gc_young_threshold)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="critical")


def run_router(port: int, subgraph_port: int) -> None:
    """The router with LifeGraph's default limits, in front of the canned bench subgraphs."""
    limits = OperationLimits.from_settings(Settings())
    run_canned_router(
        port,
        subgraph_port,
        log_level="critical",
        max_depth=limits.max_depth,
        max_aliases=limits.max_aliases,
        max_height=limits.max_height,
        max_tokens=limits.max_tokens,
        max_cost=limits.max_cost,
    )


def run_goals(port: int, mongo_url: str, run: str, jwks: dict[str, Any]) -> None:
    """The real goals subgraph, built by the app factory on its own database, so the
    attacks on stored input (recurrences, list and text caps, far dates, zones) and
    the transport's body checks meet what production runs."""
    settings = Settings(
        environment="test",
        mongodb_url=mongo_url,
        database_prefix=f"abuse{run}",
        amqp_url=None,
        redis_url=None,
        jwt_issuer=GOALS_ISSUER,
        jwt_audience=GOALS_AUDIENCE,
        log_json=False,
    )
    logging.disable(logging.WARNING)
    key_source = StaticKeySource(KeySet.import_key_set(jwks))  # type: ignore[arg-type]

    def infrastructure(s: SubgraphSettings) -> Any:
        return open_infrastructure(s, key_source=key_source)

    async def serve() -> None:
        app = create_subgraph_app(goals_subgraph, settings, infrastructure=infrastructure)
        # The collector as `lifegraph subgraph` and `up` set it before serving.
        tune_for_serving(settings.gc_young_threshold)
        async with serve_in_loop(app, port=port):
            await asyncio.Event().wait()

    asyncio.run(serve())
