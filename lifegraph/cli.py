"""The `lifegraph` command."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from types import FrameType
from typing import Annotated, Any, TypeVar

import typer
from starlette.types import ASGIApp

from common.app import SubgraphDefinition
from common.gctuning import tune_for_serving
from common.logs import configure_logging
from common.mongo_server import MongoServerError, SecantusServer, free_port
from common.settings import (
    CommonSettings,
    MissingSettings,
    RouterSettings,
    Settings,
    SettingsT,
    load_settings,
)
from lifegraph.discovery import discover_subgraphs, service_sdl
from lifegraph.embedded import create_embedded_app, served_at, subgraph_url
from lifegraph.playground import ROOT_DESCRIPTIONS
from lifegraph.router_process import RouterFactory
from lifegraph.router_setup import create_lifegraph_router
from lifegraph.stopping import serve as serve_bounded
from lifegraph.supergraph import compose_lifegraph, describe, public_routes, standalone_url
from lifegraph.workers import UP_WORKERS_REFUSED, WorkerOptions, serve_workers
from router.api_schema import api_sdl
from router.composition import CompositionError

app = typer.Typer(
    help="LifeGraph: run the platform, its parts and its tools.", no_args_is_help=True
)

SCHEMA_DIR = Path("schema")
# What clients see: codegen, editors and schema checks read this one.
API_SCHEMA = "api.graphql"
DATABASE_LOCK_WAIT_SECONDS = 10.0
DATABASE_SELECTION_TIMEOUT_MS = 5_000

RouterT = TypeVar("RouterT", bound=RouterSettings)

_TIMEOUT_HELP = (
    "Router timeout per subgraph request: SECONDS for the default, NAME=SECONDS for one "
    "subgraph (repeatable)."
)

_DEDUPE_HELP = (
    "Share one subgraph request among identical in-flight queries (same subgraph, "
    "operation, variables and viewer). On by default."
)
_BREAKER_FAILURES_HELP = (
    "Consecutive failures that open a subgraph's circuit breaker (0: no breaker)."
)
_BREAKER_COOLDOWN_HELP = "Seconds an open circuit fails fast before one probe goes through."
_WORKERS_HELP = "Router processes serving the port (supervised; more than 1 needs REDIS_URL)."
_UP_WORKERS_HELP = "Only 1: the embedded host is one process by design (docs/router.md)."


@app.command()
def up(
    port: Annotated[int | None, typer.Option(help="Port to serve on.")] = None,
    data_dir: Annotated[
        Path | None, typer.Option(help="Where the embedded database lives.")
    ] = None,
    subgraph_timeout: Annotated[list[str] | None, typer.Option(help=_TIMEOUT_HELP)] = None,
    workers: Annotated[int, typer.Option(min=1, help=_UP_WORKERS_HELP)] = 1,
) -> None:
    """Start the whole system in one process on embedded defaults."""
    if workers > 1:
        typer.echo(UP_WORKERS_REFUSED, err=True)
        raise typer.Exit(2)
    settings = with_subgraph_timeouts(_load(Settings), subgraph_timeout or [])
    if data_dir:
        settings = settings.model_copy(update={"data_dir": data_dir})
    settings = served_at(settings, port=port or settings.port)
    configure_logging(settings.log_level, json_output=False)
    database: SecantusServer | None = None
    if not _explicit("MONGODB_URL"):
        # Data under data_dir survives restarts; the port is private to this run.
        database = SecantusServer(storage=settings.data_dir / "db", port=free_port())
        typer.echo(f"Starting the embedded database in {settings.data_dir / 'db'} ...")
        try:
            # A database whose `up` was just killed is still stopping: give it time.
            database.start(lock_wait=DATABASE_LOCK_WAIT_SECONDS)
        except MongoServerError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(1) from None
        # A local child that does not answer in a few seconds is gone: fail calls
        # (and the stop) after that, not after the default 30 s.
        url = f"{database.url}&serverSelectionTimeoutMS={DATABASE_SELECTION_TIMEOUT_MS}"
        settings = settings.model_copy(update={"mongodb_url": url})
        _stop_when_database_exits(database)
    _exit_on_sigterm()
    try:
        definitions = discover_subgraphs()
        supergraph = _compose_or_exit(definitions, lambda name: subgraph_url(settings, name))
        base = f"http://{settings.host}:{settings.port}"
        typer.echo(f"LifeGraph is up: the app at {base}/, GraphiQL at {base}/graphql")
        for name in definitions:
            typer.echo(f"  subgraph {name:<14} {base}/subgraphs/{name}/graphql")
        if settings.local_environment and not settings.smtp_host:
            typer.echo(f"  mail (no SMTP)          {base}/dev/mail, or `lifegraph mail list`")
        _run(
            create_embedded_app(settings, definitions, supergraph_sdl=supergraph),
            settings,
            host=settings.host,
            port=settings.port,
        )
    finally:
        if database is not None:
            typer.echo("Stopping the embedded database ...")
            database.stop()


@app.command()
def serve(
    subgraph: Annotated[str, typer.Argument(help="Which subgraph to run.")],
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 4001,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "0.0.0.0",  # noqa: S104
) -> None:
    """Run one subgraph in this process against MONGODB_URL, AMQP_URL and REDIS_URL."""
    from common.app import create_subgraph_app

    definitions = discover_subgraphs()
    if subgraph not in definitions:
        raise typer.BadParameter(f"unknown subgraph {subgraph!r}; known: {', '.join(definitions)}")
    # Only the subgraph's own section: another subgraph's settings are not its to check.
    settings = _load(definitions[subgraph].settings)
    configure_logging(settings.log_level, json_output=settings.log_json)
    application = create_subgraph_app(definitions[subgraph], settings)
    _run(application, settings, host=host, port=port)


@app.command()
def router(
    supergraph: Annotated[
        Path, typer.Option(help="Supergraph SDL file (Apollo join-spec format).")
    ],
    port: Annotated[int, typer.Option(help="Port to serve on.")] = 4000,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "0.0.0.0",  # noqa: S104
    subgraph_url: Annotated[
        list[str] | None, typer.Option(help="Override a subgraph URL: NAME=URL (repeatable).")
    ] = None,
    subgraph_timeout: Annotated[list[str] | None, typer.Option(help=_TIMEOUT_HELP)] = None,
    dedupe: Annotated[bool | None, typer.Option(help=_DEDUPE_HELP)] = None,
    circuit_breaker_failures: Annotated[
        int | None, typer.Option(min=0, help=_BREAKER_FAILURES_HELP)
    ] = None,
    circuit_breaker_cooldown: Annotated[
        float | None, typer.Option(min=0.001, help=_BREAKER_COOLDOWN_HELP)
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help=_WORKERS_HELP)] = 1,
    watch: Annotated[
        bool,
        typer.Option(help="Reload the supergraph file when it changes (SIGHUP always does)."),
    ] = False,
) -> None:
    """Run the federation router for any supergraph composed by Apollo's tools or ours."""
    settings = with_subgraph_timeouts(_load(RouterSettings), subgraph_timeout or [])
    settings = with_traffic_shaping(
        settings, dedupe, circuit_breaker_failures, circuit_breaker_cooldown
    )
    if workers > 1 and not settings.redis_url:
        # Per-process limits would multiply by N, and a retried mutation could run twice.
        typer.echo(
            "lifegraph router: --workers above 1 needs REDIS_URL, so that every worker "
            "shares rate limits, persisted queries and idempotency keys.",
            err=True,
        )
        raise typer.Exit(2)
    configure_logging(settings.log_level, json_output=settings.log_json)
    overrides = dict(_name_value(item) for item in subgraph_url or [])
    sdl = supergraph.read_text()
    # LifeGraph's subgraphs' public routes (the calendar feed), when it serves them.
    routes = public_routes(discover_subgraphs(), sdl)
    if workers > 1:
        # Each worker watches the file itself, and reloads on the SIGHUP passed on to it.
        factory = RouterFactory(settings, sdl, overrides, routes, supergraph, watch)
        _serve_router_workers(factory, workers, host, port)
        return
    application = create_lifegraph_router(
        settings, sdl, overrides, routes, supergraph_file=supergraph, watch=watch
    )
    _run(application, settings, host=host, port=port)


def _serve_router_workers(factory: RouterFactory, workers: int, host: str, port: int) -> None:
    settings = factory.settings
    options = WorkerOptions(
        graceful_seconds=settings.shutdown_timeout_seconds,
        ws_max_size=settings.max_request_body_bytes,
        gc_young_threshold=settings.gc_young_threshold,
    )
    serve_workers(factory, host=host, port=port, workers=workers, options=options)


def _exit_on_sigterm() -> None:
    """Let SIGTERM (`docker stop`, systemd) unwind like Ctrl-C, through `finally` blocks.

    uvicorn shuts down gracefully on SIGTERM, then raises the signal again for the
    handler that was there before it; with the default one the process would end
    at once and leave the embedded database running, holding its storage.
    """

    def exit_now(signum: int, _: FrameType | None) -> None:
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, exit_now)


def _stop_when_database_exits(database: SecantusServer) -> None:
    """Without its database `up` can only fail requests: stop, and let a supervisor restart it."""

    def watch() -> None:
        code = database.wait_unexpected_exit()
        if code is None:
            return
        typer.echo(
            f"The embedded database stopped unexpectedly (exit status {code}); stopping LifeGraph.",
            err=True,
        )
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="database-watch", daemon=True).start()


def _load(section: type[SettingsT]) -> SettingsT:
    """The process's settings section, or exit naming every required setting it lacks."""
    try:
        return load_settings(section)
    except MissingSettings as exc:
        typer.echo(f"lifegraph: {exc}", err=True)
        raise typer.Exit(1) from None


def _run(application: ASGIApp, settings: CommonSettings, *, host: str, port: int) -> None:
    tune_for_serving(settings.gc_young_threshold)
    serve_bounded(
        application,
        host=host,
        port=port,
        graceful_seconds=settings.shutdown_timeout_seconds,
        # A socket message is held to the same bound as a request body (docs/security.md).
        ws_max_size=settings.max_request_body_bytes,
    )


def with_subgraph_timeouts(settings: RouterT, items: list[str]) -> RouterT:
    """Settings with `--subgraph-timeout` values (SECONDS or NAME=SECONDS) applied."""
    if not items:
        return settings
    default = settings.router_subgraph_timeout_seconds
    per_subgraph = dict(settings.router_subgraph_timeouts)
    for item in items:
        name, sep, value = item.rpartition("=")
        try:
            seconds = float(value)
        except ValueError:
            seconds = 0.0
        if seconds <= 0 or (sep and not name):
            raise typer.BadParameter(f"expected SECONDS or NAME=SECONDS (> 0), got {item!r}")
        if sep:
            per_subgraph[name] = seconds
        else:
            default = seconds
    return settings.model_copy(
        update={
            "router_subgraph_timeout_seconds": default,
            "router_subgraph_timeouts": per_subgraph,
        }
    )


def with_traffic_shaping(
    settings: RouterSettings, dedupe: bool | None, failures: int | None, cooldown: float | None
) -> RouterSettings:
    """Settings with `--dedupe/--no-dedupe` and the circuit breaker flags applied."""
    update: dict[str, object] = {}
    if dedupe is not None:
        update["router_deduplicate_subgraph_requests"] = dedupe
    if failures is not None:
        update["router_circuit_breaker_failures"] = failures
    if cooldown is not None:
        update["router_circuit_breaker_cooldown_seconds"] = cooldown
    return settings.model_copy(update=update) if update else settings


def _name_value(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name or not value:
        raise typer.BadParameter(f"expected NAME=URL, got {item!r}")
    return name, value


def _compose_or_exit(
    definitions: Mapping[str, SubgraphDefinition[Any]], url_for: Callable[[str], str]
) -> str | None:
    if not definitions:
        return None
    try:
        return asyncio.run(compose_lifegraph(definitions, url_for))
    except CompositionError as exc:
        typer.echo(describe(exc), err=True)
        raise typer.Exit(1) from exc


@app.command()
def schema(
    check: Annotated[bool, typer.Option(help="Fail if schema/ differs from the code.")] = False,
    out: Annotated[Path, typer.Option(help="Directory to write to.")] = SCHEMA_DIR,
) -> None:
    """Write every subgraph's SDL, the supergraph and the client API schema to schema/
    (or check that they are current)."""
    rendered = asyncio.run(_render_schemas())
    stale = [name for name, text in rendered.items() if _read(out / name) != text]
    if check:
        if stale:
            typer.echo(
                f"schema/ is out of date: {', '.join(stale)}. Run `lifegraph schema`.", err=True
            )
            raise typer.Exit(1)
        typer.echo("schema/ is current.")
        return
    out.mkdir(parents=True, exist_ok=True)
    for name, text in rendered.items():
        (out / name).write_text(text)
    typer.echo(f"wrote {len(rendered)} files to {out}/")


async def _render_schemas() -> dict[str, str]:
    definitions = discover_subgraphs()
    rendered = {
        f"{name}.graphql": (await service_sdl(definition)).rstrip() + "\n"
        for name, definition in definitions.items()
    }
    if definitions:
        try:
            supergraph = await compose_lifegraph(definitions, standalone_url)
        except CompositionError as exc:
            typer.echo(describe(exc), err=True)
            raise typer.Exit(1) from exc
        rendered["supergraph.graphql"] = supergraph
        rendered[API_SCHEMA] = api_sdl(supergraph, ROOT_DESCRIPTIONS)
    return rendered


def _read(path: Path) -> str | None:
    return path.read_text() if path.exists() else None


def _explicit(name: str) -> bool:
    return bool(os.environ.get(name) or os.environ.get(f"LIFEGRAPH_{name}"))


def _mount_tools() -> None:
    from lifegraph.events_cli import events_app
    from lifegraph.indexes_cli import indexes
    from lifegraph.mail_cli import mail_app
    from lifegraph.web_cli import web_app
    from subgraphs.analytics.cli import analytics_app
    from subgraphs.users.cli import users_app

    app.add_typer(events_app, name="events")
    app.add_typer(users_app, name="users")
    app.add_typer(analytics_app, name="analytics")
    app.add_typer(web_app, name="web")
    app.command()(indexes)
    app.add_typer(mail_app, name="mail")


_mount_tools()
