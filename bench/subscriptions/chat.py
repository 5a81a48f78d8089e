"""LifeGraph's own chat behind its own router: 1,000 clients on one conversation.

Run: python -m bench.subscriptions.chat [--members 250] [--sockets 4] [--messages 30]

Unlike `python -m bench.subscriptions` (canned subgraphs, so its numbers are the
router's), this runs the real chat subgraph (Strawberry, secantusd, Redis
pub/sub, RabbitMQ) and the router on the real supergraph, each in its own
process. A group holds at most 256 members, so the 1,000 clients are 250
members with 4 sockets each (tabs and devices). Each subscribes to

    messageAdded { id text createdAt sender { id displayName avatarUrl } }

and latency runs from the driver calling `sendMessage` through the router to
each client's receipt.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import time
import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from joserfc.jwk import KeySet
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from bench.kit import percentile_ms
from bench.subscriptions.servers import raise_fd_limit
from common.app import create_subgraph_app
from common.auth import StaticKeySource, TokenVerifier
from common.gctuning import tune_for_serving
from common.infra import open_infrastructure
from common.mongo_server import SecantusServer, free_port
from common.settings import Settings
from common.testing.fixtures import cleanup
from common.testing.tokens import TestKeys
from router.app import create_router_app
from router.config import RouterConfig
from subgraphs.chat.app import subgraph as chat

SUPERGRAPH = Path(__file__).resolve().parents[2] / "schema" / "supergraph.graphql"
SUBSCRIPTION = """subscription($c: ID!) {
  messageAdded(conversationId: $c) { id text createdAt sender { id displayName avatarUrl } }
}"""
CREATE_GROUP = """mutation($i: CreateGroupConversationInput!) {
  createGroupConversation(input: $i) { id }
}"""
SEND = """mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"""


def _serve(app: Any, port: int) -> None:
    # As `lifegraph serve` and `lifegraph router` run (common/gctuning.py).
    tune_for_serving(Settings().gc_young_threshold)
    raise_fd_limit()
    uvicorn.run(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, backlog=4096
    )


def run_chat(port: int, settings: Settings, jwks: dict[str, Any]) -> None:
    keys = StaticKeySource(KeySet.import_key_set(jwks))  # type: ignore[arg-type]
    infrastructure = partial(open_infrastructure, key_source=keys)
    _serve(create_subgraph_app(chat, settings, infrastructure=infrastructure), port)


def run_router(port: int, chat_url: str, settings: Settings, jwks: dict[str, Any]) -> None:
    config = RouterConfig(
        supergraph_sdl=SUPERGRAPH.read_text(),
        subgraph_urls={"chat": chat_url},
        token_verifier=TokenVerifier(
            StaticKeySource(KeySet.import_key_set(jwks)),  # type: ignore[arg-type]
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
        ),
    )
    _serve(create_router_app(config), port)


@dataclass
class Client:
    ws: ClientConnection
    received: dict[str, float] = field(default_factory=dict)
    closed_with: int | None = None
    errors: list[Any] = field(default_factory=list)

    async def read(self) -> None:
        try:
            async for raw in self.ws:
                now = time.time()
                message = json.loads(raw)
                kind = message.get("type")
                if kind == "ping":
                    await self.ws.send('{"type":"pong"}')
                    continue
                if kind != "next":
                    self.errors.append(message)
                    continue
                payload = message["payload"]
                if payload.get("errors"):
                    self.errors.append(payload["errors"])
                added = (payload.get("data") or {}).get("messageAdded")
                if added and added["sender"] and added["sender"]["displayName"]:
                    self.received[added["text"]] = now
        except ConnectionClosed as exc:
            self.closed_with = exc.rcvd.code if exc.rcvd else 1006


class Driver:
    def __init__(self, router_url: str, keys: TestKeys) -> None:
        self.router_url = router_url
        self.keys = keys
        self.http = httpx.AsyncClient(timeout=60.0, trust_env=False)
        self._tokens: dict[str, str] = {}

    @property
    def credentials(self) -> set[str]:
        return set(self._tokens.values())

    def token(self, user: str, device: int = 0) -> str:
        """One token per member and device: tabs of a browser share a device's token."""
        key = f"{user}/{device}"
        token = self._tokens.get(key)
        if token is None:
            token = self._tokens[key] = self.keys.token(user, jti=uuid.uuid4().hex)
        return token

    async def call(self, user: str, query: str, **variables: Any) -> dict[str, Any]:
        response = await self.http.post(
            f"{self.router_url}/graphql",
            json={"query": query, "variables": variables},
            headers={"Authorization": f"Bearer {self.token(user)}"},
        )
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body
        data: dict[str, Any] = body["data"]
        return data

    async def open(self, user: str, device: int, conversation: str) -> Client:
        ws = await connect(
            self.router_url.replace("http", "ws", 1) + "/graphql",
            subprotocols=[Subprotocol("graphql-transport-ws")],
            proxy=None,
            ping_interval=None,
            open_timeout=60,
            max_queue=None,
        )
        init = {
            "type": "connection_init",
            "payload": {"Authorization": f"Bearer {self.token(user, device)}"},
        }
        await ws.send(json.dumps(init))
        ack = json.loads(await ws.recv())
        assert ack["type"] == "connection_ack", ack
        payload = {"query": SUBSCRIPTION, "variables": {"c": conversation}}
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
        return Client(ws)


async def _all_received(clients: Sequence[Client], text: str, within: float) -> bool:
    try:
        async with asyncio.timeout(within):
            while any(text not in c.received and c.closed_with is None for c in clients):  # noqa: ASYNC110
                await asyncio.sleep(0.05)
    except TimeoutError:
        return False
    return all(text in c.received for c in clients)


async def _until_live(
    driver: Driver, sender: str, conversation: str, clients: list[Client]
) -> None:
    """Probe until every client got one: the protocol has no "subscribed" acknowledgement."""
    for attempt in range(60):
        probe = f"probe {attempt}"
        await driver.call(sender, SEND, i={"conversationId": conversation, "text": probe})
        if await _all_received(clients, probe, 5.0):
            return
    raise RuntimeError("not every client is live after 60 probes")


@asynccontextmanager
async def system(settings: Settings, keys: TestKeys) -> AsyncIterator[str]:
    jwks = keys.key_set.as_dict(private=False)
    chat_port, router_port = free_port(), free_port()
    ctx = multiprocessing.get_context("spawn")
    chat_url = f"http://127.0.0.1:{chat_port}/graphql"
    processes = [
        ctx.Process(target=run_chat, args=(chat_port, settings, jwks), daemon=True),
        ctx.Process(target=run_router, args=(router_port, chat_url, settings, jwks), daemon=True),
    ]
    for process in processes:
        process.start()
    router_url = f"http://127.0.0.1:{router_port}"
    try:
        async with httpx.AsyncClient(trust_env=False) as http, asyncio.timeout(60):
            for url in (f"http://127.0.0.1:{chat_port}/health", f"{router_url}/health"):
                while True:
                    try:
                        if (await http.get(url)).status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    await asyncio.sleep(0.2)
        yield router_url
    finally:
        for process in processes:
            process.terminate()
            process.join(10)


async def run(args: argparse.Namespace) -> None:
    raise_fd_limit()
    unique = uuid.uuid4().hex[:8]
    with SecantusServer() as mongo:
        settings = Settings(
            environment="test",
            mongodb_url=mongo.url,
            database_prefix=f"bench{unique}",
            amqp_url=args.amqp_url,
            redis_url=args.redis_url,
            redis_prefix=f"bench{unique}",
            events_exchange=f"lifegraph.events.bench{unique}",
            events_queue_expires_ms=60_000,
            log_json=False,
            log_level="WARNING",
        )
        keys = TestKeys(issuer=settings.jwt_issuer, audience=settings.jwt_audience)
        async with cleanup(settings), system(settings, keys) as router_url:
            driver = Driver(router_url, keys)
            members = [f"member-{i:03d}" for i in range(args.members)]
            sender = members[0]
            group = await driver.call(
                sender, CREATE_GROUP, i={"title": "Bench", "memberIds": members[1:]}
            )
            conversation = group["createGroupConversation"]["id"]
            gate = asyncio.Semaphore(100)

            async def open_one(index: int) -> Client:
                member, socket = divmod(index, args.sockets)
                device = socket if args.devices else 0
                async with gate:
                    return await driver.open(members[member], device, conversation)

            clients = await asyncio.gather(
                *(open_one(i) for i in range(args.members * args.sockets))
            )
            readers = [asyncio.create_task(c.read()) for c in clients]
            await _until_live(driver, sender, conversation, clients)
            sent_at: dict[str, float] = {}
            for index in range(args.messages):
                text = f"message {index}"
                sent_at[text] = time.time()
                await driver.call(sender, SEND, i={"conversationId": conversation, "text": text})
                await asyncio.sleep(args.gap)
            lossless = all([await _all_received(clients, t, 60.0) for t in sent_at])
            latencies = [
                c.received[t] - sent_at[t] for c in clients for t in sent_at if t in c.received
            ]
            errors = sum(len(c.errors) for c in clients)
            credentials = len(driver.credentials)
            for client in clients:
                await client.ws.close()
            await asyncio.gather(*readers, return_exceptions=True)
            await driver.http.aclose()
    header = (
        f"{'clients':>8}{'msgs':>6}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'lossless':>10}{'errors':>8}"
    )
    print(
        f"real chat subgraph + router: {args.members} members x {args.sockets} sockets,"
        f" {credentials} distinct tokens"
    )
    print(header)
    print("-" * len(header))
    print(
        f"{len(clients):>8}{args.messages:>6}{percentile_ms(latencies, 0.5):>9.1f}"
        f"{percentile_ms(latencies, 0.99):>9.1f}{percentile_ms(latencies, 1.0):>9.1f}"
        f"{'yes' if lossless else 'NO':>10}{errors:>8}"
    )
    print(
        f"\n(target p99 < 200 ms; sendMessage through the router to receipt, {args.gap:g} s apart)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=250)
    parser.add_argument("--sockets", type=int, default=4, help="sockets per member")
    parser.add_argument("--messages", type=int, default=30)
    parser.add_argument(
        "--devices",
        action="store_true",
        help="every socket signs in on its own (no two share credentials)",
    )
    parser.add_argument("--gap", type=float, default=0.2, help="seconds between messages")
    parser.add_argument("--amqp-url", default="amqp://guest:guest@127.0.0.1:5672/")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
