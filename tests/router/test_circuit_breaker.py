"""A circuit breaker per subgraph: fail fast after consecutive failures, probe after a cool-down.

Time is a clock the test moves by hand; the failing subgraph is a real server the
test stops and starts again on the same port.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

from common.mongo_server import free_port
from common.settings import Settings
from common.testing.waiting import wait_until
from lifegraph.cli import with_traffic_shaping
from lifegraph.router_setup import router_setup
from router.app import create_router_app
from router.config import RouterConfig
from router.executor.breaker import BreakerSettings, CircuitBreaker, CircuitOpen
from router.supergraph import load_supergraph
from tests.router.kit import (
    FIXTURES,
    Call,
    FixtureSubgraph,
    Recorder,
    serve,
    subgraph_app,
)

_QUERY = '{ me { name } product(upc: "1") { name } }'


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@asynccontextmanager
async def _router(
    subgraph_base: str, accounts_url: str, breaker: BreakerSettings
) -> AsyncIterator[httpx.AsyncClient]:
    sdl = (FIXTURES / "shop.graphql").read_text()
    urls = {n: f"{subgraph_base}/{n}/graphql" for n in load_supergraph(sdl).subgraphs}
    urls["accounts"] = accounts_url
    # Without retries, each client request is one subgraph call the test can count
    # (retries with the breaker: tests/router/test_retries.py).
    config = RouterConfig(
        supergraph_sdl=sdl, subgraph_urls=urls, circuit_breaker=breaker, retry=None
    )
    app = create_router_app(config)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as client,
    ):
        yield client


async def _post(client: httpx.AsyncClient, query: str = _QUERY) -> Any:
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    return response.json()


async def _circuit(client: httpx.AsyncClient) -> str:
    subgraphs = (await client.get("/health")).json()["subgraphs"]
    state: str = subgraphs["accounts"]["circuit"]
    return state


def _fetches(recorder: Recorder) -> list[Call]:
    """Calls to accounts, leaving out the health checks' pings."""
    return [c for c in recorder.to("accounts") if c.query != "{__typename}"]


def _me_error(result: Any) -> dict[str, Any]:
    assert result["data"] == {"me": None, "product": {"name": "Product 1"}}
    [error] = result["errors"]
    assert error["path"] == ["me"]
    return dict(error)


async def test_a_stopped_subgraph_opens_the_circuit_and_a_probe_closes_it(
    recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph], subgraph_base: str
) -> None:
    port = free_port()
    accounts_url = f"http://127.0.0.1:{port}/accounts/graphql"
    app = subgraph_app([fixture_subgraphs["accounts"]], recorder)
    clock = Clock()
    breaker = BreakerSettings(failures=2, cooldown=30.0, clock=clock)
    async with _router(subgraph_base, accounts_url, breaker) as client:
        async with serve(app, port):
            assert (await _post(client))["data"]["me"] == {"name": "Ada Lovelace"}
        # Stopped: two requests find nobody, and the circuit opens.
        for _ in range(2):
            error = _me_error(await _post(client))
            assert "could not be reached" in error["message"]
            assert "reason" not in error["extensions"]
        assert await _circuit(client) == "open"
        metrics = (await client.get("/metrics")).text
        assert 'lifegraph_router_circuit_state{state="open",subgraph="accounts"} 1.0' in metrics
        assert 'lifegraph_router_circuit_state{state="closed",subgraph="accounts"} 0.0' in metrics
        async with serve(app, port):
            recorder.clear()
            # Back, but within the cool-down: refused at once, no connection made.
            error = _me_error(await _post(client))
            assert error["extensions"] == {
                "code": "SUBGRAPH_UNAVAILABLE",
                "serviceName": "accounts",
                "reason": "CIRCUIT_OPEN",
            }
            assert "circuit breaker opened after 2 consecutive failures" in error["message"]
            assert _fetches(recorder) == []
            clock.now += 30.0
            assert await _circuit(client) == "half_open"
            # The probe goes through, succeeds, and closes the circuit.
            assert (await _post(client))["data"]["me"] == {"name": "Ada Lovelace"}
            assert len(_fetches(recorder)) == 1
            assert await _circuit(client) == "closed"


async def test_a_failed_probe_opens_the_circuit_again_and_only_one_probe_runs(
    recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph], subgraph_base: str
) -> None:
    accounts = fixture_subgraphs["accounts"]
    clock = Clock()
    breaker = BreakerSettings(failures=3, cooldown=5.0, clock=clock)
    url = f"{subgraph_base}/accounts/graphql"
    async with _router(subgraph_base, url, breaker) as client:
        accounts.fail_status = 503
        try:
            for _ in range(3):
                assert "answered HTTP 503" in _me_error(await _post(client))["message"]
            assert len(_fetches(recorder)) == 3
            clock.now += 5.0
            # The probe fails: open again for a whole cool-down.
            assert "answered HTTP 503" in _me_error(await _post(client))["message"]
            assert len(_fetches(recorder)) == 4
            clock.now += 4.9
            reason = _me_error(await _post(client))["extensions"]["reason"]
            assert reason == "CIRCUIT_OPEN"
            assert len(_fetches(recorder)) == 4
        finally:
            accounts.fail_status = None
        clock.now += 0.1
        gate = asyncio.Event()
        accounts.block = gate
        try:
            probe = asyncio.create_task(_post(client))

            async def probe_sent() -> bool:
                return len(_fetches(recorder)) == 5

            await wait_until(probe_sent)
            # While the probe is out, other requests still fail fast (an identical one
            # would share the probe's answer instead).
            other = await _post(client, '{ me { id } product(upc: "1") { name } }')
            assert _me_error(other)["extensions"]["reason"] == "CIRCUIT_OPEN"
            gate.set()
            assert (await probe)["data"]["me"] == {"name": "Ada Lovelace"}
        finally:
            gate.set()
            accounts.block = None
        assert (await _post(client))["data"]["me"] == {"name": "Ada Lovelace"}


def test_successes_reset_the_count_and_graphql_errors_are_no_failures() -> None:
    clock = Clock()
    breaker = CircuitBreaker(BreakerSettings(failures=2, cooldown=1.0, clock=clock))
    assert breaker.admit() is False
    breaker.failed(probe=False)
    breaker.succeeded()
    breaker.failed(probe=False)
    assert breaker.state.name == "CLOSED"
    breaker.failed(probe=False)
    assert breaker.state.name == "OPEN"
    with pytest.raises(CircuitOpen) as refused:
        breaker.admit()
    assert refused.value.retry_in == 1.0
    clock.now += 1.0
    assert breaker.admit() is True
    # A cancelled probe gives no verdict: the next request probes instead.
    breaker.abandoned(probe=True)
    assert breaker.state.name == "HALF_OPEN"
    assert breaker.admit() is True


def test_settings_and_cli_flags_reach_the_router_config() -> None:
    config = router_setup(Settings(), "").config
    assert config.deduplicate_subgraph_requests is True
    assert config.circuit_breaker is not None
    assert (config.circuit_breaker.failures, config.circuit_breaker.cooldown) == (5, 10.0)
    settings = with_traffic_shaping(Settings(), False, 3, 2.5)
    config = router_setup(settings, "").config
    assert config.deduplicate_subgraph_requests is False
    assert config.circuit_breaker is not None
    assert (config.circuit_breaker.failures, config.circuit_breaker.cooldown) == (3, 2.5)
    assert (
        router_setup(with_traffic_shaping(Settings(), None, 0, None), "").config.circuit_breaker
        is None
    )
    with pytest.raises(ValueError, match="failures must be >= 1"):
        BreakerSettings(failures=0)


async def test_timeouts_count_as_failures(
    recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph], subgraph_base: str
) -> None:
    sdl = (FIXTURES / "shop.graphql").read_text()
    urls = {n: f"{subgraph_base}/{n}/graphql" for n in load_supergraph(sdl).subgraphs}
    config = RouterConfig(
        supergraph_sdl=sdl,
        subgraph_urls=urls,
        subgraph_timeouts={"accounts": 0.2},
        circuit_breaker=BreakerSettings(failures=1, cooldown=60.0, clock=Clock()),
        retry=None,
    )
    app = create_router_app(config)
    gate = asyncio.Event()
    fixture_subgraphs["accounts"].block = gate
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as c,
        ):
            assert "timed out" in _me_error(await _post(c))["message"]
            assert _me_error(await _post(c))["extensions"]["reason"] == "CIRCUIT_OPEN"
    finally:
        gate.set()
        fixture_subgraphs["accounts"].block = None
    assert len(_fetches(recorder)) == 1
