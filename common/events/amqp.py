"""The event bus on RabbitMQ: one durable topic exchange, one durable queue per consumer."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import aio_pika
from aio_pika.abc import (
    AbstractExchange,
    AbstractIncomingMessage,
    AbstractRobustChannel,
    AbstractRobustConnection,
)
from pydantic import ValidationError

from common.events.bus import EventHandler
from common.events.envelope import Event

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Subscription:
    consumer: str
    patterns: tuple[str, ...]
    handler: EventHandler


class AmqpEventBus:
    def __init__(
        self,
        url: str,
        *,
        exchange: str = "lifegraph.events",
        prefetch: int = 32,
        queue_expires_ms: int | None = None,
    ) -> None:
        self._url = url
        self._expiry = {"x-expires": queue_expires_ms} if queue_expires_ms else {}
        self._exchange_name = exchange
        self._prefetch = prefetch
        self._subscriptions: list[_Subscription] = []
        self._connection: AbstractRobustConnection | None = None
        self._channel: AbstractRobustChannel | None = None
        self._exchange: AbstractExchange | None = None

    async def connect(self) -> None:
        self._connection = await aio_pika.connect_robust(
            self._url, client_properties={"connection_name": "lifegraph"}
        )
        # Publisher confirms: `publish` returns only once the broker has the message.
        self._channel = await self._connection.channel(publisher_confirms=True)
        await self._channel.set_qos(prefetch_count=self._prefetch)
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
        )
        await self._exchange.publish(message, routing_key=event.type, mandatory=False)

    def subscribe(self, consumer: str, patterns: Sequence[str], handler: EventHandler) -> None:
        self._subscriptions.append(_Subscription(consumer, tuple(patterns), handler))

    async def start_consuming(self) -> None:
        if self._channel is None or self._exchange is None:
            raise RuntimeError("AmqpEventBus.start_consuming before connect()")
        for sub in self._subscriptions:
            queue_name = f"{self._exchange_name}.{sub.consumer}"
            dead_letter = f"{queue_name}.dlq"
            await self._channel.declare_queue(dead_letter, durable=True, arguments=self._expiry)
            queue = await self._channel.declare_queue(
                queue_name,
                durable=True,
                arguments={
                    "x-dead-letter-exchange": "",
                    "x-dead-letter-routing-key": dead_letter,
                    **self._expiry,
                },
            )
            for pattern in sub.patterns:
                await queue.bind(self._exchange, routing_key=pattern)
            await queue.consume(_Delivery(sub).on_message)

    async def healthy(self) -> bool:
        return self._connection is not None and not self._connection.is_closed


class _Delivery:
    def __init__(self, subscription: _Subscription) -> None:
        self._sub = subscription

    async def on_message(self, message: AbstractIncomingMessage) -> None:
        try:
            event = Event.model_validate_json(message.body)
        except ValidationError:
            log.error("malformed event dead-lettered", extra={"consumer": self._sub.consumer})
            await message.reject(requeue=False)
            return
        try:
            await self._sub.handler(event)
        except Exception:
            log.exception(
                "event handler failed", extra={"consumer": self._sub.consumer, "event_id": event.id}
            )
            await message.reject(requeue=False)
            return
        await message.ack()
