"""Resuming `messageAdded` over the HTTP transports: the same cursors as over the socket."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from common.testing.httpstreams import (
    EVENT_STREAM,
    SUBSCRIPTION_ACCEPT,
    multipart_parts,
    server_sent_events,
)
from tests.e2e.conftest import NewClient, direct_conversation
from tests.e2e.test_resuming import RESUME, _send


async def _results(response: httpx.Response, accept: str) -> AsyncIterator[dict[str, Any]]:
    if accept == EVENT_STREAM:
        async for event, data in server_sent_events(response):
            if event == "next":
                yield json.loads(data)
        return
    async for part in multipart_parts(response):
        if part:  # {} is a heartbeat
            yield part["payload"] if part["payload"] is not None else {"errors": part["errors"]}


@pytest.mark.parametrize("accept", [SUBSCRIPTION_ACCEPT, EVENT_STREAM], ids=["multipart", "sse"])
async def test_a_resumed_http_subscription_gets_what_was_missed_then_live_ones(
    lifegraph: str, new_client: NewClient, accept: str
) -> None:
    ada, grace = new_client(), new_client()
    conversation = await direct_conversation(ada, grace)
    hello = await _send(ada, conversation, "hello")
    missed = [f"missed {i}" for i in range(3)]
    for text in missed:
        await _send(ada, conversation, text)

    async with (
        httpx.AsyncClient(trust_env=False, timeout=30) as http,
        http.stream(
            "POST",
            f"{lifegraph}/graphql",
            json={"query": RESUME, "variables": {"c": conversation, "after": hello}},
            headers={"accept": accept, "authorization": f"Bearer {grace.token}"},
        ) as response,
    ):
        assert response.status_code == 200
        results = _results(response, accept)
        replayed = [(await anext(results))["data"]["messageAdded"] for _ in missed]
        assert [m["text"] for m in replayed] == missed
        assert {m["sender"]["displayName"] for m in replayed} == {"Ada"}
        # Replayed, so the subscription is live: what is sent now comes through it.
        await _send(ada, conversation, "live")
        assert (await anext(results))["data"]["messageAdded"]["text"] == "live"


async def test_a_bad_cursor_ends_an_http_subscription_with_its_code(
    lifegraph: str, new_client: NewClient
) -> None:
    ada, grace = new_client(), new_client()
    conversation = await direct_conversation(ada, grace)
    async with (
        httpx.AsyncClient(trust_env=False, timeout=30) as http,
        http.stream(
            "POST",
            f"{lifegraph}/graphql",
            json={"query": RESUME, "variables": {"c": conversation, "after": "bm90IGEgY3Vyc29y"}},
            headers={
                "accept": SUBSCRIPTION_ACCEPT,
                "authorization": f"Bearer {grace.token}",
            },
        ) as response,
    ):
        parts = [part async for part in multipart_parts(response)]
    assert parts[-1]["payload"] is None
    assert [e["extensions"]["code"] for e in parts[-1]["errors"]] == ["BAD_USER_INPUT"]
