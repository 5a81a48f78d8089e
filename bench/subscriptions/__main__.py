"""Subscription fan-out through the router: latency, idle memory per socket, sustained rate.

Run: python -m bench.subscriptions [--clients 1000] [--idle 5000] [--messages 30]

Three processes on loopback: the fixture subgraphs, the router, and this driver
holding every client socket. Latency is publish (the subgraph stamps `sentAt`
when the mutation arrives) to receipt at each client.

`--transport` picks how clients subscribe: `ws` (graphql-transport-ws), `multipart`
(Apollo's multipart HTTP protocol) or `sse` (graphql-sse, distinct connections).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from bench.kit import cpu_seconds, percentile_ms, rss_mb
from bench.subscriptions.servers import (
    AUDIENCE,
    ISSUER,
    PUBLISH,
    raise_fd_limit,
    run_router,
    run_subgraph,
    supergraph_sdl,
)
from common.mongo_server import free_port
from common.testing.httpstreams import (
    EVENT_STREAM,
    SUBSCRIPTION_ACCEPT,
    multipart_parts,
    server_sent_events,
)
from common.testing.tokens import TestKeys

PAYLOAD_ONLY = "subscription($t: String!) { messageAdded(topic: $t) { seq sentAt text } }"
# The sender's name comes with the event (`@provides`), as chat's does in LifeGraph.
PROVIDED = (
    "subscription($t: String!) { messageAdded(topic: $t) { seq sentAt text "
    "sender { id displayName } } }"
)
# A sender field only the people subgraph has: one `_entities` fetch per event.
WITH_ENTITY = (
    "subscription($t: String!) { messageAdded(topic: $t) { seq sentAt text sender { bio } } }"
)


TRANSPORTS = ("ws", "multipart", "sse")


@dataclass
class Subscriber:
    # The subscription's results (`{"data": …}`), whatever the transport.
    results: AsyncIterator[dict[str, Any]]
    close: Callable[[], Awaitable[None]]
    latencies: list[float] = field(default_factory=list)
    seqs: list[int] = field(default_factory=list)
    closed_with: int | str | None = None

    async def read(self) -> None:
        try:
            async for result in self.results:
                now = time.time()
                event = result["data"]["messageAdded"]
                self.latencies.append(now - event["sentAt"])
                self.seqs.append(event["seq"])
        except ConnectionClosed as exc:
            self.closed_with = exc.rcvd.code if exc.rcvd else 1006
        except (httpx.HTTPError, AssertionError) as exc:
            self.closed_with = type(exc).__name__


async def _socket_results(ws: ClientConnection) -> AsyncIterator[dict[str, Any]]:
    async for raw in ws:
        message = json.loads(raw)
        if message.get("type") == "next":
            yield message["payload"]


async def _multipart_results(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    async for part in multipart_parts(response):
        if part:  # {} is a heartbeat
            yield part["payload"]


async def _event_stream_results(response: httpx.Response) -> AsyncIterator[dict[str, Any]]:
    async for event, data in server_sent_events(response):
        if event == "next":
            yield json.loads(data)


class Bench:
    # Browsers negotiate permessage-deflate; `--no-deflate` shows what it costs.
    compression: str | None = "deflate"

    transport = "ws"
    router_pid: int | None = None

    def __init__(self, router_port: int, subgraph_port: int, keys: TestKeys) -> None:
        self.ws_url = f"ws://127.0.0.1:{router_port}/graphql"
        self.http_url = f"http://127.0.0.1:{router_port}/graphql"
        self.subgraph = f"http://127.0.0.1:{subgraph_port}"
        self.keys = keys
        # One token per user, as a browser's tabs share one: sockets of a user forward
        # identical credentials.
        self._tokens: dict[str, str] = {}
        self.http = httpx.AsyncClient(timeout=30.0, trust_env=False)
        # HTTP subscribers: one connection each, held for the whole stream.
        self.streams = httpx.AsyncClient(
            timeout=httpx.Timeout(60.0, read=None),
            trust_env=False,
            limits=httpx.Limits(max_connections=None, max_keepalive_connections=0),
        )

    async def stats(self) -> dict[str, int]:
        body: dict[str, int] = (await self.http.get(f"{self.subgraph}/stats")).json()
        return body

    async def publish(self, topic: str) -> None:
        response = await self.http.post(
            f"{self.subgraph}/messages/graphql",
            json={"query": PUBLISH, "variables": {"t": topic, "x": "hello from the bench"}},
        )
        response.raise_for_status()

    async def wait_subscriptions(self, count: int, within: float = 120.0) -> None:
        async with asyncio.timeout(within):
            # Another process's state: polling is the only way to see it.
            while (await self.stats())["subscriptions"] != count:  # noqa: ASYNC110
                await asyncio.sleep(0.1)

    def _token(self, index: int, users: int) -> str:
        user = f"user-{index % users}"
        return self._tokens.get(user) or self._tokens.setdefault(user, self.keys.token(user))

    async def _open(self, index: int, query: str, topic: str, users: int) -> Subscriber:
        if self.transport != "ws":
            return await self._open_http(index, query, topic, users)
        ws = await connect(
            self.ws_url,
            subprotocols=[Subprotocol("graphql-transport-ws")],
            proxy=None,
            ping_interval=None,
            open_timeout=60,
            compression=self.compression,
            max_queue=None,
        )
        token = self._token(index, users)
        await ws.send(
            json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}})
        )
        ack = json.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack
        payload = {"query": query, "variables": {"t": topic}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        return Subscriber(_socket_results(ws), ws.close)

    async def _open_http(self, index: int, query: str, topic: str, users: int) -> Subscriber:
        multipart = self.transport == "multipart"
        request = self.streams.build_request(
            "POST",
            self.http_url,
            json={"query": query, "variables": {"t": topic}},
            headers={
                "accept": SUBSCRIPTION_ACCEPT if multipart else EVENT_STREAM,
                "authorization": f"Bearer {self._token(index, users)}",
            },
        )
        response = await self.streams.send(request, stream=True)
        assert response.status_code == 200, response.status_code
        results = _multipart_results(response) if multipart else _event_stream_results(response)
        return Subscriber(results, response.aclose)

    @asynccontextmanager
    async def subscribers(
        self, count: int, query: str, topic: str, users: int | None = None
    ) -> AsyncIterator[list[Subscriber]]:
        before = (await self.stats())["subscriptions"]
        gate = asyncio.Semaphore(200)

        async def open_one(index: int) -> Subscriber:
            async with gate:
                return await self._open(index, query, topic, users or count)

        subs = list(await asyncio.gather(*(open_one(i) for i in range(count))))
        readers = [asyncio.create_task(s.read()) for s in subs]
        try:
            # The router runs one upstream subscription per distinct credentials.
            await self.wait_subscriptions(before + min(count, users or count))
            yield subs
        finally:
            await asyncio.gather(*(s.close() for s in subs), return_exceptions=True)
            await asyncio.gather(*readers, return_exceptions=True)
            await self.wait_subscriptions(before)


async def _deliveries(subs: list[Subscriber], expected: int, within: float) -> bool:
    try:
        async with asyncio.timeout(within):
            while any(len(s.seqs) < expected and s.closed_with is None for s in subs):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    except TimeoutError:
        return False
    return all(len(s.seqs) == expected and s.closed_with is None for s in subs)


@dataclass
class LatencyResult:
    name: str
    clients: int
    messages: int
    latencies: list[float]
    lossless: bool
    entity_calls: int
    connections: int
    # Router CPU per 1,000 deliveries: steadier than latency on a shared machine.
    cpu_ms_per_1000: float


async def latency(
    bench: Bench,
    name: str,
    query: str,
    clients: int,
    messages: int,
    gap: float = 0.2,
    users: int | None = None,
) -> LatencyResult:
    async with bench.subscribers(clients, query, name, users) as subs:
        before = await bench.stats()
        assert bench.router_pid is not None
        cpu_before = cpu_seconds(bench.router_pid)
        for _ in range(messages):
            await bench.publish(name)
            await asyncio.sleep(gap)
        lossless = await _deliveries(subs, messages, 60)
        cpu = cpu_seconds(bench.router_pid) - cpu_before
        after = await bench.stats()
        deliveries = max(1, sum(len(s.seqs) for s in subs))
        return LatencyResult(
            name,
            clients,
            messages,
            [x for s in subs for x in s.latencies],
            lossless,
            after["entity_calls"] - before["entity_calls"],
            after["entity_connections"] - before["entity_connections"],
            cpu * 1e6 / deliveries,
        )


@dataclass
class RateResult:
    rate: float
    delivered_per_s: float
    p99_ms: float
    lossless: bool


async def sustained(
    bench: Bench, query: str, clients: int, rates: Sequence[float], seconds: float
) -> list[RateResult]:
    results: list[RateResult] = []
    for rate in rates:
        topic = f"rate-{rate}"
        async with bench.subscribers(clients, query, topic) as subs:
            count = int(rate * seconds)
            began = time.monotonic()
            for index in range(count):
                delay = began + index / rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                await bench.publish(topic)
            lossless = await _deliveries(subs, count, 30)
            elapsed = time.monotonic() - began
            latencies = [x for s in subs for x in s.latencies]
            p99 = percentile_ms(latencies, 0.99)
            lossless = lossless and all(s.seqs == sorted(s.seqs) for s in subs)
            delivered = sum(len(s.seqs) for s in subs) / elapsed
            results.append(RateResult(rate, delivered, p99, lossless))
        if not lossless or p99 > 1000:
            break
    return results


async def idle_memory(bench: Bench, router_pid: int, sockets: int) -> tuple[float, float, float]:
    async with bench.subscribers(10, PAYLOAD_ONLY, "warmup"):
        pass
    baseline = rss_mb(router_pid)
    async with bench.subscribers(sockets, PAYLOAD_ONLY, "idle"):
        loaded = rss_mb(router_pid)
    return baseline, loaded, (loaded - baseline) * 1024 / sockets


@asynccontextmanager
async def processes(keys: TestKeys, *, shared: bool = False) -> AsyncIterator[tuple[Bench, int]]:
    subgraph_port, router_port = free_port(), free_port()
    ctx = multiprocessing.get_context("spawn")
    jwks = keys.key_set.as_dict(private=False)
    subgraph = ctx.Process(target=run_subgraph, args=(subgraph_port,), daemon=True)
    router = ctx.Process(
        target=run_router,
        args=(router_port, subgraph_port, jwks, supergraph_sdl(), shared),
        daemon=True,
    )
    subgraph.start()
    router.start()
    bench = Bench(router_port, subgraph_port, keys)
    bench.router_pid = router.pid
    try:
        async with asyncio.timeout(30):
            for url in (f"{bench.subgraph}/stats", f"http://127.0.0.1:{router_port}/health"):
                while True:
                    try:
                        if (await bench.http.get(url)).status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    await asyncio.sleep(0.1)
        assert router.pid is not None
        yield bench, router.pid
    finally:
        await bench.http.aclose()
        await bench.streams.aclose()
        for process in (router, subgraph):
            process.terminate()
            process.join(10)


def _print_latency(results: list[LatencyResult]) -> None:
    header = (
        f"{'scenario':<22}{'clients':>8}{'msgs':>6}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'lossless':>10}{'_entities':>11}{'conns':>7}{'CPU ms/1k':>11}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.name:<22}{r.clients:>8}{r.messages:>6}{percentile_ms(r.latencies, 0.5):>9.1f}"
            f"{percentile_ms(r.latencies, 0.99):>9.1f}{percentile_ms(r.latencies, 1.0):>9.1f}"
            f"{'yes' if r.lossless else 'NO':>10}{r.entity_calls:>11}{r.connections:>7}"
            f"{r.cpu_ms_per_1000:>11.1f}"
        )


SCENARIOS = ("payload", "provided", "shared", "per-client", "per-user")


async def _latencies(args: argparse.Namespace, keys: TestKeys) -> None:
    wanted = set(args.scenarios)
    results: list[LatencyResult] = []
    if "shared" in wanted:
        async with processes(keys, shared=True) as (bench, _):
            results.append(
                await latency(bench, "entity, shared", WITH_ENTITY, args.clients, args.messages)
            )
    async with processes(keys) as (bench, _):
        if "payload" in wanted:
            results.insert(
                0, await latency(bench, "payload-only", PAYLOAD_ONLY, args.clients, args.messages)
            )
        if "provided" in wanted:
            results.insert(
                1, await latency(bench, "sender provided", PROVIDED, args.clients, args.messages)
            )
        if "per-client" in wanted:
            # One _entities request per subscriber per event: every client is another user.
            results.append(
                await latency(
                    bench,
                    "entity, per client",
                    WITH_ENTITY,
                    args.clients,
                    args.entity_messages,
                    gap=args.entity_gap,
                )
            )
        if "per-user" in wanted:
            # Several sockets per user (tabs, devices): identical credentials coalesce.
            users = max(1, args.clients // args.sockets_per_user)
            results.append(
                await latency(
                    bench,
                    f"entity, {args.sockets_per_user}/user",
                    WITH_ENTITY,
                    args.clients,
                    args.entity_messages,
                    gap=args.entity_gap,
                    users=users,
                )
            )
    _print_latency(results)
    print(
        "\n(target p99 < 200 ms. CPU ms/1k: router CPU per 1,000 deliveries."
        "\n provided = sender { id displayName } carried by the event;"
        "\n entity = sender { bio } from the people subgraph;"
        "\n shared = shared_entity_subgraphs={'people'}: resolved once per event;"
        f"\n per-client/per-user: {args.entity_messages} events {args.entity_gap:g} s apart)\n"
    )


async def _sustained(args: argparse.Namespace, keys: TestKeys) -> None:
    async with processes(keys) as (bench, _):
        rates = await sustained(bench, PAYLOAD_ONLY, args.clients, args.rates, args.seconds)
    header = f"{'publish/s':>10}{'deliveries/s':>14}{'p99 ms':>9}{'lossless':>10}"
    print(f"sustained fan-out to {args.clients} clients, {args.seconds:g} s per step")
    print(header)
    print("-" * len(header))
    for rate in rates:
        print(
            f"{rate.rate:>10g}{rate.delivered_per_s:>14.0f}{rate.p99_ms:>9.1f}"
            f"{'yes' if rate.lossless else 'NO':>10}"
        )


async def _idle(args: argparse.Namespace, keys: TestKeys) -> None:
    async with processes(keys) as (bench, router_pid):
        baseline, loaded, per_socket = await idle_memory(bench, router_pid, args.idle)
    print(f"\nidle: {args.idle} subscribed sockets on one router process")
    print(f"router RSS {baseline:.1f} MB -> {loaded:.1f} MB: {per_socket:.1f} KB per socket")
    print("(each client socket also holds its upstream socket to the subgraph)")


async def _main(args: argparse.Namespace) -> None:
    limit = raise_fd_limit()
    if args.no_deflate:
        Bench.compression = None
    Bench.transport = args.transport
    keys = TestKeys(issuer=ISSUER, audience=AUDIENCE)
    print(
        f"fd limit {limit}; transport {args.transport}; clients {args.clients}; "
        f"idle sockets {args.idle}\n"
    )
    if not args.idle_only:
        if args.scenarios:
            await _latencies(args, keys)
        if not args.no_sustained:
            await _sustained(args, keys)
    if not args.no_idle:
        await _idle(args, keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--idle", type=int, default=5000)
    parser.add_argument("--messages", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--idle-only", action="store_true", help="only the memory phase")
    parser.add_argument("--no-deflate", action="store_true", help="clients refuse compression")
    parser.add_argument(
        "--transport", choices=TRANSPORTS, default="ws", help="how clients subscribe"
    )
    parser.add_argument(
        "--scenarios",
        type=lambda v: [x for x in v.split(",") if x],
        default=list(SCENARIOS),
        help=f"latency scenarios, comma-separated: {','.join(SCENARIOS)}",
    )
    parser.add_argument("--entity-messages", type=int, default=30)
    parser.add_argument("--entity-gap", type=float, default=0.2)
    parser.add_argument("--sockets-per-user", type=int, default=10)
    parser.add_argument("--no-sustained", action="store_true", help="skip the sustained phase")
    parser.add_argument("--no-idle", action="store_true", help="skip the idle-memory phase")
    parser.add_argument(
        "--rates", type=lambda v: [float(x) for x in v.split(",")], default=[5, 10, 20, 40, 80]
    )
    asyncio.run(_main(parser.parse_args()))


if __name__ == "__main__":
    main()
