"""Fast fixture subgraphs for the router benchmark: canned JSON, minimal work."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from common.gctuning import tune_for_serving
from common.transport.writes import CoalescingHttpToolsProtocol
from lifegraph.workers import WorkerOptions, serve_workers
from router.app import create_router_app
from router.config import RouterConfig

PRODUCT_COUNT = 50
# The collector as `lifegraph router` sets it by default (settings `gc_young_threshold`).
GC_YOUNG_THRESHOLD = 50_000

SUPERGRAPH = """
schema
  @link(url: "https://specs.apollo.dev/link/v1.0")
  @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION)
{ query: Query }
directive @join__field(graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet,
  type: String, external: Boolean, override: String, usedOverridden: Boolean)
  repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION
directive @join__graph(name: String!, url: String!) on ENUM_VALUE
directive @join__type(graph: join__Graph!, key: join__FieldSet, extension: Boolean! = false,
  resolvable: Boolean! = true, isInterfaceObject: Boolean! = false)
  repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR
directive @link(url: String, as: String, for: link__Purpose, import: [link__Import])
  repeatable on SCHEMA
scalar join__FieldSet
scalar link__Import
enum link__Purpose { SECURITY EXECUTION }
enum join__Graph {
  ACCOUNTS @join__graph(name: "accounts", url: "http://accounts.invalid/graphql")
  INVENTORY @join__graph(name: "inventory", url: "http://inventory.invalid/graphql")
  PRODUCTS @join__graph(name: "products", url: "http://products.invalid/graphql")
}
type Query @join__type(graph: ACCOUNTS) @join__type(graph: INVENTORY)
           @join__type(graph: PRODUCTS) {
  me: User @join__field(graph: ACCOUNTS)
  topProducts(first: Int = 5): [Product] @join__field(graph: PRODUCTS)
}
type User @join__type(graph: ACCOUNTS, key: "id") { id: ID! name: String }
type Product @join__type(graph: INVENTORY, key: "upc") @join__type(graph: PRODUCTS, key: "upc") {
  upc: String!
  name: String @join__field(graph: PRODUCTS)
  price: Int @join__field(graph: PRODUCTS)
  inStock: Boolean @join__field(graph: INVENTORY)
}
"""

QUERY = "query Bench { me { id name } topProducts(first: 50) { upc name price inStock } }"

_ME = json.dumps({"data": {"me": {"id": "1", "name": "Ada"}}}).encode()
_PRODUCTS = json.dumps(
    {
        "data": {
            "topProducts": [
                {"__typename": "Product", "upc": str(i), "name": f"Product {i}", "price": i * 10}
                for i in range(PRODUCT_COUNT)
            ]
        }
    }
).encode()

COUNTS: dict[str, int] = {"accounts": 0, "products": 0, "inventory": 0, "entities": 0}


async def accounts(_request: Request) -> Response:
    COUNTS["accounts"] += 1
    return Response(_ME, media_type="application/json")


async def products(_request: Request) -> Response:
    COUNTS["products"] += 1
    return Response(_PRODUCTS, media_type="application/json")


async def inventory(request: Request) -> Response:
    COUNTS["inventory"] += 1
    body: dict[str, Any] = json.loads(await request.body())
    reps = (body.get("variables") or {}).get("representations")
    if reps is None:
        return Response(b'{"data":{"__typename":"Query"}}', media_type="application/json")
    COUNTS["entities"] += 1
    entities = [{"inStock": int(rep["upc"]) % 2 == 0} for rep in reps]
    payload = json.dumps({"data": {"_entities": entities}}, separators=(",", ":"))
    return Response(payload.encode(), media_type="application/json")


async def stats(_request: Request) -> Response:
    return JSONResponse(COUNTS)


def subgraphs_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/accounts/graphql", accounts, methods=["POST"]),
            Route("/products/graphql", products, methods=["POST"]),
            Route("/inventory/graphql", inventory, methods=["POST"]),
            Route("/stats", stats),
        ]
    )


def run_subgraphs(port: int) -> None:
    uvicorn.run(subgraphs_app(), host="127.0.0.1", port=port, log_level="warning")


@dataclass(frozen=True)
class BenchRouter:
    """Builds the router over the canned subgraphs; pickled into each worker process."""

    subgraph_port: int
    options: Mapping[str, Any]

    def __call__(self) -> ASGIApp:
        base = f"http://127.0.0.1:{self.subgraph_port}"
        config = RouterConfig(
            supergraph_sdl=SUPERGRAPH,
            subgraph_urls={n: f"{base}/{n}/graphql" for n in ("accounts", "inventory", "products")},
            **self.options,
        )
        return create_router_app(config)


def run_router(
    port: int, subgraph_port: int, *, log_level: str = "warning", workers: int = 1, **options: Any
) -> None:
    """The router over the canned subgraphs at `subgraph_port`; `options` go to `RouterConfig`.

    `workers` above 1: that many processes on the port, as `lifegraph router --workers N`
    runs them (lifegraph/workers.py), each with its own router.
    """
    factory = BenchRouter(subgraph_port, options)
    if workers > 1:
        worker_options = WorkerOptions(
            graceful_seconds=5.0, ws_max_size=1 << 20, gc_young_threshold=GC_YOUNG_THRESHOLD
        )
        serve_workers(factory, host="127.0.0.1", port=port, workers=workers, options=worker_options)
        return
    app = factory()
    tune_for_serving(GC_YOUNG_THRESHOLD)
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        log_level=log_level,
        access_log=False,
        # As `lifegraph router` serves (lifegraph/stopping.py).
        http=CoalescingHttpToolsProtocol,
    )
