"""`lifegraph router --workers 2`: two real router processes on one port, supervised.

The subgraphs (the subscription fixtures, publishing through Redis) and a JWKS
endpoint run in the test's loop; the router is the real command in a subprocess.
Each worker names itself on `/health` (`X-LifeGraph-Worker`), so a test holds one
keep-alive connection per worker and knows which process each request reached.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from typer.testing import CliRunner

from common.mongo_server import free_port
from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from common.testing.waiting import eventually, wait_until
from lifegraph.cli import app
from lifegraph.workers import WORKER_HEADER
from router.composition import compose_services
from tests.router.subscriptions.subgraphs import Tracker, messages_subgraph, people_subgraph
from tests.router.subscriptions.wsclient import WsClient

FIXTURES = Path(__file__).parents[1] / "router" / "fixtures"
RATE_LIMIT = 6
PERSON = '{ person(id: "alice") { displayName } }'
MESSAGE_ADDED = (
    "subscription($c: ID!) { messageAdded(conversationId: $c) { text sender { displayName } } }"
)
SEND = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"


@dataclass
class Workers:
    """The supervisor process and what the test needs to reach each worker."""

    process: asyncio.subprocess.Process
    url: str
    tracker: Tracker
    keys: TestKeys
    gate: asyncio.Event
    arrived: asyncio.Event

    def worker_pids(self) -> set[int]:
        return set(_spawned_children(self.process.pid))

    @asynccontextmanager
    async def pinned(self) -> AsyncIterator[dict[int, httpx.AsyncClient]]:
        """One client per worker, each on one keep-alive connection to that worker."""
        clients: dict[int, httpx.AsyncClient] = {}
        async with AsyncExitStack() as exits:
            # New connections land on a worker by their source port: a few tries reach both.
            for _ in range(64):
                client = await exits.enter_async_context(
                    httpx.AsyncClient(
                        base_url=self.url,
                        trust_env=False,
                        limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
                        # A connection to a worker still starting waits in its slot's
                        # backlog until the worker serves: that is the design, not a hang.
                        timeout=60,
                    )
                )
                index = await _worker_of(client)
                clients.setdefault(index, client)
                if len(clients) == 2:
                    break
            assert sorted(clients) == [0, 1], f"connections only reached workers {sorted(clients)}"
            yield clients


async def _worker_of(client: httpx.AsyncClient) -> int:
    response = await client.get("/health")
    assert response.status_code == 200, response.text
    return int(response.headers[WORKER_HEADER.decode()])


def _spawned_children(pid: int) -> list[int]:
    """The supervisor's worker processes (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    found = []
    for child in children:
        try:
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            found.append(int(child))
    return found


def _jwks_app(keys: TestKeys) -> Starlette:
    async def jwks(_: Request) -> Response:
        return JSONResponse(keys.key_set.as_dict(private=False))

    return Starlette(routes=[Route("/jwks.json", jwks)])


def _slow_app(gate: asyncio.Event, arrived: asyncio.Event) -> Starlette:
    """A subgraph whose one field answers when the test opens `gate`: a request in flight."""

    async def graphql(request: Request) -> Response:
        body = await request.json()
        if "_service" in body["query"]:
            sdl = "type Query { slow: String }"
            return JSONResponse({"data": {"_service": {"sdl": sdl}}})
        arrived.set()
        await gate.wait()
        return JSONResponse({"data": {"slow": "done"}})

    return Starlette(routes=[Route("/graphql", graphql, methods=["POST"])])


@pytest.fixture
async def workers(
    serve_subgraph: ServeSubgraph, settings: Settings, test_keys: TestKeys, tmp_path: Path
) -> AsyncIterator[Workers]:
    tracker, gate, arrived = Tracker(), asyncio.Event(), asyncio.Event()
    async with AsyncExitStack() as exits:
        people = await exits.enter_async_context(serve_subgraph(people_subgraph(tracker)))
        messages = await exits.enter_async_context(serve_subgraph(messages_subgraph(tracker)))
        jwks = await exits.enter_async_context(serve_in_loop(_jwks_app(test_keys)))
        slow = await exits.enter_async_context(serve_in_loop(_slow_app(gate, arrived)))
        services = [
            ("messages", f"{messages}/graphql"),
            ("people", f"{people}/graphql"),
            ("slow", f"{slow}/graphql"),
        ]
        async with httpx.AsyncClient(trust_env=False) as http:
            composed = await compose_services(services, http)
        supergraph = tmp_path / "supergraph.graphql"
        supergraph.write_text(composed.supergraph_sdl)
        port = free_port()
        env = {
            **os.environ,
            "LIFEGRAPH_ENVIRONMENT": "test",
            "REDIS_URL": settings.redis_url or "",
            "LIFEGRAPH_REDIS_PREFIX": settings.redis_prefix,
            "LIFEGRAPH_JWKS_URL": f"{jwks}/jwks.json",
            "LIFEGRAPH_JWT_ISSUER": settings.jwt_issuer,
            "LIFEGRAPH_JWT_AUDIENCE": settings.jwt_audience,
            "LIFEGRAPH_ROUTER_RATE_LIMIT": str(RATE_LIMIT),
            "LIFEGRAPH_LOG_JSON": "false",
        }
        process = await asyncio.create_subprocess_exec(
            str(Path(sys.executable).parent / "lifegraph"),
            "router",
            "--supergraph",
            str(supergraph),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            env=env,
            cwd=tmp_path,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            started = Workers(
                process, f"http://127.0.0.1:{port}", tracker, test_keys, gate, arrived
            )
            await _wait_serving(started)
            yield started
        finally:
            gate.set()
            if process.returncode is None:
                process.kill()
                for pid in _spawned_children(process.pid):
                    os.kill(pid, signal.SIGKILL)
                await process.wait()


async def _wait_serving(workers: Workers) -> None:
    async def both_up() -> bool:
        if workers.process.returncode is not None:
            raise AssertionError(f"the router exited with {workers.process.returncode}")
        if len(workers.worker_pids()) != 2:
            return False
        try:
            async with httpx.AsyncClient(trust_env=False) as client:
                return (await client.get(f"{workers.url}/health")).status_code == 200
        except httpx.TransportError:
            return False

    await wait_until(both_up, within=90)


@pytest.mark.redis
async def test_workers_share_one_rate_limit_through_redis(workers: Workers) -> None:
    statuses: dict[int, list[int]] = {0: [], 1: []}
    async with workers.pinned() as clients:
        for turn in range(RATE_LIMIT + 2):
            index = turn % 2
            response = await clients[index].post("/graphql", json={"query": PERSON})
            statuses[index].append(response.status_code)
    # Alternating: three allowed on each worker, then both refuse. Per-process
    # counters would have allowed all eight.
    assert statuses == {0: [200, 200, 200, 429], 1: [200, 200, 200, 429]}


@pytest.mark.redis
async def test_a_subscription_on_one_worker_gets_events_sent_through_the_other(
    workers: Workers,
) -> None:
    async with (
        workers.pinned() as clients,
        WsClient.connect(workers.url.replace("http://", "ws://") + "/graphql") as socket,
    ):
        await socket.init(workers.keys.bearer("alice"))
        await socket.subscribe("s", MESSAGE_ADDED, {"c": "c1"})
        await workers.tracker.wait_live("c1", 1)
        # One message through each worker: whichever holds the socket, one of them
        # was sent through the other process.
        for index in (0, 1):
            variables = {"i": {"conversationId": "c1", "text": f"via {index}", "mentions": []}}
            response = await clients[index].post(
                "/graphql",
                json={"query": SEND, "variables": variables},
                headers=workers.keys.bearer("bob"),
            )
            assert "errors" not in response.json(), response.json()
        received = [await socket.receive() for _ in range(2)]
    assert [r["payload"]["data"]["messageAdded"] for r in received] == [
        {"text": "via 0", "sender": {"displayName": "Bob"}},
        {"text": "via 1", "sender": {"displayName": "Bob"}},
    ]


@pytest.mark.redis
async def test_a_crashed_worker_is_replaced_and_its_slot_serves_again(workers: Workers) -> None:
    before = workers.worker_pids()
    victim = min(before)
    os.kill(victim, signal.SIGKILL)

    def replaced(pids: set[int]) -> bool:
        return len(pids) == 2 and victim not in pids

    async def pids() -> set[int]:
        return workers.worker_pids()

    after = await eventually(pids, replaced, within=60)
    assert before - {victim} <= after
    # Both slots answer again (the new worker serves the socket the old one left).
    await _wait_serving(workers)
    async with workers.pinned() as clients:
        for client in clients.values():
            response = await client.post("/graphql", json={"query": PERSON})
            assert response.json() == {"data": {"person": {"displayName": "Alice"}}}


@pytest.mark.redis
async def test_sigterm_drains_requests_in_flight_then_stops_every_worker(
    workers: Workers,
) -> None:
    pids = workers.worker_pids()
    async with httpx.AsyncClient(base_url=workers.url, trust_env=False, timeout=60) as client:
        in_flight = asyncio.create_task(client.post("/graphql", json={"query": "{ slow }"}))
        async with asyncio.timeout(30):
            await workers.arrived.wait()
        workers.process.send_signal(signal.SIGTERM)
        await _until_stopping(workers.process)
        workers.gate.set()
        response = await in_flight
    assert response.json() == {"data": {"slow": "done"}}
    async with asyncio.timeout(60):
        assert await workers.process.wait() == 0
    assert not any(_running(pid) for pid in pids)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def _until_stopping(process: asyncio.subprocess.Process) -> None:
    assert process.stderr is not None
    async with asyncio.timeout(30):
        async for line in process.stderr:
            if b"stopping 2 workers" in line:
                return
    raise AssertionError("the supervisor never said it was stopping its workers")


def test_up_refuses_more_than_one_worker_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MONGODB_URL", raising=False)
    result = CliRunner().invoke(app, ["up", "--workers", "2"])
    assert result.exit_code == 2
    assert "--workers must be 1" in result.output
    assert "lifegraph router --workers N" in result.output


def test_router_refuses_several_workers_without_redis(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("LIFEGRAPH_REDIS_URL", raising=False)
    supergraph = tmp_path / "supergraph.graphql"
    supergraph.write_text((FIXTURES / "shop.graphql").read_text())
    result = CliRunner().invoke(
        app, ["router", "--supergraph", str(supergraph), "--workers", "2", "--port", "0"]
    )
    assert result.exit_code == 2
    assert "needs REDIS_URL" in result.output
