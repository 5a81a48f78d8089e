"""The event bus on RabbitMQ.

One durable topic exchange. Each consumer gets a durable work queue bound to
its patterns, a delay queue per retry delay (TTL, dead-lettering back to the
work queue) and a dead-letter queue. Deliveries are acked by hand only after
the event was applied, retried, or dead-lettered with its reason in headers.
The connection is robust: after a broker restart aio-pika reconnects and
re-declares every exchange, queue, binding and consumer declared here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import aio_pika
from aio_pika.abc import (
    AbstractExchange,
    AbstractIncomingMessage,
    AbstractRobustChannel,
    AbstractRobustConnection,
)
from aiormq.abc import DeliveredMessage
from pydantic import ValidationError

from common.events import topology
from common.events.bus import AnyHandler
from common.events.consumer import (
    Database,
    DatabaseFor,
    Failed,
    Outcome,
    RetryPolicy,
    Subscription,
    make_subscription,
)
from common.events.envelope import Event
from common.events.registry import register_consumers
from common.metrics import EVENTS_UNROUTABLE

log = logging.getLogger(__name__)

_MAX_REASON = 1_000


class AmqpEventBus:
    def __init__(
        self,
        url: str,
        *,
        exchange: str = "lifegraph.events",
        prefetch: int = 64,
        queue_expires_ms: int | None = None,
        queue_type: topology.QueueType = topology.QueueType.CLASSIC,
        retry: RetryPolicy | None = None,
        database_for: DatabaseFor | None = None,
        connection_name: str = "lifegraph",
    ) -> None:
        self._url = url
        self._queue_arguments = topology.queue_arguments(queue_type, queue_expires_ms)
        # The registry stays classic: reading it requeues every message, and quorum
        # queues count deliveries (RabbitMQ 4 drops a message after 20 by default).
        # Every consumer re-registers at start, so it holds nothing a node's loss can lose.
        self._registry_arguments = topology.queue_arguments(
            topology.QueueType.CLASSIC, queue_expires_ms
        )
        self._exchange_name = exchange
        self._prefetch = prefetch
        self._retry = retry or RetryPolicy()
        self._database_for = database_for
        self._connection_name = connection_name
        self._subscriptions: list[Subscription] = []
        self._connection: AbstractRobustConnection | None = None
        self._channel: AbstractRobustChannel | None = None
        self._exchange: AbstractExchange | None = None
        self._started = asyncio.Event()

    async def connect(self) -> None:
        self._connection = await aio_pika.connect_robust(
            self._url,
            client_properties={"connection_name": self._connection_name},
            # After a broker restart, be back within a second of it answering.
            reconnect_interval=1,
        )
        # Publisher confirms: `publish` returns only once the broker has the message.
        self._channel = await self._connection.channel(publisher_confirms=True)
        self._exchange = await self._channel.declare_exchange(
            self._exchange_name, aio_pika.ExchangeType.TOPIC, durable=True
        )

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
        self._connection = self._channel = self._exchange = None

    async def publish(self, event: Event) -> None:
        if self._exchange is None:
            raise RuntimeError("AmqpEventBus.publish before connect()")
        message = aio_pika.Message(
            body=event.model_dump_json().encode(),
            content_type="application/json",
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=event.id,
            type=event.type,
            timestamp=event.time,
            headers={topology.USER: event.user_id or ""},
        )
        # Mandatory: the broker returns a message no queue is bound for instead of
        # dropping it in silence; a nack or a lost channel raises, and the relay
        # keeps the row pending.
        confirmation = await self._exchange.publish(message, routing_key=event.type, mandatory=True)
        if isinstance(confirmation, DeliveredMessage):
            _unroutable(event)

    def subscribe(
        self,
        consumer: str,
        patterns: Sequence[str],
        handler: AnyHandler,
        *,
        database: Database | None = None,
    ) -> None:
        self._subscriptions.append(
            make_subscription(
                consumer, patterns, handler, database=database, database_for=self._database_for
            )
        )

    async def start_consuming(self) -> None:
        if self._connection is None or self._exchange is None:
            raise RuntimeError("AmqpEventBus.start_consuming before connect()")
        if self._subscriptions:
            # Its own channel: a busy consumer's flow control never stalls publishing.
            channel = await self._connection.channel(publisher_confirms=True)
            await channel.set_qos(prefetch_count=self._prefetch)
            for sub in self._subscriptions:
                await self._declare_and_consume(channel, sub)
            await register_consumers(
                self._connection,
                self._exchange_name,
                [s.consumer for s in self._subscriptions],
                arguments=self._registry_arguments,
            )
        self._started.set()

    async def _declare_and_consume(self, channel: AbstractRobustChannel, sub: Subscription) -> None:
        name = topology.work_queue(self._exchange_name, sub.consumer)
        await channel.declare_queue(
            topology.dead_letter_queue(self._exchange_name, sub.consumer),
            durable=True,
            arguments=self._queue_arguments,
        )
        for delay in set(self._retry.delays_ms):
            await channel.declare_queue(
                topology.retry_queue(self._exchange_name, sub.consumer, delay),
                durable=True,
                arguments={
                    "x-message-ttl": delay,
                    "x-dead-letter-exchange": "",
                    "x-dead-letter-routing-key": name,
                    **self._queue_arguments,
                },
            )
        queue = await channel.declare_queue(name, durable=True, arguments=self._queue_arguments)
        for pattern in sub.patterns:
            await queue.bind(self._exchange_name, routing_key=pattern)
        await queue.consume(_Delivery(sub, channel, self._exchange_name, self._retry).on_message)

    async def started(self) -> None:
        await self._started.wait()

    async def healthy(self) -> bool:
        return self._connection is not None and not self._connection.is_closed


class _Delivery:
    def __init__(
        self, sub: Subscription, channel: AbstractRobustChannel, exchange: str, retry: RetryPolicy
    ) -> None:
        self._sub = sub
        self._channel = channel
        self._exchange = exchange
        self._retry = retry

    async def on_message(self, message: AbstractIncomingMessage) -> None:
        attempt = _int_header(message.headers, topology.ATTEMPT)
        outcome: Outcome
        try:
            event = Event.model_validate_json(message.body)
        except ValidationError as exc:
            outcome = Failed(f"malformed envelope: {_first_error(exc)}", permanent=True)
        else:
            # Taken before any other await: deliveries of one user apply in order.
            async with self._sub.lanes(event):
                outcome = await self._sub.apply(event)
        try:
            if isinstance(outcome, Failed):
                await self._reroute(message, outcome, attempt)
            await message.ack()
        except Exception:
            # The channel went away (broker restart): the broker redelivers the
            # message and the processed-id record makes the repeat harmless.
            log.warning(
                "could not settle a delivery; it will be redelivered",
                extra={"consumer": self._sub.consumer, "message_id": message.message_id},
                exc_info=True,
            )

    async def _reroute(
        self, message: AbstractIncomingMessage, failure: Failed, attempt: int
    ) -> None:
        retries_left = not failure.permanent and attempt < self._retry.max_retries
        headers = dict(message.headers or {})
        headers[topology.REASON] = failure.reason[:_MAX_REASON]
        headers[topology.CONSUMER] = self._sub.consumer
        if failure.transient:
            delay = self._retry.longest_ms
            target = topology.retry_queue(self._exchange, self._sub.consumer, delay)
        elif retries_left:
            headers[topology.ATTEMPT] = attempt + 1
            delay = self._retry.delay_ms(attempt + 1)
            target = topology.retry_queue(self._exchange, self._sub.consumer, delay)
        else:
            headers[topology.ATTEMPT] = attempt
            headers[topology.DEAD_AT] = datetime.now(UTC).isoformat()
            target = topology.dead_letter_queue(self._exchange, self._sub.consumer)
            log.error(
                "event dead-lettered",
                extra={"consumer": self._sub.consumer, "reason": failure.reason[:200]},
            )
        copy = forwarded(message, headers)
        await self._channel.default_exchange.publish(copy, routing_key=target)


def _unroutable(event: Event) -> None:
    # Confirmed, but no consumer queue is bound: nobody subscribes to the type,
    # or the consumers' queues are not declared yet (a fresh broker, a deleted
    # queue). Re-publishing cannot help; the outbox row stays for replay
    # (docs/operations.md).
    EVENTS_UNROUTABLE.labels(event.type).inc()
    log.warning(
        "event unroutable: no queue is bound for its type",
        extra={"event_type": event.type, "event_id": event.id},
    )


def _int_header(headers: Mapping[str, Any] | None, name: str) -> int:
    value = (headers or {}).get(name, 0)
    return value if isinstance(value, int) else 0


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(map(str, error["loc"])) or "body"
    return f"{where}: {error['msg']}"


def forwarded(message: AbstractIncomingMessage, headers: Mapping[str, Any]) -> aio_pika.Message:
    """`message` again, persistent, with `headers`: for a retry, dead-letter or work queue.

    The body, id, type and timestamp travel unchanged, so a consumer sees the
    same event whichever queue it comes back from.
    """
    return aio_pika.Message(
        body=message.body,
        headers=dict(headers),
        content_type=message.content_type,
        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
        message_id=message.message_id,
        type=message.type,
        timestamp=message.timestamp,
    )
