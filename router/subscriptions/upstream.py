"""One graphql-transport-ws connection from the router to a subgraph, multiplexing operations."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from collections.abc import Mapping
from typing import Any, Protocol

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from websockets.typing import Subprotocol

from common.cancellation import join
from router.executor.errors import SUBGRAPH_UNAVAILABLE
from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.protocol import SUBPROTOCOL, CloseCode, encode

logger = logging.getLogger("router.subscriptions")

UNAUTHENTICATED = "UNAUTHENTICATED"
_PONG = encode({"type": "pong"})


class UpstreamSink(Protocol):
    """Receives one upstream operation's messages, synchronously, from the connection's reader."""

    def on_next(self, payload: dict[str, Any]) -> None: ...

    def on_error(self, errors: list[Any]) -> None: ...

    def on_complete(self) -> None: ...

    def on_drop(self, message: str) -> None: ...


class UpstreamUnavailable(Exception):
    def __init__(self, message: str, code: str = SUBGRAPH_UNAVAILABLE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def websocket_url(http_url: str) -> str:
    if http_url.startswith("https://"):
        return "wss://" + http_url.removeprefix("https://")
    if http_url.startswith("http://"):
        return "ws://" + http_url.removeprefix("http://")
    return http_url


class UpstreamConnection:
    def __init__(self, service: str, ws: ClientConnection) -> None:
        self.service = service
        self._ws = ws
        self._sinks: dict[str, UpstreamSink] = {}
        self._ids = itertools.count(1)
        self.closed = False
        self._reader = asyncio.create_task(self._read(), name=f"upstream:{service}")

    @classmethod
    async def open(
        cls,
        service: str,
        url: str,
        *,
        init_payload: Mapping[str, Any],
        headers: Mapping[str, str],
        config: SubscriptionConfig,
    ) -> UpstreamConnection:
        unavailable = f'Subgraph "{service}" could not be reached'
        try:
            async with asyncio.timeout(config.upstream_open_timeout):
                ws = await connect(
                    websocket_url(url),
                    subprotocols=[Subprotocol(SUBPROTOCOL)],
                    additional_headers=dict(headers),
                    compression=None,
                    proxy=None,
                    open_timeout=None,
                    ping_interval=config.upstream_ping_interval,
                    close_timeout=2.0,
                    max_size=config.max_message_bytes,
                )
                try:
                    await _initialise(service, ws, init_payload)
                except BaseException:
                    await ws.close()
                    raise
        except TimeoutError as exc:
            raise UpstreamUnavailable(f'Subgraph "{service}" timed out') from exc
        except (OSError, InvalidHandshake) as exc:
            logger.warning("subscription connection to %s failed: %r", service, exc)
            raise UpstreamUnavailable(unavailable) from exc
        return cls(service, ws)

    async def start(self, payload: Mapping[str, Any], sink: UpstreamSink) -> str:
        if self.closed:
            raise UpstreamUnavailable(f'Subgraph "{self.service}" closed the connection')
        upstream_id = str(next(self._ids))
        self._sinks[upstream_id] = sink
        try:
            message = {"id": upstream_id, "type": "subscribe", "payload": payload}
            await self._ws.send(encode(message))
        except ConnectionClosed as exc:
            self._sinks.pop(upstream_id, None)
            raise UpstreamUnavailable(f'Subgraph "{self.service}" closed the connection') from exc
        return upstream_id

    async def stop(self, upstream_id: str) -> None:
        """The client is done with an operation: tell the subgraph, unless it already ended."""
        if self._sinks.pop(upstream_id, None) is None or self.closed:
            return
        with contextlib.suppress(ConnectionClosed):
            await self._ws.send(encode({"id": upstream_id, "type": "complete"}))

    async def close(self) -> None:
        self._sinks.clear()
        self.closed = True
        await self._ws.close()
        await join(self._reader)

    async def _read(self) -> None:
        reason = f'Subgraph "{self.service}" closed the subscription connection'
        try:
            async for raw in self._ws:
                await self._dispatch(raw)
        except ConnectionClosed:
            pass
        except Exception:
            logger.exception("upstream connection to %s failed", self.service)
        finally:
            self.closed = True
            sinks, self._sinks = self._sinks, {}
            for sink in sinks.values():
                sink.on_drop(reason)

    async def _dispatch(self, raw: str | bytes) -> None:
        message = json.loads(raw)
        kind = message.get("type")
        upstream_id = message.get("id")
        if kind == "next":
            sink = self._sinks.get(upstream_id)
            if sink is not None:
                sink.on_next(message.get("payload") or {})
        elif kind in ("error", "complete"):
            sink = self._sinks.pop(upstream_id, None)
            if sink is None:
                return
            if kind == "complete":
                sink.on_complete()
            else:
                payload = message.get("payload")
                sink.on_error(payload if isinstance(payload, list) else [payload])
        elif kind == "ping":
            await self._ws.send(_PONG)


async def _initialise(service: str, ws: ClientConnection, init_payload: Mapping[str, Any]) -> None:
    await ws.send(encode({"type": "connection_init", "payload": dict(init_payload)}))
    while True:
        try:
            raw = await ws.recv()
        except ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd is not None else None
            if code in (CloseCode.FORBIDDEN, CloseCode.UNAUTHORIZED):
                raise UpstreamUnavailable(
                    f'Subgraph "{service}" rejected the connection credentials', UNAUTHENTICATED
                ) from exc
            raise UpstreamUnavailable(f'Subgraph "{service}" closed the connection') from exc
        message = json.loads(raw)
        if message.get("type") == "connection_ack":
            return
        if message.get("type") == "ping":
            await ws.send(_PONG)
