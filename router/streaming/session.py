"""One operation streamed over one HTTP response, on the same machinery as a socket's.

`HttpStreamSession` is what `ClientOperation` needs of a session (`OperationSession`):
the operation, the upstream pool and the shared event resolutions are the WebSocket
transport's own; only the framing and the end of the stream differ. The client going
away (`http.disconnect`) cancels the operation, which releases its upstream at once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Hashable, Mapping
from typing import Any, Protocol

from starlette.types import Receive, Send

from common.auth import Principal
from common.cancellation import cancel_and_wait
from router.executor.errors import graphql_error
from router.service import Router
from router.streaming.responses import until_disconnected
from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.framing import Framing
from router.subscriptions.hub import Subscriber, SubscriptionHub, subscribe_upstream
from router.subscriptions.operation import ClientOperation
from router.subscriptions.outbox import Outbox, http_chunk
from router.subscriptions.pool import Subscribed
from router.subscriptions.protocol import SubscribePayload
from router.subscriptions.shared import Credentials, credentials_of
from router.subscriptions.upstream import UpstreamSink

logger = logging.getLogger("router.streaming")

UNAUTHENTICATED = "UNAUTHENTICATED"


class StreamFraming(Framing, Protocol):
    """A `Framing` that also opens, keeps alive and closes an HTTP response body."""

    media_type: str
    heartbeat: str
    opening: str
    closing: str

    def heartbeat_interval(self, config: SubscriptionConfig) -> float: ...


class HttpStreamSession:
    def __init__(
        self,
        router: Router,
        hub: SubscriptionHub,
        framing: StreamFraming,
        *,
        request_id: str,
        authorization: str | None,
        viewer: Hashable | None,
        principal: Principal | None = None,
        expires_at: float | None = None,
        client_headers: Mapping[str, str] | None = None,
    ) -> None:
        self.router = router
        self.hub = hub
        self.shared = hub.shared
        self.config: SubscriptionConfig = router.config.subscriptions
        self.framing = framing
        self.request_id = request_id
        self.headers: dict[str, str] = {"x-request-id": request_id}
        if authorization is not None:
            self.headers["authorization"] = authorization
        # The request's headers (lower case), for the header rules.
        self.client_headers: dict[str, str] = {
            k.lower(): v for k, v in (client_headers or {}).items()
        }
        rules = router.config.header_rules
        propagated = rules.propagated(self.client_headers) if rules else ()
        self.credentials: Credentials | None = credentials_of(self.headers, propagated)
        self.viewer = viewer
        # Who the edge verified, for the supergraph's authorization directives (router/authz).
        self.principal = principal
        self.expires_at = expires_at
        self._ended = asyncio.Event()
        self._cut_off = False

    def operation_ended(self, operation: ClientOperation) -> None:
        self._ended.set()

    async def subscribe_upstream(
        self, service: str, payload: Mapping[str, Any], sink: UpstreamSink
    ) -> Subscribed:
        subscriber = Subscriber(
            owner=id(self),
            request_id=self.request_id,
            headers=self.headers,
            credentials=self.credentials,
            viewer=self.viewer,
            client_headers=self.client_headers,
        )
        return await subscribe_upstream(
            self.hub,
            self.router,
            subscriber,
            service,
            payload,
            sink,
            deduplicate=self.config.deduplicate_upstream,
        )

    def _overflowed(self) -> None:
        logger.warning("ending a stream that fell behind (request %s)", self.request_id)
        self._cut_off = True
        self._ended.set()

    def _expired(self) -> None:
        error = graphql_error("Token expired", UNAUTHENTICATED)
        self.outbox.put(self.framing.error("1", [error]))
        self._ended.set()

    def _heartbeat(self, interval: float) -> None:
        if not self._ended.is_set():
            self.outbox.put(self.framing.heartbeat)
            self._timers.append(
                asyncio.get_running_loop().call_later(interval, self._heartbeat, interval)
            )

    async def run(self, payload: SubscribePayload, receive: Receive, send: Send) -> None:
        """Streams the operation's results until it ends, the token expires or the client
        leaves; the response has been started by the caller."""
        self._send = send
        self.outbox = Outbox(send, self.config.max_pending_messages, self._overflowed, http_chunk)
        loop = asyncio.get_running_loop()
        self._timers: list[asyncio.TimerHandle] = []
        heartbeat = self.framing.heartbeat_interval(self.config)
        if heartbeat > 0:
            self._timers.append(loop.call_later(heartbeat, self._heartbeat, heartbeat))
        if self.expires_at is not None:
            delay = max(0.0, self.expires_at - time.time())
            self._timers.append(loop.call_later(delay, self._expired))
        credentials = self.credentials or ()
        self.shared.join(credentials)
        if self.framing.opening:
            self.outbox.put(self.framing.opening)
        writer = asyncio.create_task(self.outbox.run())
        operation = asyncio.create_task(ClientOperation(self, "1", payload).run())
        left = asyncio.create_task(until_disconnected(receive))
        ended = asyncio.create_task(self._ended.wait())
        try:
            await asyncio.wait([left, ended], return_when=asyncio.FIRST_COMPLETED)
        finally:
            for timer in self._timers:
                timer.cancel()
            # The operation's end releases its upstream (the pool closes it when unused).
            await cancel_and_wait(operation)
            await cancel_and_wait(ended)
            self.shared.leave(credentials)
            gone = left.done()
            await cancel_and_wait(left)
            await self._finish(writer, gone=gone)

    async def _finish(self, writer: asyncio.Task[None], *, gone: bool) -> None:
        if gone or self._cut_off:
            writer.cancel()
            return
        self.outbox.stop(drop_pending=False)
        try:
            async with asyncio.timeout(self.config.close_timeout):
                await asyncio.wait([writer])
                closing = self.framing.closing.encode()
                await self._send(
                    {"type": "http.response.body", "body": closing, "more_body": False}
                )
        except (TimeoutError, OSError):
            writer.cancel()
