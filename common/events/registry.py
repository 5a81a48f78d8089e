"""A list of consumers kept on the broker itself, so tools can find every dead-letter queue.

AMQP cannot list queues, so each consumer leaves one message (its name) in a
durable registry queue. Reading fetches every message without acking it and
closes the channel, which puts them back; duplicates found on the way are
acked, so the registry stays one message per consumer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import aio_pika
from aio_pika.abc import AbstractConnection, AbstractQueue

from common.events import topology

# Bounds a read even if something floods the queue.
_MAX_ENTRIES = 10_000


async def register_consumers(
    connection: AbstractConnection,
    exchange: str,
    consumers: Iterable[str],
    *,
    arguments: Mapping[str, Any],
) -> None:
    channel = await connection.channel(publisher_confirms=True)
    try:
        queue = await channel.declare_queue(
            topology.registry_queue(exchange), durable=True, arguments=dict(arguments)
        )
        known = await _read(queue)
        for name in sorted(set(consumers) - known):
            await channel.default_exchange.publish(
                aio_pika.Message(name.encode(), delivery_mode=aio_pika.DeliveryMode.PERSISTENT),
                routing_key=queue.name,
            )
    finally:
        await channel.close()


async def registered_consumers(connection: AbstractConnection, exchange: str) -> set[str]:
    channel = await connection.channel()
    try:
        queue = await channel.declare_queue(topology.registry_queue(exchange), passive=True)
        return await _read(queue)
    finally:
        if not channel.is_closed:
            await channel.close()


async def _read(queue: AbstractQueue) -> set[str]:
    names: set[str] = set()
    for _ in range(_MAX_ENTRIES):
        message = await queue.get(no_ack=False, fail=False)
        if message is None:
            break
        name = message.body.decode(errors="replace")
        if name in names:
            await message.ack()
        names.add(name)
    return names
