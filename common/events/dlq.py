"""Dead-letter queues over plain AMQP: list, peek, replay into the work queue, purge."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractConnection, AbstractIncomingMessage
from aiormq.exceptions import ChannelNotFoundEntity

from common.events import topology
from common.events.amqp import forwarded
from common.events.registry import registered_consumers


@dataclass(frozen=True)
class DeadLetterQueue:
    consumer: str
    queue: str
    messages: int


@dataclass(frozen=True)
class DeadLetterMessage:
    event_id: str | None
    type: str | None
    reason: str
    attempts: int
    dead_at: str | None
    body: str
    headers: dict[str, Any]

    @classmethod
    def of(cls, message: AbstractIncomingMessage) -> DeadLetterMessage:
        headers = dict(message.headers or {})
        attempts = headers.get(topology.ATTEMPT, 0)
        return cls(
            event_id=message.message_id,
            type=message.type,
            reason=str(headers.get(topology.REASON, "")),
            attempts=attempts if isinstance(attempts, int) else 0,
            dead_at=str(headers[topology.DEAD_AT]) if topology.DEAD_AT in headers else None,
            body=message.body.decode(errors="replace"),
            headers={k: str(v) for k, v in headers.items()},
        )


Select = Callable[[DeadLetterMessage], bool]


def everything(_: DeadLetterMessage) -> bool:
    return True


class DeadLetters:
    def __init__(self, url: str, exchange: str) -> None:
        self._url = url
        self._exchange = exchange
        self._connection: AbstractConnection | None = None

    async def __aenter__(self) -> DeadLetters:
        self._connection = await aio_pika.connect(self._url, timeout=10)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._connection is not None:
            await self._connection.close()

    @property
    def connection(self) -> AbstractConnection:
        if self._connection is None:
            raise RuntimeError("DeadLetters used outside `async with`")
        return self._connection

    async def queues(self) -> list[DeadLetterQueue]:
        try:
            consumers = await registered_consumers(self.connection, self._exchange)
        except ChannelNotFoundEntity:
            return []
        found = [await self.queue(c) for c in sorted(consumers)]
        return [q for q in found if q is not None]

    async def queue(self, consumer: str) -> DeadLetterQueue | None:
        name = topology.dead_letter_queue(self._exchange, consumer)
        channel = await self.connection.channel()
        try:
            queue = await channel.declare_queue(name, passive=True)
        except ChannelNotFoundEntity:
            return None
        finally:
            if not channel.is_closed:
                await channel.close()
        count = queue.declaration_result.message_count or 0
        return DeadLetterQueue(consumer=consumer, queue=name, messages=count)

    async def peek(
        self, consumer: str, *, limit: int, select: Select = everything
    ) -> list[DeadLetterMessage]:
        """Messages stay in the queue: they are fetched unacked and returned on channel close."""
        shown: list[DeadLetterMessage] = []

        async def look(message: AbstractIncomingMessage, _: AbstractChannel) -> bool:
            letter = DeadLetterMessage.of(message)
            if select(letter) and len(shown) < limit:
                shown.append(letter)
            return False

        await self._walk(consumer, look)
        return shown

    async def replay(self, consumer: str, *, select: Select = everything) -> int:
        """Republish matching messages to the consumer's work queue with a fresh retry budget."""
        work_queue = topology.work_queue(self._exchange, consumer)

        async def send_back(message: AbstractIncomingMessage, channel: AbstractChannel) -> bool:
            if not select(DeadLetterMessage.of(message)):
                return False
            headers = {
                k: v
                for k, v in (message.headers or {}).items()
                if k not in (topology.ATTEMPT, topology.DEAD_AT, topology.REASON)
            }
            copy = forwarded(message, headers)
            await channel.default_exchange.publish(copy, routing_key=work_queue)
            await message.ack()
            return True

        return await self._walk(consumer, send_back)

    async def purge(self, consumer: str, *, select: Select = everything) -> int:
        async def drop(message: AbstractIncomingMessage, _: AbstractChannel) -> bool:
            if not select(DeadLetterMessage.of(message)):
                return False
            await message.ack()
            return True

        return await self._walk(consumer, drop)

    async def _walk(
        self,
        consumer: str,
        visit: Callable[[AbstractIncomingMessage, AbstractChannel], Any],
    ) -> int:
        """Visit each message present at the start once; unvisited and unacked ones go back."""
        name = topology.dead_letter_queue(self._exchange, consumer)
        channel = await self.connection.channel(publisher_confirms=True)
        try:
            queue = await channel.declare_queue(name, passive=True)
            present = queue.declaration_result.message_count or 0
            done = 0
            for _ in range(present):
                message = await queue.get(no_ack=False, fail=False)
                if message is None:
                    break
                if await visit(message, channel):
                    done += 1
            return done
        finally:
            if not channel.is_closed:
                await channel.close()
