from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from common.auth import StaticKeySource, TokenVerifier
from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from router.app import create_router_app
from router.composition import compose_services
from router.config import RouterConfig
from router.subscriptions.config import SubscriptionConfig
from tests.router.subscriptions.subgraphs import Tracker, messages_subgraph, people_subgraph
from tests.router.subscriptions.wsclient import WsClient


@dataclass
class Stack:
    """The fixture subgraphs and a router in front of them, all on loopback."""

    router_url: str
    messages_url: str
    tracker: Tracker
    keys: TestKeys
    exits: AsyncExitStack
    messages_exit: AsyncExitStack

    @property
    def ws_url(self) -> str:
        return self.router_url.replace("http://", "ws://") + "/graphql"

    def client(self, **options: Any) -> AbstractAsyncContextManager[WsClient]:
        return WsClient.connect(self.ws_url, **options)

    async def post_as(self, user: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        """A mutation straight to the messages subgraph (the publisher's side)."""
        async with httpx.AsyncClient(trust_env=False) as http:
            response = await http.post(
                f"{self.messages_url}/graphql",
                json={"query": query, "variables": variables},
                headers=self.keys.bearer(user),
            )
        body: dict[str, Any] = response.json()
        assert "errors" not in body, body
        return body

    async def send(
        self, user: str, conversation: str, text: str, mentions: tuple[str, ...] = ()
    ) -> None:
        await self.post_as(
            user,
            "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }",
            {"i": {"conversationId": conversation, "text": text, "mentions": list(mentions)}},
        )

    async def stop_messages(self) -> None:
        await self.messages_exit.aclose()


StackFactory = Callable[..., AbstractAsyncContextManager[Stack]]


@pytest.fixture
def stack_factory(
    serve_subgraph: ServeSubgraph, settings: Settings, test_keys: TestKeys
) -> StackFactory:
    @asynccontextmanager
    async def start(
        router_options: dict[str, Any] | None = None, **subscription_options: Any
    ) -> AsyncIterator[Stack]:
        tracker = Tracker()
        async with AsyncExitStack() as exits:
            people = await exits.enter_async_context(serve_subgraph(people_subgraph(tracker)))
            messages_exit = AsyncExitStack()
            exits.push_async_callback(messages_exit.aclose)
            messages = await messages_exit.enter_async_context(
                serve_subgraph(messages_subgraph(tracker))
            )
            services = [("messages", f"{messages}/graphql"), ("people", f"{people}/graphql")]
            async with httpx.AsyncClient(trust_env=False) as http:
                composed = await compose_services(services, http)
            config = RouterConfig(
                supergraph_sdl=composed.supergraph_sdl,
                subscriptions=SubscriptionConfig(**subscription_options),
                token_verifier=TokenVerifier(
                    StaticKeySource(test_keys.key_set),
                    issuer=settings.jwt_issuer,
                    audience=settings.jwt_audience,
                ),
                **(router_options or {}),
            )
            router = await exits.enter_async_context(serve_in_loop(create_router_app(config)))
            yield Stack(router, messages, tracker, test_keys, exits, messages_exit)

    return start


@pytest.fixture
async def stack(stack_factory: StackFactory) -> AsyncIterator[Stack]:
    async with stack_factory() as started:
        yield started
