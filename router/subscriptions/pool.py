"""Upstream subscriptions, shared between client operations that would receive the same events.

Two client operations receive the same events when they send a subgraph the same
subscription (query, variables, operation name) as the same viewer: the same
verified user with the same roles and scopes (one user's tabs and devices), or,
without edge verification, the same credentials. The router then runs it once
upstream and hands every event to each of them, so the subgraph executes it once
instead of once per socket. With fan-out to a large conversation that per-socket
work is what the subgraph spends its time on. Different viewers never share:
nobody receives what their own request would not have produced.

The operation runs on the connection of the socket that started it; others join
it while it runs, so their own tokens are not presented again (each was verified
at the edge). Connections are pooled per subgraph and credentials, closed when
their last operation ends. With `SubscriptionConfig.deduplicate_upstream` off,
every client socket gets its own connections and every operation its own upstream.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Gauge

from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.upstream import UpstreamConnection, UpstreamSink


@dataclass(frozen=True, slots=True)
class Caller:
    """What an upstream is opened with, on behalf of one client socket."""

    # Sockets with equal keys may share connections (the same credentials).
    key: Hashable
    # Sockets with equal viewers may share operations: the subgraph answers them alike.
    viewer: Hashable
    init_payload: Mapping[str, Any]
    headers: Mapping[str, str]


@dataclass(eq=False)
class _Line:
    """One pooled connection and how many upstream operations hold it."""

    connection: asyncio.Future[UpstreamConnection]
    holders: int = 0


@dataclass(eq=False)
class _FanOut:
    """One upstream operation and the client operations receiving its events."""

    key: Hashable
    line_key: Hashable
    pool: UpstreamPool
    sinks: list[UpstreamSink] = field(default_factory=list)
    # The upstream id once the subgraph was sent the subscription, or why it was not.
    started: asyncio.Future[str] = field(default_factory=asyncio.Future)
    # The task sending the subscription; kept so it is not collected while it runs.
    opening: asyncio.Future[None] | None = None
    ended: bool = False

    def on_next(self, payload: dict[str, Any]) -> None:
        for sink in tuple(self.sinks):
            sink.on_next(payload)

    def on_error(self, errors: list[Any]) -> None:
        for sink in self._end():
            sink.on_error(errors)

    def on_complete(self) -> None:
        for sink in self._end():
            sink.on_complete()

    def on_drop(self, message: str) -> None:
        for sink in self._end():
            sink.on_drop(message)

    def _end(self) -> tuple[UpstreamSink, ...]:
        # Whoever subscribes from now on gets a fresh upstream operation.
        self.ended = True
        self.pool._forget(self)
        return tuple(self.sinks)


class Subscribed:
    """A client operation's hold on an upstream operation; `stop` releases it once."""

    def __init__(self, fan: _FanOut, sink: UpstreamSink) -> None:
        self._fan = fan
        self._sink = sink
        self._stopped = False
        # The gauge's child this hold counts in once its upstream started, else None.
        self.counted: Gauge | None = None

    async def stop(self) -> None:
        if not self._stopped:
            self._stopped = True
            if self.counted is not None:
                self.counted.dec()
            await self._fan.pool._release(self._fan, self._sink)


class UpstreamPool:
    def __init__(
        self,
        config: SubscriptionConfig,
        headers: Mapping[str, str] | None = None,
        *,
        attached: Gauge | None = None,
    ) -> None:
        self._config = config
        # Client operations whose upstream started, by subgraph: what a probe (or a test)
        # reads to know a subscription receives what happens from then on.
        self._attached = attached
        # Sent on every upstream handshake whoever the caller (the router secret).
        self._headers = dict(headers or {})
        self._lines: dict[Hashable, _Line] = {}
        self._operations: dict[Hashable, _FanOut] = {}

    async def subscribe(
        self,
        service: str,
        url: str,
        caller: Caller,
        payload: Mapping[str, Any],
        sink: UpstreamSink,
    ) -> Subscribed:
        """Deliver the events of `payload` on `service` to `sink` until `stop`.

        Raises `UpstreamUnavailable` when the subgraph cannot be reached or refuses
        the connection; a subscription the subgraph rejects arrives as `on_error`.
        """
        line_key = (service, caller.key)
        if self._config.deduplicate_upstream:
            key: Hashable = (service, caller.viewer, json.dumps(payload, sort_keys=True))
        else:
            key = object()
        fan = self._operations.get(key)
        if fan is None:
            fan = self._operations[key] = _FanOut(key, line_key, self)
            fan.sinks.append(sink)
            self._hold(line_key)
            starting = self._start(fan, service, url, caller, payload)
            fan.opening = asyncio.create_task(starting, name=f"upstream-subscribe:{service}")
        else:
            fan.sinks.append(sink)
        subscribed = Subscribed(fan, sink)
        try:
            await asyncio.shield(fan.started)
        except BaseException:
            await subscribed.stop()
            raise
        if self._attached is not None:
            subscribed.counted = self._attached.labels(service)
            subscribed.counted.inc()
        return subscribed

    async def _start(
        self, fan: _FanOut, service: str, url: str, caller: Caller, payload: Mapping[str, Any]
    ) -> None:
        try:
            connection = await self._connection(fan.line_key, service, url, caller)
            upstream_id = await connection.start(payload, fan)
        except Exception as exc:
            fan.ended = True
            self._forget(fan)
            fan.started.set_exception(exc)
            fan.started.exception()  # retrieved: subscribers that are gone would not
            return
        fan.started.set_result(upstream_id)

    def _hold(self, line_key: Hashable) -> None:
        line = self._lines.get(line_key)
        if line is None:
            line = self._lines[line_key] = _Line(_not_opened())
        line.holders += 1

    async def _connection(
        self, line_key: Hashable, service: str, url: str, caller: Caller
    ) -> UpstreamConnection:
        line = self._lines[line_key]
        # A closed connection (`.closed`) is replaced here, on next use.
        if line.connection.done() and _unusable(line.connection):
            line.connection = asyncio.create_task(
                UpstreamConnection.open(
                    service,
                    url,
                    init_payload=caller.init_payload,
                    headers={**caller.headers, **self._headers},
                    config=self._config,
                ),
                name=f"upstream-connect:{service}",
            )
        return await asyncio.shield(line.connection)

    async def _release(self, fan: _FanOut, sink: UpstreamSink) -> None:
        if sink in fan.sinks:
            fan.sinks.remove(sink)
        if fan.sinks:
            return
        if not fan.ended:
            fan.ended = True
            self._forget(fan)
            # Still opening: wait for it, so the upstream operation is not left behind.
            await asyncio.wait([fan.started])
            if fan.started.exception() is None:
                connection = self._lines[fan.line_key].connection.result()
                await connection.stop(fan.started.result())
        await self._unhold(fan.line_key)

    async def _unhold(self, line_key: Hashable) -> None:
        line = self._lines[line_key]
        line.holders -= 1
        if line.holders > 0:
            return
        del self._lines[line_key]
        if not line.connection.done():
            line.connection.cancel()
        elif not _unusable(line.connection):
            await line.connection.result().close()

    def _forget(self, fan: _FanOut) -> None:
        if self._operations.get(fan.key) is fan:
            del self._operations[fan.key]


class _NotOpened(Exception):
    """A pooled line whose connection is not open (yet, or any more)."""


def _not_opened() -> asyncio.Future[UpstreamConnection]:
    future: asyncio.Future[UpstreamConnection] = asyncio.Future()
    future.set_exception(_NotOpened())
    future.exception()  # retrieved: it only marks the line as needing a connection
    return future


def _unusable(future: asyncio.Future[UpstreamConnection]) -> bool:
    if future.cancelled() or future.exception() is not None:
        return True
    return future.result().closed
