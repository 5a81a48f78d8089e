"""A subgraph SIGSTOPped, or SIGKILLed and restarted, under load; every part its own process.

A stopped process still accepts TCP connections (the kernel does) but never
answers: only the router's subgraph timeout stands between clients and a hang.
Queries touching the stopped subgraph must get partial data and
SUBGRAPH_UNAVAILABLE within that timeout, the others must keep succeeding, the
router's /health must say so, and after SIGCONT everything recovers.
"""

from __future__ import annotations

import asyncio
import signal
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from common.mongo_server import free_port
from common.settings import Settings
from common.testing.fixtures import cleanup
from common.testing.waiting import wait_until
from lifegraph.discovery import discover_subgraphs
from lifegraph.supergraph import compose_lifegraph
from subgraphs.users.app import JWKS_PATH
from tests.e2e.conftest import Client, signing_keys

from . import stack

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

TIMEOUT = 2.0  # the router's subgraph timeout here: above a sign-up's password hashing
SLACK = 1.5  # scheduling on a shared 2-core machine
WORKERS = 4  # per kind of query
STALLED_ERRORS = 8  # errored queries to see before resuming the subgraph
SERVED = ("users", "community")
USERS_ONLY = "{ me { id displayName } }"
# `post` is nullable, so community failing leaves `me` in place: partial data.
TOUCHING = '{ me { displayName } post(id: "000000000000000000000000") { id } }'


@dataclass(frozen=True)
class Outcome:
    query: str
    started: float
    ended: float
    body: dict[str, Any]

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    @property
    def codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.body.get("errors", [])]


class Load:
    def __init__(self, client: Client) -> None:
        self._client = client
        self.outcomes: list[Outcome] = []
        self._stopping = asyncio.Event()

    async def _loop(self, query: str) -> None:
        while not self._stopping.is_set():
            started = time.monotonic()
            body = await self._client.call(query)
            self.outcomes.append(Outcome(query, started, time.monotonic(), body))

    def start(self) -> list[asyncio.Task[None]]:
        queries = [USERS_ONLY] * WORKERS + [TOUCHING] * WORKERS
        return [asyncio.create_task(self._loop(q)) for q in queries]

    def of(self, query: str, *, after: float = 0.0) -> Iterator[Outcome]:
        return (o for o in self.outcomes if o.query == query and o.started >= after)

    def errored(self, *, after: float) -> list[Outcome]:
        return [o for o in self.of(TOUCHING, after=after) if o.codes]

    async def stop(self, tasks: list[asyncio.Task[None]]) -> None:
        self._stopping.set()
        async with asyncio.timeout(TIMEOUT + 30):
            await asyncio.gather(*tasks)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={
            "router_subgraph_timeout_seconds": TIMEOUT,
            # The breaker opens during the fault; a cool-down within TIMEOUT + SLACK
            # keeps "recovered once repaired" measurable here (docs/operations.md).
            "router_circuit_breaker_cooldown_seconds": 1.0,
            "router_rate_limit": None,
            "jwt_private_jwks": SecretStr(signing_keys()),
        }
    )


async def _health(router: str) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=10) as http:
        body: dict[str, Any] = (await http.get(f"{router}/health")).json()
    return body


async def _reachable(router: str) -> bool:
    health = await _health(router)
    reachable: bool = health["subgraphs"]["community"]["reachable"]
    return reachable


@dataclass(frozen=True)
class System:
    router: str
    community: stack.Process
    client: Client


@pytest.fixture
async def system(settings: Settings, tmp_path: Path) -> AsyncIterator[System]:
    """users, community and the router, each its own process, and a signed-in client."""
    ports = {name: free_port() for name in SERVED}
    urls = {name: f"http://127.0.0.1:{port}/graphql" for name, port in ports.items()}
    settings = settings.model_copy(
        update={"jwks_url": f"http://127.0.0.1:{ports['users']}{JWKS_PATH}"}
    )
    definitions = discover_subgraphs()
    sdl = tmp_path / "supergraph.graphql"
    served = {name: definitions[name] for name in SERVED}
    sdl.write_text(await compose_lifegraph(served, urls.__getitem__))
    processes = {name: stack.subgraph(name, port, settings) for name, port in ports.items()}
    router = stack.router(free_port(), sdl, urls, settings)
    async with (
        cleanup(settings),
        stack.running(*processes.values(), router),
        httpx.AsyncClient(timeout=30) as http,
    ):
        client = await _signed_up(http, router.url, users=f"http://127.0.0.1:{ports['users']}")
        assert (await client.ok(TOUCHING))["post"] is None
        assert (await _health(router.url))["status"] == "ok"
        yield System(router.url, processes["community"], client)


@dataclass(frozen=True)
class Timings:
    first_error: float  # from the fault to the first partial answer
    health_noticed: float  # from the fault to /health degraded
    recovered: float  # from the repair to the first full answer touching community
    healthy_again: float  # from the repair to /health ok
    repair: float  # how long the repair itself took (a restart boots a process)
    during: list[Outcome]  # users-only queries between fault and repair
    errored: list[Outcome]  # every partial answer


async def _under_load(
    system: System, fault: Callable[[], Awaitable[None]], repair: Callable[[], Awaitable[None]]
) -> Timings:
    """Break community under load, repair it, and check every answer given meanwhile."""
    load = Load(system.client)
    tasks = load.start()
    try:
        await wait_until(_polled(lambda: _count(load.of(TOUCHING)) >= WORKERS), within=20)
        await fault()
        broken = time.monotonic()
        _, health_noticed = await asyncio.gather(
            wait_until(
                _polled(lambda: len(load.errored(after=broken)) >= STALLED_ERRORS), within=30
            ),
            _seconds_until(lambda: _unreachable(system.router), since=broken),
        )
        first_error = min(o.ended for o in load.errored(after=0.0)) - broken
        assert (await _health(system.router))["status"] == "degraded"

        repairing = time.monotonic()
        await repair()
        repaired = time.monotonic()
        recovered, healthy_again = await asyncio.gather(
            _seconds_until(
                _polled(lambda: any(not o.codes for o in load.of(TOUCHING, after=repaired))),
                since=repaired,
            ),
            _seconds_until(lambda: _reachable(system.router), since=repaired),
        )
        settled = repaired + TIMEOUT + SLACK
        await wait_until(
            _polled(lambda: _count(load.of(TOUCHING, after=settled)) >= WORKERS), within=30
        )
    finally:
        await load.stop(tasks)

    for outcome in load.errored(after=0.0):
        assert outcome.body["data"] == {"me": {"displayName": "Ada"}, "post": None}, outcome
        assert outcome.codes == ["SUBGRAPH_UNAVAILABLE"], outcome
        assert outcome.body["errors"][0]["path"] == ["post"], outcome
        assert outcome.seconds <= TIMEOUT + SLACK, outcome
        assert broken - SLACK <= outcome.ended <= repaired + TIMEOUT + SLACK, outcome
    users_only = list(load.of(USERS_ONLY))
    assert all(not o.codes for o in users_only), [o for o in users_only if o.codes][:3]
    during = [o for o in users_only if broken <= o.started <= repaired]
    assert during, "no users-only query ran while community was down"
    touching_after = list(load.of(TOUCHING, after=settled))
    assert all(not o.codes for o in touching_after), [o for o in touching_after if o.codes][:3]
    return Timings(
        first_error,
        health_noticed,
        recovered,
        healthy_again,
        repaired - repairing,
        during,
        load.errored(after=0.0),
    )


def _report(fault: str, timings: Timings) -> str:
    during, errored = timings.during, timings.errored
    return (
        f"\n{fault} (router subgraph timeout {TIMEOUT:g}s): first partial answer "
        f"{timings.first_error:.2f}s after; errored queries took "
        f"{min(o.seconds for o in errored):.2f}-{max(o.seconds for o in errored):.2f}s "
        f"({len(errored)} of them); users-only queries meanwhile: {len(during)}, all ok, "
        f"p50 {statistics.median(o.seconds for o in during) * 1000:.0f} ms, "
        f"max {max(o.seconds for o in during) * 1000:.0f} ms; /health degraded "
        f"{timings.health_noticed:.2f}s after. The repair took {timings.repair:.2f}s; "
        f"after it a query touching community "
        f"succeeded {timings.recovered:.2f}s later, /health ok {timings.healthy_again:.2f}s later"
    )


async def test_a_stopped_subgraph_times_out_into_partial_data_and_recovers(
    system: System,
) -> None:
    async def stop() -> None:
        system.community.signal(signal.SIGSTOP)

    async def resume() -> None:
        system.community.signal(signal.SIGCONT)

    timings = await _under_load(system, stop, resume)
    print(_report("SIGSTOP community", timings))  # the issue asks for these numbers


async def test_a_killed_subgraph_fails_fast_into_partial_data_and_recovers_on_restart(
    system: System,
) -> None:
    timings = await _under_load(system, system.community.kill, system.community.start)
    print(_report("SIGKILL community, then a restart", timings))  # the issue asks for these


async def _signed_up(http: httpx.AsyncClient, router: str, *, users: str) -> Client:
    """A client of the router, signed up at the users subgraph itself.

    Signing up is set-up here, not the subject: through the router, password
    hashing on a busy machine can outlast the short subgraph timeout under test.
    """
    direct = Client(http, users)
    await direct.sign_up("Ada")
    client = Client(http, router)
    client.token = direct.token
    return client


async def _seconds_until(check: Callable[[], Awaitable[bool]], *, since: float) -> float:
    await wait_until(check, within=30)
    return time.monotonic() - since


def _polled(condition: Callable[[], bool]) -> Callable[[], Awaitable[bool]]:
    """`condition` on what the load has recorded, as the awaitable check `wait_until` takes."""

    async def check() -> bool:
        return condition()

    return check


def _count(outcomes: Iterator[Outcome]) -> int:
    return sum(1 for _ in outcomes)


async def _unreachable(router: str) -> bool:
    return not await _reachable(router)
