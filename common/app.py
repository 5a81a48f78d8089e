"""The subgraph app factory: every subgraph is served the same way, alone or side by side.

A subgraph is a `SubgraphDefinition`; `create_subgraph_app` serves one on its
own, `SubgraphHost` lets a host (the embedded one) serve several in one process.

```python
async def build(runtime: Runtime) -> GoalsServices:
    services = build_services(runtime.publisher)
    runtime.consume("goals.users", ["users.user.*"], services.on_user_event)
    runtime.spawn(services.reminders.run, name="reminder-dispatcher")
    return services


subgraph = SubgraphDefinition(name="goals", schema=schema, models=MODELS, build=build)
app = create_subgraph_app(subgraph, SubgraphSettings())
```
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Generic, TypeVar

from beanie import Document
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route, WebSocketRoute
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.schema import BaseSchema
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from common import jsoncodec
from common.auth import TokenVerifier
from common.db import Database, init_database
from common.errors import LifeGraphError
from common.events import AnyHandler, OutboxPublisher, OutboxRelay, RelaySettings
from common.graphql.context import RequestContext
from common.graphql.limits import OperationLimits
from common.infra import Infrastructure, open_infrastructure
from common.metrics import metrics_endpoint
from common.requestid import RequestIdMiddleware
from common.settings import SettingsT, SubgraphSettings
from common.supervision import RestartPolicy, Supervisor, Work
from common.transport.body import RequestBodyMiddleware
from common.transport.direct import DirectGraphQL
from common.transport.headers import SecurityHeadersMiddleware
from common.transport.jsonbody import MalformedJson, loads_exact, take_checked
from common.transport.secret import RouterOnlyMiddleware, router_secret

log = logging.getLogger(__name__)

S = TypeVar("S")


@dataclass
class Runtime:
    """What a subgraph gets at start-up to build its services, consumers and background work.

    ```python
    async def build(runtime: Runtime) -> ChatServices:
        services = ChatServices(runtime.publisher, runtime.infra.pubsub)
        runtime.consume("chat.profiles", ["users.user.*"], transactional(services.on_user))
        return services
    ```
    """

    name: str
    infra: Infrastructure
    database: Database
    verifier: TokenVerifier
    # Where services publish events: an outbox in this subgraph's database,
    # relayed to the bus. `publish(event)` after a write, or
    # `async with publisher.transaction() as tx` for the write and its events at once.
    publisher: OutboxPublisher
    # Background loops: logged and restarted when they crash, reported by /health.
    supervisor: Supervisor = field(default_factory=Supervisor)
    # The operation limits every request to this subgraph is held to.
    limits: OperationLimits = field(default_factory=OperationLimits)
    _closers: list[Callable[[], Awaitable[None]]] = field(
        default_factory=list, init=False, repr=False
    )

    def spawn(self, work: Work, *, name: str, policy: RestartPolicy | None = None) -> None:
        """Run `work()` in the background for the life of the subgraph.

        `work` is a factory (`relay.run`, not `relay.run()`): a crash is logged
        with its traceback and `work()` is called again after a capped back-off.

        ```python
        runtime.spawn(services.reminders.run, name="reminder-dispatcher")
        ```
        """
        self.supervisor.spawn(f"{self.name}:{name}", work, policy=policy)

    def consume(self, consumer: str, patterns: Sequence[str], handler: AnyHandler) -> None:
        """Subscribe with processed ids recorded in this subgraph's database.

        `patterns` are AMQP topic patterns (`*` one word, `#` any); the handler is
        `async (event) -> None`, or `transactional(...)` to write in the same
        transaction that records the event as processed.

        ```python
        runtime.consume("analytics.projections", ["goals.#", "community.#"], handler)
        ```
        """
        self.infra.bus.subscribe(consumer, patterns, handler, database=self.database)

    def on_stop(self, close: Callable[[], Awaitable[None]]) -> None:
        """Call `close()` when the subgraph stops, once its background work has ended.

        For what services hold open for the life of the process:

        ```python
        client = httpx.AsyncClient()
        runtime.on_stop(client.aclose)  # closers run newest first
        ```
        """
        self._closers.append(close)

    def settings(self, section: type[SettingsT]) -> SettingsT:
        """This process's settings as the subgraph's own section: the one its definition
        names (`lifegraph serve`), or every section at once (`lifegraph up`, tests).

        ```python
        settings = runtime.settings(UsersSettings)
        ```
        """
        settings = self.infra.settings
        if not isinstance(settings, section):
            raise TypeError(
                f"the {self.name} subgraph reads {section.__name__}; "
                f"this process loaded {type(settings).__name__}"
            )
        return settings

    async def close(self) -> None:
        """Run the `on_stop` closers, newest first; one that fails is logged, the rest still run."""
        closers, self._closers = self._closers, []
        for close in reversed(closers):
            try:
                await close()
            except Exception:
                log.exception("closing a subgraph resource failed", extra={"subgraph": self.name})


def relay_settings(settings: SubgraphSettings) -> RelaySettings:
    """The outbox relay's tuning, from the `outbox_*` settings.

    ```python
    relay = OutboxRelay(database, bus, wake=publisher.woken, settings=relay_settings(settings))
    ```
    """
    return RelaySettings(
        shards=settings.outbox_shards,
        lease_seconds=settings.outbox_lease_seconds,
        poll_seconds=settings.outbox_poll_seconds,
        batch_size=settings.outbox_batch_size,
        retention_seconds=settings.outbox_retention_seconds,
        max_backoff_seconds=settings.outbox_max_backoff_seconds,
    )


@dataclass(frozen=True)
class SubgraphDefinition(Generic[S]):
    """What a subgraph is: its name, schema and models, and how it builds its services.

    `build(runtime)` runs once at start-up; what it returns is `info.context.services`
    in every resolver. `routes(host)` adds plain HTTP routes beside `/graphql`.

    ```python
    subgraph = SubgraphDefinition(
        name="goals", schema=schema, models=MODELS, build=build, routes=routes
    )
    ```
    """

    name: str
    schema: BaseSchema
    models: Sequence[type[Document]]
    build: Callable[[Runtime], Awaitable[S]]
    routes: Callable[[SubgraphHost[S]], Sequence[BaseRoute]] = lambda _: ()
    # Prefixes of `routes` that are public addresses ("/calendar/"): the router serves
    # them at its root too, since deployments may expose nothing but the router.
    public_paths: Sequence[str] = ()
    # The settings section the subgraph reads: what `lifegraph serve <name>` loads and
    # checks at start, and what `runtime.settings(...)` hands its `build`.
    settings: type[SubgraphSettings] = SubgraphSettings
    # Prefixes of `routes` that bound and stream their own request bodies (uploads to
    # local storage): the subgraph's body limit does not apply to them.
    streamed_paths: Sequence[str] = ()


class SubgraphHost(Generic[S]):
    """A subgraph's ASGI app plus the services it builds once infrastructure exists.

    `settings` sets its transport policy (body limit, router secret); without them,
    the defaults of a development machine.

    ```python
    host = SubgraphHost(subgraph, settings)
    async with open_infrastructure(settings) as infra:
        await host.start(infra)
        await infra.bus.start_consuming()
        ...  # serve host.asgi
        await host.stop()
    ```
    """

    def __init__(
        self, definition: SubgraphDefinition[S], settings: SubgraphSettings | None = None
    ) -> None:
        self.definition = definition
        self._runtime: Runtime | None = None
        self._services: S | None = None
        settings = settings or SubgraphSettings.model_construct()
        view = _SubgraphGraphQL(self)
        self.asgi = self._build_asgi(settings, view)
        # The router in this process calls `/graphql` here, past the app's layers
        # (`common/transport/direct.py`); what it does not handle goes to `asgi`.
        self.direct = DirectGraphQL(
            view, secret=router_secret(settings), max_bytes=settings.max_request_body_bytes
        )

    @property
    def name(self) -> str:
        """The definition's name, e.g. `host.name == "goals"`."""
        return self.definition.name

    @property
    def runtime(self) -> Runtime:
        """The started subgraph's runtime; RuntimeError before `start`.

        ```python
        database = host.runtime.database
        ```
        """
        if self._runtime is None:
            raise RuntimeError(f"subgraph {self.name} is not started")
        return self._runtime

    @property
    def services(self) -> S:
        """What `build` returned; RuntimeError before `start`.

        ```python
        body = await host.services.calendar.feed(token)  # in a route of `routes(host)`
        ```
        """
        if self._services is None:
            raise RuntimeError(f"subgraph {self.name} is not started")
        return self._services

    async def start(self, infra: Infrastructure) -> None:
        """Open the database, build the services and start the outbox relay.

        Consumers registered by `build` receive events once the host calls
        `infra.bus.start_consuming()`, after every subgraph it serves started.

        ```python
        await host.start(infra)
        ```
        """
        create_indexes = infra.settings.mongodb_create_indexes
        database = await init_database(
            infra.mongo,
            infra.settings,
            self.name,
            self.definition.models,
            create_indexes=create_indexes,
        )
        publisher = OutboxPublisher(database, shards=infra.settings.outbox_shards)
        if create_indexes:
            await publisher.ensure_indexes()
        self._runtime = Runtime(
            self.name,
            infra,
            database,
            infra.verifier,
            publisher,
            limits=OperationLimits.from_settings(infra.settings),
        )
        self._services = await self.definition.build(self._runtime)
        relay = OutboxRelay(
            database,
            infra.bus,
            wake=publisher.woken,
            settings=relay_settings(infra.settings),
            ready=infra.bus.started,
        )
        self._runtime.spawn(relay.run, name="outbox-relay")

    async def stop(self) -> None:
        """Stop the background work `spawn` started; a host that never started is a no-op.

        ```python
        await host.stop()
        ```
        """
        if self._runtime is None:
            return
        try:
            await self._runtime.supervisor.stop()
        finally:
            # After the background work: nothing may still be using what is closed.
            await self._runtime.close()
        self._runtime = None
        self._services = None

    def _build_asgi(self, settings: SubgraphSettings, graphql: _SubgraphGraphQL) -> Starlette:
        view = RouterOnlyMiddleware(graphql, secret=router_secret(settings))
        routes: list[BaseRoute] = [
            Route("/graphql", view, methods=["GET", "POST"]),
            # A Mount only matches paths below it: the socket at /graphql needs its own route.
            WebSocketRoute("/graphql", view),
            Mount("/graphql", view),
            Route("/health", self._health),
            Route("/metrics", metrics_endpoint),
            *self.definition.routes(self),
        ]
        app = Starlette(routes=routes)
        app.add_middleware(
            RequestBodyMiddleware,
            max_bytes=settings.max_request_body_bytes,
            exempt_prefixes=self.definition.streamed_paths,
        )
        app.add_middleware(SecurityHeadersMiddleware)
        app.add_middleware(RequestIdMiddleware)
        return app

    async def _health(self, _: Request) -> Response:
        runtime = self._runtime
        checks = (
            {**await runtime.infra.health(), **runtime.supervisor.health()}
            if runtime
            else {"subgraph": "starting"}
        )
        # A background loop that is down (relay, dispatcher, coach) makes the
        # subgraph unready: it answers queries, but its side effects stall.
        ok = all(v in ("ok", "in-process", "finished") for v in checks.values())
        body = {
            "status": "ok" if ok else "degraded",
            "ready": ok,
            "subgraph": self.name,
            "checks": checks,
        }
        return JSONResponse(body, status_code=200 if ok else 503)


class _SubgraphGraphQL(GraphQL[RequestContext[Any], None]):
    def __init__(self, host: SubgraphHost[Any]) -> None:
        super().__init__(
            host.definition.schema,
            graphql_ide="graphiql",
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
        )
        self._host = host

    def encode_json(self, data: object) -> str:
        # orjson (about 5x the standard library); a str, since graphql-transport-ws
        # messages must go out as text frames.
        return jsoncodec.dumps(data).decode()

    def decode_json(self, data: str | bytes) -> object:
        # An HTTP body was checked and parsed by the middleware already; socket
        # messages come here unchecked.
        checked, value = take_checked(data)
        if checked:
            return value
        try:
            return loads_exact(data, what="Message")
        except MalformedJson as exc:
            raise json.JSONDecodeError(exc.message, "", 0) from exc

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> RequestContext[Any]:
        runtime = self._host.runtime
        return RequestContext(
            request=request,
            services=self._host.services,
            verifier=runtime.verifier,
            authorization=request.headers.get("authorization"),
            request_id=request.scope.get("state", {}).get("request_id", ""),
            limits=runtime.limits,
        )

    async def on_ws_connect(self, context: RequestContext[Any]) -> None:
        # Browsers cannot set headers on a WebSocket: the token travels in connection_init.
        params = context.connection_params or {}
        authorization = params.get("Authorization") or params.get("authorization")
        if isinstance(authorization, str):
            context.authorization = authorization
        try:
            context.set_principal(await context.verifier.verify_header(context.authorization))
        except LifeGraphError as exc:
            raise ConnectionRejectionError({"message": exc.message, "code": exc.code}) from exc


def create_subgraph_app(
    definition: SubgraphDefinition[Any],
    settings: SubgraphSettings,
    *,
    infrastructure: Callable[[SubgraphSettings], Any] = open_infrastructure,
) -> Starlette:
    """A standalone process serving one subgraph against the services in `settings`.

    ```python
    app = create_subgraph_app(subgraph, SubgraphSettings())  # an ASGI app, for uvicorn
    ```
    """
    host = SubgraphHost(definition, settings)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with infrastructure(settings) as infra:
            await host.start(infra)
            await infra.bus.start_consuming()
            try:
                yield
            finally:
                await host.stop()

    return Starlette(routes=[Mount("/", app=host.asgi)], lifespan=lifespan)
