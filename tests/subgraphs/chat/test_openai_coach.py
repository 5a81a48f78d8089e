"""The OpenAI-compatible coach streaming from a loopback server into a coach message."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Route

from common.clientaddr import parse_networks
from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from common.urlguard import RefusedUrl, UrlGuard
from subgraphs.chat.app import subgraph
from subgraphs.chat.coach.openai import OpenAICompatibleCoach
from subgraphs.chat.coach.provider import CoachRequest

from .support import HISTORY, MESSAGE_ADDED, MESSAGE_UPDATED, Api, open_socket, texts

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

CHUNKS = ["Hello", " runner", ", let's", " plan", " your 5k!"]


class FakeCompletions:
    """An OpenAI-compatible chat-completions endpoint that streams a fixed reply over SSE."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, Any], str | None]] = []
        # The client's (host, port) of each request: one connection reused shows one peer.
        self.peers: list[tuple[str, int]] = []
        # Each chunk is held back until the test releases it, so it sees every step.
        self.release: asyncio.Queue[None] = asyncio.Queue()
        self.app = Starlette(
            routes=[Route("/v1/chat/completions", self.completions, methods=["POST"])]
        )

    async def completions(self, request: Request) -> StreamingResponse:
        self.requests.append((await request.json(), request.headers.get("authorization")))
        assert request.client is not None
        self.peers.append((request.client.host, request.client.port))
        return StreamingResponse(self._events(), media_type="text/event-stream")

    async def _events(self) -> AsyncIterator[str]:
        yield _sse({"choices": [{"index": 0, "delta": {"role": "assistant"}}]})
        for chunk in CHUNKS:
            await self.release.get()
            yield _sse({"choices": [{"index": 0, "delta": {"content": chunk}}]})
        yield _sse({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        yield "data: [DONE]\n\n"


def _sse(payload: dict[str, Any]) -> str:
    return f"data: {json.dumps(payload)}\n\n"


async def test_tokens_stream_into_the_coach_reply(
    serve_subgraph: ServeSubgraph, settings: Settings, test_keys: TestKeys
) -> None:
    fake = FakeCompletions()
    async with serve_in_loop(fake.app) as llm_url:
        configured = settings.model_copy(
            update={
                "coach_openai_base_url": f"{llm_url}/v1",
                "coach_openai_api_key": SecretStr("sk-test"),
                "coach_openai_model": "coach-mini",
                # The fake model server is on loopback, which the URL guard refuses otherwise.
                "outbound_allowed_networks": ["127.0.0.0/8"],
            }
        )
        async with serve_subgraph(subgraph, settings_override=configured) as url:
            alice = Api(url, test_keys, "alice")
            coach = (await alice.data("mutation { openCoachConversation { id } }"))[
                "openCoachConversation"
            ]["id"]
            async with open_socket(url, test_keys.token("alice")) as socket:
                added = await socket.subscribe(MESSAGE_ADDED, c=coach)
                updated = await socket.subscribe(MESSAGE_UPDATED, c=coach)

                async def send() -> None:
                    await alice.send(coach, "Help me train for a 5k")

                # The user's own message coming back proves `added` is live; a
                # single chunk cannot finish the reply, so nothing is missed after.
                await socket.until_live(added, send)
                fake.release.put_nowait(None)
                fake.release.put_nowait(None)
                first = await socket.next_data(
                    added, lambda d: d["messageAdded"]["author"] == "COACH"
                )
                assert first["messageAdded"]["text"] == "Hello"
                assert first["messageAdded"]["isStreaming"] is True

                seen = []
                for count in range(2, len(CHUNKS) + 1):
                    if count < len(CHUNKS):
                        fake.release.put_nowait(None)
                    data = await socket.next_data(updated, lambda d: True)
                    seen.append(data["messageUpdated"])
                assert [m["text"] for m in seen] == [
                    "".join(CHUNKS[:n]) for n in range(2, len(CHUNKS) + 1)
                ]
                assert [m["isStreaming"] for m in seen] == [True, True, True, False]
                assert {m["id"] for m in seen} == {first["messageAdded"]["id"]}

            history = (await alice.data(HISTORY, c=coach, first=5))["messages"]
            assert texts(history)[0] == "".join(CHUNKS)
            assert history["edges"][0]["node"]["isStreaming"] is False

    body, authorization = fake.requests[0]
    assert authorization == "Bearer sk-test"
    assert body["model"] == "coach-mini"
    assert body["stream"] is True
    assert body["messages"][0]["role"] == "system"
    assert body["messages"][-1] == {"role": "user", "content": "Help me train for a 5k"}


async def test_a_coach_url_on_a_private_address_is_never_called() -> None:
    """The coach provider URL goes through the same outbound guard as push endpoints."""
    fake = FakeCompletions()
    async with serve_in_loop(fake.app) as llm_url:
        coach = OpenAICompatibleCoach(base_url=f"{llm_url}/v1", api_key="sk-test", model="m")
        request = CoachRequest(user_id="u", message_id="m", text="hi", today=date(2025, 1, 1))
        reply = await coach.respond(request)
        with pytest.raises(RefusedUrl):
            await anext(reply.chunks)
        await coach.aclose()
    assert fake.requests == []


async def test_replies_share_one_client_and_its_connection() -> None:
    """One HTTP client for the coach's life: the second reply reuses the first's connection."""
    fake = FakeCompletions()
    async with serve_in_loop(fake.app) as llm_url:
        guard = UrlGuard(allowed_networks=tuple(parse_networks(["127.0.0.0/8"])))
        coach = OpenAICompatibleCoach(
            base_url=f"{llm_url}/v1", api_key=None, model="m", guard=guard
        )
        request = CoachRequest(user_id="u", message_id="m", text="hi", today=date(2025, 1, 1))
        try:
            for _ in range(2):
                for _ in CHUNKS:
                    fake.release.put_nowait(None)
                reply = await coach.respond(request)
                assert "".join([chunk async for chunk in reply.chunks]) == "".join(CHUNKS)
        finally:
            await coach.aclose()
    assert len(fake.peers) == 2
    assert fake.peers[0] == fake.peers[1]
