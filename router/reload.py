"""Hot reload: a changed supergraph file replaces the router's supergraph without
dropping a request.

A reload builds a whole new `Router` beside the one serving (off the event loop: parsing
and validating a supergraph is CPU work), starts it, and points every entry at it. An
operation already running finishes on the router it started on, old plan and old schema;
the next one runs on the new. The replaced router closes the subgraph connections its
successor did not take over once its operations are done. A file that does not parse,
compose into an API schema, or fit the configuration is refused with a log line, and
the current supergraph stays.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import signal
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Protocol

from starlette.datastructures import State

from router.service import Router

logger = logging.getLogger("router.reload")


class ServesRouter(Protocol):
    """An entry (HTTP endpoint, WebSocket endpoint) that sends its requests to `router`."""

    router: Router


class SupergraphReloader:
    def __init__(self, state: State, path: Path, holders: Sequence[ServesRouter]) -> None:
        self.state = state
        self.path = path
        self.holders = holders
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self._seen: tuple[float, int] | None = None

    @property
    def router(self) -> Router:
        router: Router = self.state.router
        return router

    async def start(self, poll_seconds: float | None) -> None:
        """Reload on SIGHUP, and when `poll_seconds` is set, whenever the file changes."""
        self._seen = await self._stat()
        if poll_seconds is not None:
            self._spawn(self._watch(poll_seconds))
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            # Only a process's main thread may take signals (not so under some test runners).
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self._on_sighup)

    async def stop(self) -> None:
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def reload(self) -> bool:
        """Read the file and serve it if it differs and is valid; True when it now serves."""
        async with self._lock:
            current = self.router
            try:
                sdl = await asyncio.to_thread(self.path.read_text)
            except OSError as exc:
                logger.error("supergraph %s unreadable, the current one stays: %s", self.path, exc)
                return False
            if sdl == current.config.supergraph_sdl:
                return False
            config = dataclasses.replace(current.config, supergraph_sdl=sdl)
            try:
                successor = await asyncio.to_thread(Router, config, current)
            except Exception as exc:  # whatever makes the file unusable, the old one serves
                logger.error("supergraph %s rejected, the current one stays: %s", self.path, exc)
                return False
            await successor.start()
            for holder in self.holders:
                holder.router = successor
            self.state.router = successor
            logger.info("supergraph reloaded from %s", self.path)
            self._spawn(current.retire(successor, grace=_grace(current)))
            return True

    async def _watch(self, poll_seconds: float) -> None:
        # Polling a stat is cheap, and sees a Kubernetes ConfigMap's symlink swap too.
        while True:
            await asyncio.sleep(poll_seconds)
            seen = await self._stat()
            if seen != self._seen:
                self._seen = seen
                await self.reload()

    async def _stat(self) -> tuple[float, int] | None:
        try:
            found = await asyncio.to_thread(os.stat, self.path)
        except OSError:
            return None
        return found.st_mtime, found.st_size

    def _on_sighup(self) -> None:
        logger.info("SIGHUP: reloading the supergraph from %s", self.path)
        self._spawn(self._reload_quietly())

    async def _reload_quietly(self) -> None:
        await self.reload()

    def _spawn(self, work: Coroutine[object, object, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _grace(router: Router) -> float:
    """Long enough for the slowest operation: every subgraph's timeout, with retries."""
    config = router.config
    attempts = 1 + (config.retry.attempts if config.retry else 0)
    slowest = max([config.subgraph_timeout, *config.subgraph_timeouts.values()])
    return slowest * attempts * 2
