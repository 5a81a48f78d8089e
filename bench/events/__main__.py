"""End-to-end event throughput and latency: `python -m bench.events [--events N]`.

Publish (outbox insert) -> relay -> bus -> consumer -> projection updated (a
transactional per-user counter that commits with the processed-id record).
Each mode runs a burst (throughput, latency under load) and a paced stream
(latency when the system keeps up). Needs RabbitMQ at AMQP_URL (default
127.0.0.1:5672); starts its own secantusd.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aio_pika
from pymongo.asynchronous.client_session import AsyncClientSession

from bench.kit import percentile_ms
from common.app import relay_settings
from common.events import Event, OutboxPublisher, OutboxRelay, topology, transactional
from common.infra import Infrastructure, open_infrastructure
from common.mongo_server import SecantusServer
from common.settings import Settings
from common.testing.events import task_completed

CONSUMER = "bench.projection"
USERS = 100
PUBLISHERS = 8
PACED_RATE = 150  # events per second


@dataclass(frozen=True)
class Result:
    mode: str
    events: int
    per_second: float
    burst_p50_ms: float
    burst_p99_ms: float
    paced_p50_ms: float
    paced_p99_ms: float


class Probe:
    """Publish times in, projection-updated times out."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.latencies: list[float] = []
        self.done_at = 0.0
        self._expected = 0
        self._all_done = asyncio.Event()

    def expect(self, n: int) -> None:
        self.started.clear()
        self.latencies = []
        self._expected = n
        self._all_done.clear()

    def arrived(self, event_id: str) -> None:
        now = time.perf_counter()
        if event_id in self.started:
            self.latencies.append(now - self.started[event_id])
            self.done_at = now
            if len(self.latencies) == self._expected:
                self._all_done.set()

    async def wait(self, within: float) -> None:
        async with asyncio.timeout(within):
            await self._all_done.wait()


Publish = Callable[[Event], Awaitable[None]]


async def run_mode(name: str, settings: Settings, n: int, *, outbox: bool) -> Result:
    probe = Probe()
    async with _infrastructure(settings) as infra:
        db = infra.mongo[settings.database_name("bench")]

        async def project(event: Event, session: AsyncClientSession) -> None:
            await db["counters"].update_one(
                {"_id": event.user_id}, {"$inc": {"n": 1}}, upsert=True, session=session
            )
            probe.arrived(event.id)

        infra.bus.subscribe(CONSUMER, ["goals.task.completed"], transactional(project))
        await infra.bus.start_consuming()
        publish: Publish = infra.bus.publish
        relay_task: asyncio.Task[None] | None = None
        if outbox:
            publisher = OutboxPublisher(db, shards=settings.outbox_shards)
            await publisher.ensure_indexes()
            relay = OutboxRelay(
                db, infra.bus, wake=publisher.woken, settings=relay_settings(settings)
            )
            relay_task = asyncio.create_task(relay.run())
            publish = publisher.publish
        try:
            per_second, burst = await _burst(probe, publish, n)
            paced = await _paced(probe, publish, min(n, 3 * PACED_RATE))
        finally:
            if relay_task is not None:
                relay_task.cancel()
                await asyncio.gather(relay_task, return_exceptions=True)
    return Result(name, n, per_second, *_p50_p99(burst), *_p50_p99(paced))


async def _burst(probe: Probe, publish: Publish, n: int) -> tuple[float, list[float]]:
    events = [task_completed(user=f"u{i % USERS}", task=f"b{i}") for i in range(n)]
    probe.expect(n)
    queue: asyncio.Queue[Event] = asyncio.Queue()
    for event in events:
        queue.put_nowait(event)

    async def publisher() -> None:
        while not queue.empty():
            event = queue.get_nowait()
            probe.started[event.id] = time.perf_counter()
            await publish(event)

    start = time.perf_counter()
    await asyncio.gather(*(publisher() for _ in range(PUBLISHERS)))
    await probe.wait(within=300)
    return n / (probe.done_at - start), probe.latencies


async def _paced(probe: Probe, publish: Publish, n: int) -> list[float]:
    probe.expect(n)
    start = time.perf_counter()
    for i in range(n):
        # Open loop: each event leaves at its scheduled time whatever the last one did.
        delay = start + i / PACED_RATE - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        event = task_completed(user=f"u{i % USERS}", task=f"p{i}")
        probe.started[event.id] = time.perf_counter()
        await publish(event)
    await probe.wait(within=120)
    return probe.latencies


def _p50_p99(latencies: list[float]) -> tuple[float, float]:
    return statistics.median(latencies) * 1000, percentile_ms(latencies, 0.99)


@asynccontextmanager
async def _infrastructure(settings: Settings) -> AsyncIterator[Infrastructure]:
    async with open_infrastructure(settings) as infra:
        try:
            yield infra
        finally:
            await infra.mongo.drop_database(settings.database_name("bench"))
    if settings.amqp_url:
        await _delete_topology(settings)


async def _delete_topology(settings: Settings) -> None:
    assert settings.amqp_url
    connection = await aio_pika.connect(settings.amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = settings.events_exchange
        names = [
            topology.work_queue(exchange, CONSUMER),
            topology.dead_letter_queue(exchange, CONSUMER),
            topology.registry_queue(exchange),
            *(topology.retry_queue(exchange, CONSUMER, d) for d in settings.events_retry_delays_ms),
        ]
        for name in names:
            await channel.queue_delete(name)
        await channel.exchange_delete(exchange)


def _table(results: list[Result]) -> str:
    header = (
        f"{'mode':<44} {'events':>7} {'events/s':>9} "
        f"{'burst p50':>10} {'burst p99':>10} {'paced p50':>10} {'paced p99':>10}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.mode:<44} {r.events:>7} {r.per_second:>9.0f} "
            f"{r.burst_p50_ms:>8.1f}ms {r.burst_p99_ms:>8.1f}ms "
            f"{r.paced_p50_ms:>8.1f}ms {r.paced_p99_ms:>8.1f}ms"
        )
    return "\n".join(lines)


async def main(n: int) -> None:
    amqp_url = os.environ.get("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
    run = uuid.uuid4().hex[:8]
    with SecantusServer() as mongo:
        base = Settings(
            mongodb_url=mongo.url,
            database_prefix=f"bench{run}",
            amqp_url=amqp_url,
            events_exchange=f"lifegraph.bench.{run}",
            events_queue_expires_ms=120_000,
            log_json=False,
        )
        in_process = base.model_copy(update={"amqp_url": None})
        results = [
            await run_mode("outbox + RabbitMQ (durable, persistent)", base, n, outbox=True),
            await run_mode("outbox + in-process bus", in_process, n, outbox=True),
            await run_mode("in-process bus, no outbox (reference)", in_process, n, outbox=False),
        ]
    print(
        f"publish -> projection updated; {USERS} users, {PUBLISHERS} concurrent publishers, "
        f"paced stream at {PACED_RATE}/s; transactional projection + processed-id record"
    )
    print(_table(results))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=3_000, help="events per burst")
    asyncio.run(main(parser.parse_args().events))
