"""The bounded inbox between an upstream operation and the task that resolves its events."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

from router.executor.errors import INTERNAL, SUBGRAPH_UNAVAILABLE

logger = logging.getLogger("router.subscriptions")


@dataclass(frozen=True, slots=True)
class Next:
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Failed:
    """The upstream operation ended with errors (its `error` message)."""

    errors: list[Any]


@dataclass(frozen=True, slots=True)
class Completed:
    pass


@dataclass(frozen=True, slots=True)
class Dropped:
    """The upstream connection went away, or events came faster than they could be resolved."""

    message: str
    code: str


Event = Next | Failed | Completed | Dropped


class EventInbox:
    """An `UpstreamSink` that queues events, or hands `next` straight to `inline` when set.

    `inline` is for plans with nothing left to fetch: shaping is synchronous, so
    the event skips a queue and a task switch, and order is still the upstream's.
    """

    def __init__(self, limit: int, inline: Callable[[dict[str, Any]], None] | None = None) -> None:
        self._limit = limit
        self._inline = inline
        self._events: deque[Event] = deque()
        self._wake = asyncio.Event()
        self._ended = False
        self._first = True

    def _push(self, event: Event) -> None:
        if self._ended:
            return
        if not isinstance(event, Next):
            self._ended = True
        elif len(self._events) >= self._limit:
            self._ended = True
            self._events.clear()
            event = Dropped(
                "Events arrived faster than they could be resolved; the subscription ended",
                INTERNAL,
            )
        self._events.append(event)
        self._wake.set()

    def on_next(self, payload: dict[str, Any]) -> None:
        if self._first:
            self._first = False
            errors = payload.get("errors")
            if payload.get("data") is None and isinstance(errors, list) and errors:
                # Nothing but errors before any event: the subscription never started
                # (e.g. FORBIDDEN). Strawberry sends that as `next` + `complete`; the
                # client is told with `error`, which ends the operation.
                self._push(Failed(errors))
                return
        if self._inline is None or self._ended:
            self._push(Next(payload))
            return
        try:
            self._inline(payload)
        except Exception:
            logger.exception("delivering a subscription event failed")
            self._push(Dropped("Internal server error", INTERNAL))

    def on_error(self, errors: list[Any]) -> None:
        self._push(Failed(errors))

    def on_complete(self) -> None:
        self._push(Completed())

    def on_drop(self, message: str) -> None:
        self._push(Dropped(message, SUBGRAPH_UNAVAILABLE))

    async def __aiter__(self) -> AsyncIterator[Event]:
        while True:
            while not self._events:
                self._wake.clear()
                await self._wake.wait()
            event = self._events.popleft()
            yield event
            if not isinstance(event, Next):
                return
