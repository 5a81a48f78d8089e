"""Background tasks under supervision: crashes are logged, restarted, and reported by /health."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
import pytest

from common.app import Runtime, SubgraphDefinition
from common.graphql.schema import build_schema
from common.supervision import RestartPolicy, Supervisor, TaskState
from common.testing.fixtures import ServeSubgraph
from common.testing.waiting import eventually, wait_until
from tests.common.test_app import Query

FAST = RestartPolicy(initial_seconds=0.01, cap_seconds=0.05)


@dataclass
class Flaky:
    """Crashes on its first `crashes` runs, then runs until cancelled."""

    crashes: int
    runs: int = 0
    steady: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self) -> None:
        self.runs += 1
        if self.runs <= self.crashes:
            raise RuntimeError(f"relay lost its cursor (run {self.runs})")
        self.steady.set()
        await asyncio.Event().wait()


async def test_a_crashed_task_is_logged_with_its_traceback_and_restarted(
    caplog: pytest.LogCaptureFixture,
) -> None:
    flaky = Flaky(crashes=3)
    supervisor = Supervisor(FAST)
    with caplog.at_level(logging.ERROR, logger="common.supervision"):
        supervisor.spawn("relay", flaky.run)
        await asyncio.wait_for(flaky.steady.wait(), 5)
    await supervisor.stop()
    crashes = [r for r in caplog.records if r.getMessage() == "background task crashed; restarting"]
    assert len(crashes) == 3
    assert all(r.exc_info and "relay lost its cursor" in str(r.exc_info[1]) for r in crashes)
    assert [getattr(r, "failures", None) for r in crashes] == [1, 2, 3]
    assert flaky.runs == 4


async def test_health_names_a_task_while_it_waits_to_restart() -> None:
    flaky = Flaky(crashes=1)
    supervisor = Supervisor(RestartPolicy(initial_seconds=30, cap_seconds=30))
    supervisor.spawn("coach", flaky.run)
    await wait_until(_in_state(supervisor, TaskState.RESTARTING))
    assert supervisor.health() == {"task:coach": "restarting"}
    assert supervisor.tasks[0].last_error == "RuntimeError: relay lost its cursor (run 1)"
    await supervisor.stop()


async def test_a_task_that_keeps_crashing_is_given_up_and_reported_failed() -> None:
    supervisor = Supervisor(RestartPolicy(initial_seconds=0.01, give_up_after=3))
    flaky = Flaky(crashes=100)
    supervisor.spawn("dispatcher", flaky.run)
    await wait_until(_in_state(supervisor, TaskState.FAILED))
    assert flaky.runs == 3
    assert supervisor.health() == {"task:dispatcher": "failed"}
    await supervisor.stop()


async def test_the_back_off_doubles_up_to_its_cap() -> None:
    policy = RestartPolicy(initial_seconds=1, cap_seconds=5)
    ceilings = [max(policy.delay(n) for _ in range(200)) for n in range(1, 6)]
    assert [round(c) for c in ceilings] == [1, 2, 4, 5, 5]
    assert all(policy.delay(n) >= min(5, 2 ** (n - 1)) / 2 for n in range(1, 6))


async def test_stop_waits_for_a_task_and_does_not_restart_it() -> None:
    started, stopped = asyncio.Event(), asyncio.Event()

    async def loop() -> None:
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            stopped.set()

    supervisor = Supervisor(FAST)
    supervisor.spawn("loop", loop)
    await started.wait()
    await supervisor.stop()
    assert stopped.is_set()
    assert supervisor.health() == {}


async def test_stopping_is_itself_cancellable() -> None:
    started, cleaning = asyncio.Event(), asyncio.Event()

    async def stubborn() -> None:
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            cleaning.set()
            await asyncio.Event().wait()  # cleanup that never ends

    supervisor = Supervisor(FAST)
    supervisor.spawn("stubborn", stubborn)
    await started.wait()
    stopping = asyncio.create_task(supervisor.stop())
    await cleaning.wait()
    stopping.cancel()
    with pytest.raises(asyncio.CancelledError):
        await stopping
    for task in asyncio.all_tasks():
        if task.get_name() == "stubborn":
            task.cancel()


def _in_state(supervisor: Supervisor, state: TaskState) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return supervisor.tasks[0].state is state

    return check


@dataclass
class Services:
    greeting: str


def _definition(flaky: Flaky, policy: RestartPolicy) -> SubgraphDefinition[Services]:
    async def build(runtime: Runtime) -> Services:
        runtime.spawn(flaky.run, name="reminders", policy=policy)
        return Services(greeting="hello")

    return SubgraphDefinition(
        name="flaky", schema=build_schema("flaky", query=Query), models=[], build=build
    )


async def test_subgraph_health_is_unready_while_a_background_task_is_down(
    serve_subgraph: ServeSubgraph,
) -> None:
    flaky = Flaky(crashes=1)
    slow_restart = RestartPolicy(initial_seconds=30, cap_seconds=30)
    async with serve_subgraph(_definition(flaky, slow_restart)) as url, httpx.AsyncClient() as http:

        async def health() -> httpx.Response:
            return await http.get(f"{url}/health")

        down = await eventually(health, lambda r: r.status_code == 503)
        body = down.json()
        assert body["ready"] is False
        assert body["checks"]["task:flaky:reminders"] == "restarting"
        assert body["checks"]["task:flaky:outbox-relay"] == "ok"


async def test_subgraph_health_is_ready_again_once_the_task_restarted(
    serve_subgraph: ServeSubgraph,
) -> None:
    flaky = Flaky(crashes=2)
    async with serve_subgraph(_definition(flaky, FAST)) as url, httpx.AsyncClient() as http:
        await asyncio.wait_for(flaky.steady.wait(), 5)
        response = await http.get(f"{url}/health")
        assert response.status_code == 200
        assert response.json()["ready"] is True
        assert response.json()["checks"]["task:flaky:reminders"] == "ok"
