"""An in-process event bus for the embedded default and unit tests.

Delivery is asynchronous, as on the broker: each consumer drains its own queue
in worker tasks (one user's events in order, different users concurrently), so
a slow or failing consumer never blocks the publisher. It keeps
the broker's semantics where they matter: processed ids make redeliveries
harmless, failures are retried after the same delays, and events that run out
of retries (or can never apply) are kept as dead letters with their reason.
What it cannot do is survive the process: queued events die with it. So the
outbox relay hands events over with `publish_applied` and marks a row sent
only once every consumer applied it; after a crash the row is still pending
and is delivered again, and consumers skip what they had already applied.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from common.cancellation import cancel_and_wait
from common.events.bus import AnyHandler, topic_matches
from common.events.consumer import (
    Applied,
    Database,
    DatabaseFor,
    Failed,
    RetryPolicy,
    Subscription,
    make_subscription,
)
from common.events.envelope import Event

log = logging.getLogger(__name__)


@dataclass
class _Delivery:
    """One `publish_applied`: resolved when the last consumer it was routed to is done.

    Done is applied, or dead-lettered: a dead letter is kept (in memory, as
    before) rather than retried at every start.
    """

    remaining: int
    applied: asyncio.Future[None]

    def settle_one(self) -> None:
        self.remaining -= 1
        if self.remaining == 0 and not self.applied.done():
            self.applied.set_result(None)


_Queued = tuple[Event, int, _Delivery | None]


@dataclass
class _Consumer:
    sub: Subscription
    queue: asyncio.Queue[_Queued] = field(default_factory=asyncio.Queue)
    dead_letters: list[tuple[Event, str]] = field(default_factory=list)


class InMemoryEventBus:
    def __init__(
        self,
        *,
        retry: RetryPolicy | None = None,
        database_for: DatabaseFor | None = None,
        workers: int = 16,
    ) -> None:
        self._retry = retry or RetryPolicy()
        # Events of different users are applied concurrently, as with the broker's prefetch.
        self._workers = workers
        self._database_for = database_for
        self._consumers: list[_Consumer] = []
        # One task per `start_consuming`, each running its workers in a TaskGroup.
        self._worker_groups: list[asyncio.Task[None]] = []
        self._timers: set[asyncio.TimerHandle] = set()
        # Events queued, being handled or waiting for a retry: `drain` waits for zero.
        self._outstanding = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._started = asyncio.Event()
        self._deliveries: set[asyncio.Future[None]] = set()

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        for timer in self._timers:
            timer.cancel()
        self._timers.clear()
        groups, self._worker_groups = self._worker_groups, []
        for group in groups:
            await cancel_and_wait(group)
        # Never applied here: their outbox rows stay pending for the next start.
        for applied in self._deliveries:
            applied.cancel()
        self._deliveries.clear()

    async def publish(self, event: Event) -> None:
        for consumer in self._routed(event):
            self._enqueue(consumer, event, 0, None)

    def publish_applied(self, event: Event) -> asyncio.Future[None]:
        """Queue `event`; resolves once each consumer it reaches applied (or dead-lettered) it."""
        applied: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        routed = self._routed(event)
        if not routed:
            applied.set_result(None)
            return applied
        self._deliveries.add(applied)
        applied.add_done_callback(self._deliveries.discard)
        delivery = _Delivery(len(routed), applied)
        for consumer in routed:
            self._enqueue(consumer, event, 0, delivery)
        return applied

    def _routed(self, event: Event) -> list[_Consumer]:
        return [
            c for c in self._consumers if any(topic_matches(p, event.type) for p in c.sub.patterns)
        ]

    def subscribe(
        self,
        consumer: str,
        patterns: Sequence[str],
        handler: AnyHandler,
        *,
        database: Database | None = None,
    ) -> None:
        sub = make_subscription(
            consumer, patterns, handler, database=database, database_for=self._database_for
        )
        self._consumers.append(_Consumer(sub))

    async def start_consuming(self) -> None:
        workers = asyncio.create_task(self._run_workers(list(self._consumers)), name="bus:workers")
        self._worker_groups.append(workers)
        self._started.set()

    async def _run_workers(self, consumers: list[_Consumer]) -> None:
        try:
            async with asyncio.TaskGroup() as group:
                for consumer in consumers:
                    name = consumer.sub.consumer
                    for n in range(self._workers):
                        group.create_task(self._run(consumer), name=f"bus:{name}:{n}")
        except (Exception, BaseExceptionGroup):
            # A worker that crashes takes its siblings down with it: loud in the
            # log and in `healthy`, rather than a silently shrinking pool.
            log.exception("in-process event bus workers stopped")

    async def started(self) -> None:
        await self._started.wait()

    async def healthy(self) -> bool:
        return not any(group.done() for group in self._worker_groups)

    async def drain(self) -> None:
        """Wait until every event published so far is applied or dead-lettered."""
        await self._idle.wait()

    def dead_letters(self, consumer: str) -> list[tuple[Event, str]]:
        return [d for c in self._consumers if c.sub.consumer == consumer for d in c.dead_letters]

    def replay_dead_letters(self, consumer: str) -> int:
        """Queue a consumer's dead letters again, each with a fresh retry budget."""
        replayed = 0
        for c in self._consumers:
            if c.sub.consumer == consumer:
                letters, c.dead_letters = c.dead_letters, []
                for event, _ in letters:
                    self._enqueue(c, event, 0, None)
                replayed += len(letters)
        return replayed

    def _enqueue(
        self, consumer: _Consumer, event: Event, attempt: int, delivery: _Delivery | None
    ) -> None:
        self._outstanding += 1
        self._idle.clear()
        consumer.queue.put_nowait((event, attempt, delivery))

    def _settled(self) -> None:
        self._outstanding -= 1
        if self._outstanding == 0:
            self._idle.set()

    async def _run(self, consumer: _Consumer) -> None:
        while True:
            event, attempt, delivery = await consumer.queue.get()
            try:
                # Taken with no await since `get`: one user's events apply in queue order.
                async with consumer.sub.lanes(event):
                    outcome = await consumer.sub.apply(event)
                if isinstance(outcome, Failed):
                    self._after_failure(consumer, event, attempt, delivery, outcome)
                elif isinstance(outcome, Applied) and delivery is not None:
                    delivery.settle_one()
            finally:
                consumer.queue.task_done()
                self._settled()

    def _after_failure(
        self,
        consumer: _Consumer,
        event: Event,
        attempt: int,
        delivery: _Delivery | None,
        failure: Failed,
    ) -> None:
        if failure.transient:
            self._retry_later(consumer, event, attempt, delivery, self._retry.longest_ms)
            return
        if failure.permanent or attempt >= self._retry.max_retries:
            log.error(
                "event dead-lettered",
                extra={"consumer": consumer.sub.consumer, "event_id": event.id},
            )
            consumer.dead_letters.append((event, failure.reason))
            if delivery is not None:
                delivery.settle_one()
            return
        delay_ms = self._retry.delay_ms(attempt + 1)
        self._retry_later(consumer, event, attempt + 1, delivery, delay_ms)

    def _retry_later(
        self,
        consumer: _Consumer,
        event: Event,
        attempt: int,
        delivery: _Delivery | None,
        delay_ms: int,
    ) -> None:
        # Counted as outstanding while it waits, so `drain` covers retries too.
        self._outstanding += 1

        def fire() -> None:
            self._timers.discard(timer)
            self._enqueue(consumer, event, attempt, delivery)
            self._settled()

        timer = asyncio.get_running_loop().call_later(delay_ms / 1000, fire)
        self._timers.add(timer)
