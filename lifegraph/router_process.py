"""The router app built inside each worker process (`lifegraph router --workers N`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from starlette.types import ASGIApp

from common.logs import configure_logging
from common.settings import RouterSettings
from lifegraph.router_setup import create_lifegraph_router


@dataclass(frozen=True)
class RouterFactory:
    """Everything a worker needs to build its own router: pickled into the worker, called there.

    The supergraph travels as text, read once by the supervisor, so every worker
    starts on the same one. Plan caches, connection pools and circuit breakers are
    then per worker; APQ, rate limits and idempotency keys are shared through Redis.
    """

    settings: RouterSettings
    supergraph_sdl: str
    subgraph_urls: Mapping[str, str]
    public_routes: Mapping[str, str]
    # Where the supergraph was read: each worker reloads it on SIGHUP, and on change
    # with `watch` (docs/router.md "Hot reload").
    supergraph_file: Path | None = None
    watch: bool = False

    def __call__(self) -> ASGIApp:
        configure_logging(self.settings.log_level, json_output=self.settings.log_json)
        return create_lifegraph_router(
            self.settings,
            self.supergraph_sdl,
            self.subgraph_urls,
            self.public_routes,
            supergraph_file=self.supergraph_file,
            watch=self.watch,
        )
