"""An in-process event bus for the embedded default and unit tests.

Delivery is asynchronous, as on the broker: each consumer drains its own queue
in a task, so a slow or failing consumer never blocks the publisher.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from common.events.bus import EventHandler, topic_matches
from common.events.envelope import Event

log = logging.getLogger(__name__)


@dataclass
class _Consumer:
    name: str
    patterns: tuple[str, ...]
    handler: EventHandler
    queue: asyncio.Queue[Event] = field(default_factory=asyncio.Queue)
    dead_letters: list[tuple[Event, str]] = field(default_factory=list)


class InMemoryEventBus:
    def __init__(self) -> None:
        self._consumers: list[_Consumer] = []
        self._tasks: list[asyncio.Task[None]] = []

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()

    async def publish(self, event: Event) -> None:
        for consumer in self._consumers:
            if any(topic_matches(p, event.type) for p in consumer.patterns):
                consumer.queue.put_nowait(event)

    def subscribe(self, consumer: str, patterns: Sequence[str], handler: EventHandler) -> None:
        self._consumers.append(_Consumer(consumer, tuple(patterns), handler))

    async def start_consuming(self) -> None:
        for consumer in self._consumers:
            self._tasks.append(
                asyncio.create_task(self._run(consumer), name=f"bus:{consumer.name}")
            )

    async def healthy(self) -> bool:
        return True

    async def drain(self) -> None:
        """Wait until every event published so far has been handled."""
        await asyncio.gather(*(c.queue.join() for c in self._consumers))

    def dead_letters(self, consumer: str) -> list[tuple[Event, str]]:
        return [d for c in self._consumers if c.name == consumer for d in c.dead_letters]

    async def _run(self, consumer: _Consumer) -> None:
        while True:
            event = await consumer.queue.get()
            try:
                await consumer.handler(event)
            except Exception as exc:
                log.exception(
                    "event handler failed", extra={"consumer": consumer.name, "event_id": event.id}
                )
                consumer.dead_letters.append((event, repr(exc)))
            finally:
                consumer.queue.task_done()
