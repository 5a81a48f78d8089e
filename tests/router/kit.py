"""Fixture subgraphs on graphql-core, served for real over loopback HTTP."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from graphql import (
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    build_schema,
    graphql,
    parse,
    validate,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from common.mongo_server import free_port
from common.serving import GRACEFUL_SHUTDOWN_SECONDS, stop_server
from common.testing.waiting import wait_until
from router.app import create_router_app
from router.config import RouterConfig

FIXTURES = Path(__file__).parent / "fixtures"

_FEDERATION = """
scalar _Any
type _Service { sdl: String }
directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @external on FIELD_DEFINITION | OBJECT
directive @requires(fields: String!) on FIELD_DEFINITION
directive @provides(fields: String!) on FIELD_DEFINITION
directive @shareable repeatable on OBJECT | FIELD_DEFINITION
directive @override(from: String!) on FIELD_DEFINITION
directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ENUM_VALUE
  | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM | SCALAR | INPUT_OBJECT
directive @interfaceObject on OBJECT
"""

ReferenceResolver = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class Call:
    subgraph: str
    query: str
    variables: dict[str, Any]
    headers: dict[str, str]

    @property
    def representations(self) -> list[dict[str, Any]]:
        reps: list[dict[str, Any]] = self.variables.get("representations", [])
        return reps

    @property
    def is_entities(self) -> bool:
        return "_entities" in self.query


@dataclass
class FixtureSubgraph:
    name: str
    sdl: str
    entities: tuple[str, ...] = ()
    root: dict[str, Any] = field(default_factory=dict)
    resolve_reference: ReferenceResolver | None = None
    mutation_root: dict[str, Any] = field(default_factory=dict)
    # test knobs
    fail_status: int | None = None
    block: asyncio.Event | None = None

    def schema(self) -> GraphQLSchema:
        extra = _FEDERATION
        if self.entities:
            extra += f"union _Entity = {' | '.join(self.entities)}\n"
            extra += "extend type Query { _entities(representations: [_Any!]!): [_Entity]! }\n"
        extra += "extend type Query { _service: _Service! }\n"
        base = self.sdl if "type Query" in self.sdl else self.sdl + "\ntype Query\n"
        schema = build_schema(base + extra)
        query = schema.query_type
        assert isinstance(query, GraphQLObjectType)
        if self.entities:
            query.fields["_entities"].resolve = self._entities
        query.fields["_service"].resolve = lambda *_: {"sdl": self.sdl}
        return schema

    def _entities(self, _root: Any, _info: Any, representations: list[dict[str, Any]]) -> Any:
        assert self.resolve_reference is not None
        found = []
        for rep in representations:
            entity = self.resolve_reference(dict(rep))
            if isinstance(entity, dict):
                entity = {"__typename": rep["__typename"], **entity}
            found.append(entity)
        return found


@dataclass(frozen=True, slots=True)
class Violation:
    """A subgraph operation the router sent that the subgraph's own schema rejects."""

    subgraph: str
    query: str
    errors: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.subgraph}: {'; '.join(self.errors)}\n  {self.query}"


# Every fixture subgraph server appends here, whichever Recorder it reports to, so one
# autouse fixture (tests/router/conftest.py) can fail any test whose plan emitted an
# operation its subgraph would reject, even when the test never looks at the fetch.
VIOLATIONS: list[Violation] = []


def schema_errors(schema: GraphQLSchema, query: str) -> tuple[str, ...]:
    """Why `query` is not a valid operation against `schema` (empty when it is)."""
    try:
        # graphql-core 3.3 accepts `{}` by default; the spec (and Strawberry, Apollo) do not
        document = parse(query, allow_empty_selection_sets=False)
    except GraphQLError as error:
        return (f"syntax: {error.message}",)
    return tuple(e.message for e in validate(schema, document))


class Recorder:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.violations: list[Violation] = []

    def clear(self) -> None:
        self.calls.clear()
        self.violations.clear()

    def to(self, subgraph: str) -> list[Call]:
        return [c for c in self.calls if c.subgraph == subgraph]

    def summary(self) -> list[tuple[str, bool]]:
        """(subgraph, is an _entities call), sorted for order-independent asserts."""
        return sorted((c.subgraph, c.is_entities) for c in self.calls)


def subgraph_app(subgraphs: list[FixtureSubgraph], recorder: Recorder) -> Starlette:
    schemas = {s.name: s.schema() for s in subgraphs}
    by_name = {s.name: s for s in subgraphs}

    async def endpoint(request: Request) -> Response:
        name = request.path_params["name"]
        spec = by_name[name]
        body = json.loads(await request.body())
        recorder.calls.append(
            Call(name, body["query"], body.get("variables") or {}, dict(request.headers))
        )
        errors = schema_errors(schemas[name], body["query"])
        if errors:
            violation = Violation(name, body["query"], errors)
            recorder.violations.append(violation)
            VIOLATIONS.append(violation)
        if spec.block is not None:
            await spec.block.wait()
        if spec.fail_status is not None:
            return Response("boom", status_code=spec.fail_status)
        root = {**spec.root, **spec.mutation_root}
        result = await graphql(
            schemas[name],
            body["query"],
            root_value=root,
            variable_values=body.get("variables"),
            operation_name=body.get("operationName"),
        )
        payload: dict[str, Any] = {"data": result.data}
        if result.errors:
            payload["errors"] = [e.formatted for e in result.errors]
        return JSONResponse(payload)

    return Starlette(routes=[Route("/{name}/graphql", endpoint, methods=["POST"])])


def free_socket(port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


@asynccontextmanager
async def serve(app: Any, port: int = 0) -> AsyncIterator[str]:
    """Run an ASGI app under uvicorn on a loopback port (0: a free one); yields its base URL."""
    sock = free_socket(port)
    port = sock.getsockname()[1]
    # proxy_headers off: the router reads X-Forwarded-For itself (RouterConfig.trusted_proxies)
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="on",
        access_log=False,
        proxy_headers=False,
        timeout_graceful_shutdown=round(GRACEFUL_SHUTDOWN_SECONDS),
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    base = f"http://127.0.0.1:{port}"
    try:
        async with asyncio.timeout(10):
            while not server.started:
                if task.done():
                    task.result()
                await asyncio.sleep(0.005)
        yield base
    finally:
        try:
            await stop_server(server, task)
        finally:
            sock.close()


@asynccontextmanager
async def serve_in_thread(app: Any) -> AsyncIterator[str]:
    """Serve an ASGI app on a thread with its own event loop; yields its base URL.

    A test's own timeouts keep working even if a request stalls the server's loop,
    so a regression fails the test instead of hanging it.
    """
    sock = free_socket()
    config = uvicorn.Config(
        app,
        log_level="warning",
        lifespan="on",
        access_log=False,
        proxy_headers=False,
        ws="websockets-sansio",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])), daemon=True)
    thread.start()

    async def started() -> bool:
        return server.started or not thread.is_alive()

    try:
        await wait_until(started, every=0.005)
        if not server.started:
            raise RuntimeError("the server thread stopped during startup")
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        # A stalled server never ends; the daemon thread then dies with the test run.
        await asyncio.to_thread(thread.join, 5)
        sock.close()


@asynccontextmanager
async def router_client(
    supergraph_file: str,
    subgraph_base: str,
    *,
    down: tuple[str, ...] = (),
    **options: Any,
) -> AsyncIterator[httpx.AsyncClient]:
    """The router over a fixture supergraph, its subgraph URLs pointed at our servers."""
    sdl = (FIXTURES / supergraph_file).read_text()
    from router.supergraph import load_supergraph

    names = list(load_supergraph(sdl).subgraphs)
    urls: Mapping[str, str] = {
        name: (
            f"http://127.0.0.1:{free_port()}/graphql"
            if name in down
            else f"{subgraph_base}/{name}/graphql"
        )
        for name in names
    }
    app = create_router_app(RouterConfig(supergraph_sdl=sdl, subgraph_urls=urls, **options))
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://router") as client,
    ):
        yield client


async def post(client: httpx.AsyncClient, query: str, **body: Any) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, **body})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
