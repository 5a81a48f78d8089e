"""A lean fixture subgraph pair for the subscription benchmark, and the router process.

`messages` speaks graphql-transport-ws with canned events (so the numbers are the
router's, not Strawberry's) and publishes on a GraphQL mutation; `people`
answers `_entities` for `User.bio`.
"""

from __future__ import annotations

import json
import resource
import time
from typing import Any

import uvicorn
from joserfc.jwk import KeySet
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.types import Receive, Scope, Send

from common.auth import StaticKeySource, TokenVerifier
from common.gctuning import tune_for_serving
from common.settings import Settings
from router.app import create_router_app
from router.composition import SubgraphSource, compose
from router.config import RouterConfig
from router.subscriptions.config import SubscriptionConfig

ISSUER, AUDIENCE = "https://bench.lifegraph", "bench"

# As in LifeGraph: the message carries its sender's name (`@provides`), other
# sender fields (`bio`) come from the people subgraph.
MESSAGES_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
                    import: ["@key", "@external", "@provides"])
type Query { ping: String }
type Mutation { publish(topic: String!, text: String!): Int! }
type Subscription { messageAdded(topic: String!): Message! }
type Message {
  id: ID! seq: Int! sentAt: Float! text: String! sender: User! @provides(fields: "displayName")
}
type User @key(fields: "id", resolvable: false) { id: ID! displayName: String! @external }
"""

PEOPLE_SDL = """
extend schema @link(url: "https://specs.apollo.dev/federation/v2.3",
                    import: ["@key", "@shareable"])
type Query { person(id: ID!): User }
type User @key(fields: "id") { id: ID! displayName: String! @shareable bio: String! }
"""

PUBLISH = "mutation($t: String!, $x: String!) { publish(topic: $t, text: $x) }"


def supergraph_sdl() -> str:
    sources = [
        SubgraphSource("messages", "http://messages.invalid/graphql", MESSAGES_SDL),
        SubgraphSource("people", "http://people.invalid/graphql", PEOPLE_SDL),
    ]
    return compose(sources).supergraph_sdl


def raise_fd_limit() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


class Hub:
    def __init__(self) -> None:
        self.topics: dict[str, dict[tuple[int, str], Send]] = {}
        self.stats = {
            "subscriptions": 0,
            "published": 0,
            "entity_calls": 0,
            "entity_connections": 0,
            "sockets": 0,
        }
        self.seq = 0
        # Client ports of `_entities` requests: how many HTTP connections the router used.
        self._entity_ports: set[int] = set()

    async def socket(self, scope: Scope, receive: Receive, send: Send) -> None:
        await receive()  # websocket.connect
        await send({"type": "websocket.accept", "subprotocol": "graphql-transport-ws"})
        mine: dict[str, str] = {}
        key = id(send)
        self.stats["sockets"] += 1
        try:
            while True:
                event = await receive()
                if event["type"] == "websocket.disconnect":
                    return
                message = json.loads(event["text"])
                kind = message["type"]
                if kind == "connection_init":
                    await send({"type": "websocket.send", "text": '{"type":"connection_ack"}'})
                elif kind == "ping":
                    await send({"type": "websocket.send", "text": '{"type":"pong"}'})
                elif kind == "subscribe":
                    topic = next(iter(message["payload"]["variables"].values()))
                    mine[message["id"]] = topic
                    self.topics.setdefault(topic, {})[(key, message["id"])] = send
                    self.stats["subscriptions"] += 1
                elif kind == "complete":
                    self._forget(key, message["id"], mine.pop(message["id"], None))
        finally:
            self.stats["sockets"] -= 1
            for op_id, topic in mine.items():
                self._forget(key, op_id, topic)

    def _forget(self, key: int, op_id: str, topic: str | None) -> None:
        if topic is not None and self.topics.get(topic, {}).pop((key, op_id), None) is not None:
            self.stats["subscriptions"] -= 1

    async def graphql(self, request: Request) -> Response:
        body = json.loads(await request.body())
        variables = body.get("variables") or {}
        if "publish" not in body.get("query", ""):
            return JSONResponse({"data": {"ping": "pong"}})
        self.seq += 1
        self.stats["published"] += 1
        event = {
            "id": f"m{self.seq}",
            "seq": self.seq,
            "sentAt": time.time(),
            "text": variables["x"],
            "sender": {
                "__typename": "User",
                "id": f"u{self.seq % 50}",
                "displayName": f"User {self.seq % 50}",
            },
        }
        payload = json.dumps({"data": {"messageAdded": event}}, separators=(",", ":"))
        subscribers = list(self.topics.get(variables["t"], {}).items())
        for (_, op_id), send in subscribers:
            text = '{"id":"%s","type":"next","payload":%s}' % (op_id, payload)  # noqa: UP031
            await send({"type": "websocket.send", "text": text})
        return JSONResponse({"data": {"publish": len(subscribers)}})

    async def people(self, request: Request) -> Response:
        body = json.loads(await request.body())
        self.stats["entity_calls"] += 1
        if request.client is not None and request.client.port not in self._entity_ports:
            self._entity_ports.add(request.client.port)
            self.stats["entity_connections"] += 1
        reps = (body.get("variables") or {}).get("representations") or []
        entities = [{"bio": f"About {rep['id']}"} for rep in reps]
        return JSONResponse({"data": {"_entities": entities}})

    async def stats_endpoint(self, _: Request) -> Response:
        return JSONResponse(self.stats)


class _Asgi:
    """A plain ASGI callable: Starlette wraps bare functions and methods as sessions."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.hub.socket(scope, receive, send)


def subgraph_app() -> Starlette:
    hub = Hub()
    return Starlette(
        routes=[
            WebSocketRoute("/messages/graphql", _Asgi(hub)),
            Route("/messages/graphql", hub.graphql, methods=["POST"]),
            Route("/people/graphql", hub.people, methods=["POST"]),
            Route("/stats", hub.stats_endpoint),
        ]
    )


def _serve(app: Any, port: int) -> None:
    # As `lifegraph router` runs (common/gctuning.py).
    tune_for_serving(Settings().gc_young_threshold)
    raise_fd_limit()
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        ws="websockets-sansio",
        backlog=4096,
    )


def run_subgraph(port: int) -> None:
    _serve(subgraph_app(), port)


def run_router(port: int, subgraph_port: int, jwks: dict[str, Any], sdl: str, shared: bool) -> None:
    base = f"http://127.0.0.1:{subgraph_port}"
    config = RouterConfig(
        supergraph_sdl=sdl,
        subgraph_urls={n: f"{base}/{n}/graphql" for n in ("messages", "people")},
        subscriptions=SubscriptionConfig(
            shared_entity_subgraphs=frozenset({"people"} if shared else ())
        ),
        token_verifier=TokenVerifier(
            StaticKeySource(KeySet.import_key_set(jwks)),  # type: ignore[arg-type]
            issuer=ISSUER,
            audience=AUDIENCE,
        ),
    )
    _serve(create_router_app(config), port)
