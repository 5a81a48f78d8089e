"""One client socket: the graphql-transport-ws state machine, its operations and upstreams."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Hashable, Mapping
from typing import Any

from starlette.types import Receive, Send

from common.auth import Principal, TokenExpired, TokenVerifier
from common.cancellation import cancel_and_wait
from common.errors import LifeGraphError
from router.executor.errors import BAD_USER_INPUT, graphql_error
from router.service import Router
from router.subscriptions.config import SubscriptionConfig
from router.subscriptions.framing import SOCKET_FRAMING
from router.subscriptions.hub import Subscriber, SubscriptionHub, subscribe_upstream
from router.subscriptions.operation import ClientOperation
from router.subscriptions.outbox import Outbox
from router.subscriptions.pool import Subscribed, UpstreamPool
from router.subscriptions.protocol import (
    CloseCode,
    ConnectionInit,
    ProtocolViolation,
    Subscribe,
    encode,
    error_message,
    parse_client_message,
)
from router.subscriptions.shared import Credentials, SharedResolutions, credentials_of
from router.subscriptions.upstream import UpstreamSink

logger = logging.getLogger("router.subscriptions")

_ACK = encode({"type": "connection_ack"})
_PING = encode({"type": "ping"})
_PONG = encode({"type": "pong"})


class ClientSession:
    def __init__(
        self,
        router: Router,
        verifier: TokenVerifier | None,
        config: SubscriptionConfig,
        send: Send,
        request_id: str,
        shared: SharedResolutions,
        upstreams: UpstreamPool,
        client_headers: Mapping[str, str] | None = None,
    ) -> None:
        self.router = router
        self.shared = shared
        self.upstreams = upstreams
        self.verifier = verifier
        self.config = config
        self.request_id = request_id
        self.send = send
        # What every subgraph request for this client carries (HTTP and upstream sockets).
        self.headers: dict[str, str] = {"x-request-id": request_id}
        # The client's headers for the header rules: the handshake's, then the string
        # entries of `connection_init` (a browser cannot set a socket's headers).
        self.client_headers: dict[str, str] = dict(client_headers or {})
        # What of `headers` can change a subgraph's answer; set once acknowledged.
        self.credentials: Credentials | None = None
        # Who the edge verified the socket's token to be (see `viewer_of`); None when
        # there is no token or no verification at the edge.
        self.viewer: Hashable | None = None
        self.principal: Principal | None = None
        self.outbox = Outbox(send, config.max_pending_messages, self._overflowed)
        self.framing = SOCKET_FRAMING
        self.operations: dict[str, asyncio.Task[None]] = {}
        self._init_received = False
        self._acknowledged = False
        self._finished = asyncio.Event()
        self._close: tuple[int, str] | None = None
        self._flush_before_close = True
        self._timers: list[asyncio.TimerHandle] = []

    # -- lifecycle ----------------------------------------------------------------------

    async def run(self, receive: Receive) -> None:
        loop = asyncio.get_running_loop()
        reader = asyncio.create_task(self._read(receive))
        writer = asyncio.create_task(self.outbox.run())
        self._timers.append(loop.call_later(self.config.init_timeout, self._init_timed_out))
        if self.config.ping_interval:
            self._timers.append(loop.call_later(self.config.ping_interval, self._ping))
        try:
            await self._finished.wait()
        finally:
            for timer in self._timers:
                timer.cancel()
            try:
                await cancel_and_wait(reader)
            finally:
                # Runs when the session itself is being cancelled too: the
                # cancellation propagates once upstreams and the writer are released.
                await self._teardown()
                if self.credentials is not None:
                    self.shared.leave(self.credentials)
                await self._finish_writing(writer)

    def close(self, code: int, reason: str, *, flush: bool = True) -> None:
        if self._close is None and not self._finished.is_set():
            self._close = (code, reason)
            self._flush_before_close = flush
        self._finished.set()

    async def _finish_writing(self, writer: asyncio.Task[None]) -> None:
        if self._close is None:  # the client is gone: nothing more can be written
            writer.cancel()
            return
        code, reason = self._close
        self.outbox.stop(drop_pending=not self._flush_before_close)
        if not self._flush_before_close:
            writer.cancel()  # it may be stuck on a backed-up socket
        # A client that reads nothing may never take the close frame: bounded.
        try:
            async with asyncio.timeout(self.config.close_timeout):
                await asyncio.wait([writer])
                await self.send({"type": "websocket.close", "code": code, "reason": reason})
        except (TimeoutError, OSError):
            writer.cancel()

    async def _teardown(self) -> None:
        # Each operation releases its upstream as it ends (see `UpstreamPool`).
        operations = list(self.operations.values())
        for task in operations:
            task.cancel()
        await asyncio.gather(*operations, return_exceptions=True)

    def _overflowed(self) -> None:
        logger.warning("closing a client that fell behind (request %s)", self.request_id)
        self.close(CloseCode.TRY_AGAIN_LATER, "Client is too slow to receive", flush=False)

    def _init_timed_out(self) -> None:
        if not self._init_received:
            self.close(CloseCode.INIT_TIMEOUT, "Connection initialisation timeout")

    def _ping(self) -> None:
        interval = self.config.ping_interval
        if interval and not self._finished.is_set():
            self.outbox.put(_PING)
            loop = asyncio.get_running_loop()
            self._timers.append(loop.call_later(interval, self._ping))

    # -- reading ------------------------------------------------------------------------

    async def _read(self, receive: Receive) -> None:
        try:
            while not self._finished.is_set():
                message = await receive()
                if message["type"] == "websocket.disconnect":
                    break
                text = message.get("text")
                if text is None:
                    raise ProtocolViolation("Invalid message received: binary frames are not used")
                await self._handle(text)
        except ProtocolViolation as exc:
            self.close(CloseCode.BAD_REQUEST, str(exc))
        except Exception:
            logger.exception("client socket failed (request %s)", self.request_id)
            self.close(CloseCode.INTERNAL_ERROR, "Internal server error")
        finally:
            self._finished.set()

    async def _handle(self, text: str) -> None:
        message = parse_client_message(text)
        kind = message["type"]
        if kind == "ping":
            payload = message.get("payload")
            self.outbox.put(encode({"type": "pong", "payload": payload}) if payload else _PONG)
        elif kind == "pong":
            pass
        elif kind == "connection_init":
            await self._connection_init(message)  # type: ignore[arg-type]
        elif kind == "subscribe":
            self._subscribe(message)  # type: ignore[arg-type]
        elif kind == "complete":
            task = self.operations.pop(message["id"], None)  # type: ignore[typeddict-item]
            if task is not None:
                task.cancel()

    async def _connection_init(self, message: ConnectionInit) -> None:
        if self._init_received:
            self.close(CloseCode.TOO_MANY_INIT, "Too many initialisation requests")
            return
        self._init_received = True
        payload = message.get("payload") or {}
        authorization = payload.get("Authorization", payload.get("authorization"))
        if authorization is not None:
            try:
                principal = await self._verify(authorization)
            except TokenExpired:
                # Refused before the ack, so a client with a stale token does not loop.
                self.close(CloseCode.TOKEN_EXPIRED, "Token expired")
                return
            if principal is None:
                self.close(CloseCode.FORBIDDEN, "Forbidden")
                return
            self.headers["authorization"] = authorization
            self._expire_at(principal)
            # Meets the supergraph's authorization directives only when the edge verified it.
            self.principal = principal if self.verifier is not None else None
            if self.verifier is not None:
                self.viewer = viewer_of(principal)
        self._acknowledged = True
        self.client_headers.update(
            (name.lower(), value) for name, value in payload.items() if isinstance(value, str)
        )
        rules = self.router.config.header_rules
        propagated = rules.propagated(self.client_headers) if rules else ()
        self.credentials = credentials_of(self.headers, propagated)
        self.shared.join(self.credentials)
        self.outbox.put(_ACK)

    async def _verify(self, authorization: Any) -> Principal | None:
        if not isinstance(authorization, str):
            return None
        if self.verifier is None:  # no edge verification configured: subgraphs still verify
            return Principal(user_id="")
        try:
            principal = await self.verifier.verify_header(authorization)
            expires = principal.claims.get("exp") if principal else None
            if isinstance(expires, int | float) and expires <= time.time():
                # Within the verifier's leeway, but the socket would close at once.
                raise TokenExpired("The token has expired.")
        except LifeGraphError as exc:
            logger.info("rejected a socket token: %s (request %s)", exc.message, self.request_id)
            if isinstance(exc, TokenExpired):
                raise
            return None
        return principal

    def _expire_at(self, principal: Principal) -> None:
        """A socket lives no longer than its token: the client reconnects with a fresh one."""
        expires = principal.claims.get("exp")
        if isinstance(expires, int | float):
            delay = max(0.0, float(expires) - time.time())
            loop = asyncio.get_running_loop()
            self._timers.append(
                loop.call_later(delay, self.close, CloseCode.TOKEN_EXPIRED, "Token expired")
            )

    def _subscribe(self, message: Subscribe) -> None:
        op_id = message["id"]
        if not self._acknowledged:
            self.close(CloseCode.UNAUTHORIZED, "Unauthorized")
            return
        if op_id in self.operations:
            self.close(CloseCode.SUBSCRIBER_EXISTS, f"Subscriber for {op_id} already exists")
            return
        limit = self.config.max_operations_per_connection
        if len(self.operations) >= limit:
            error = graphql_error(
                f"At most {limit} operations can run at once on one connection", BAD_USER_INPUT
            )
            self.outbox.put(error_message(op_id, [error]))
            return
        operation = ClientOperation(self, op_id, message["payload"])
        self.operations[op_id] = asyncio.create_task(operation.run(), name=f"operation:{op_id}")

    def operation_ended(self, operation: ClientOperation) -> None:
        task = self.operations.get(operation.id)
        if task is not None and task is asyncio.current_task():
            del self.operations[operation.id]

    # -- upstream -----------------------------------------------------------------------

    async def subscribe_upstream(
        self, service: str, payload: Mapping[str, Any], sink: UpstreamSink
    ) -> Subscribed:
        """Events of `payload` on `service` for `sink`, shared with sockets that may share."""
        subscriber = Subscriber(
            owner=id(self),
            request_id=self.request_id,
            headers=self.headers,
            credentials=self.credentials,
            viewer=self.viewer,
            client_headers=self.client_headers,
        )
        return await subscribe_upstream(
            SubscriptionHub(self.upstreams, self.shared),
            self.router,
            subscriber,
            service,
            payload,
            sink,
            deduplicate=self.config.deduplicate_upstream,
        )


def viewer_of(principal: Principal) -> Hashable:
    """What a subgraph's answer may depend on: the user, their roles and the token's scopes.

    Not the token itself: another device of the same user holds another token
    (other `jti`, `sid`, `exp`) yet is answered alike.
    """
    scopes = None if principal.scopes is None else tuple(sorted(principal.scopes))
    return ("user", principal.user_id, tuple(sorted(principal.roles)), scopes)
