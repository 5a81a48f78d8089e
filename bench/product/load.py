"""Two ways to drive a journey: a closed loop (N connections) and open-loop arrivals at a rate.

Closed loop: each connection starts its next run when the last one ends, so the
load follows the server's speed (throughput at a concurrency). Open loop: runs
start on a fixed schedule whatever the server does, and latency counts from the
scheduled start, so a stalled server shows as latency instead of as fewer
requests (no coordinated omission). In-flight runs are capped at the journey's
slots; a run that waits for one counts that wait too.
"""

from __future__ import annotations

import asyncio
import time

from bench.product.journeys import Journey, Stage


async def closed_loop(
    journey: Journey, stage: Stage, concurrency: int, seconds: float
) -> list[float]:
    assert concurrency <= journey.slots(stage), f"{journey.name}: at most {journey.slots(stage)}"
    latencies: list[float] = []
    stop = time.monotonic() + seconds

    async def worker(slot: int) -> None:
        while time.monotonic() < stop:
            began = time.perf_counter()
            await journey.run(stage, slot)
            latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(worker(slot) for slot in range(concurrency)))
    return latencies


async def open_loop(journey: Journey, stage: Stage, rate: float, seconds: float) -> list[float]:
    free: asyncio.Queue[int] = asyncio.Queue()
    for slot in range(journey.slots(stage)):
        free.put_nowait(slot)
    latencies: list[float] = []
    failures: list[BaseException] = []

    async def arrival(due: float) -> None:
        slot = await free.get()
        try:
            await journey.run(stage, slot)
            latencies.append(time.perf_counter() - due)
        except Exception as exc:
            failures.append(exc)
        finally:
            free.put_nowait(slot)

    running: set[asyncio.Task[None]] = set()
    start = time.perf_counter()
    for n in range(int(rate * seconds)):
        due = start + n / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        task = asyncio.create_task(arrival(due))
        running.add(task)
        task.add_done_callback(running.discard)
    await asyncio.gather(*running)
    if failures:
        raise failures[0]
    return latencies
