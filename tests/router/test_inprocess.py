"""The in-process transport on its own: what a socket gave the router, an ASGI call keeps.

The apps here are small ASGI stand-ins for a subgraph, so the exchange itself can be
driven into timeouts, failures and shutdown; the real subgraphs behind it are in
tests/lifegraph/test_in_process.py.
"""

from __future__ import annotations

import asyncio
import contextvars

import pytest
from starlette.types import Receive, Scope, Send

from router.executor import SUBGRAPH_ERROR, SUBGRAPH_UNAVAILABLE, SubgraphClient
from router.executor.errors import SubgraphRequestError
from router.executor.inprocess import AsgiTransport

URL = "http://127.0.0.1:4000/subgraphs/goals/graphql"
ROUTER_SIDE: contextvars.ContextVar[str] = contextvars.ContextVar("router_side", default="")


async def answer(send: Send, body: bytes, status: int = 200) -> None:
    headers = [(b"content-type", b"application/json")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Recorder:
    """Answers `{"data": ...}` with what it saw of the request."""

    def __init__(self) -> None:
        self.scope: Scope = {}
        self.body = b""
        self.seen_context = ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.scope = scope
        self.body = (await receive())["body"]
        self.seen_context = ROUTER_SIDE.get()
        await answer(send, b'{"data":{"ok":true}}')


def client(app: object, *, timeout: float = 5.0) -> SubgraphClient:
    transport = AsgiTransport(app, URL, root_path="/subgraphs/goals")  # type: ignore[arg-type]
    return SubgraphClient(
        "goals", URL, timeout, headers={"x-lifegraph-router-secret": "s"}, transport=transport
    )


async def test_the_request_arrives_as_over_http_from_the_urls_host() -> None:
    app = Recorder()
    goals = client(app)
    try:
        ROUTER_SIDE.set("the router's request")
        result = await goals.request({"query": "{ ok }"}, {"authorization": "Bearer t"})
    finally:
        await goals.close()
    assert result == {"data": {"ok": True}}
    scope = app.scope
    assert (scope["method"], scope["path"], scope["root_path"]) == (
        "POST",
        "/subgraphs/goals/graphql",
        "/subgraphs/goals",
    )
    headers = dict(scope["headers"])
    # The session's headers (the router secret) and the request's, as aiohttp sends them.
    assert headers[b"x-lifegraph-router-secret"] == b"s"
    assert headers[b"authorization"] == b"Bearer t"
    assert headers[b"content-type"] == b"application/json"
    # The peer a loopback connection would have had: the subgraph decides its trust on it.
    assert scope["client"][0] == "127.0.0.1"
    assert app.body == b'{"query":"{ ok }"}'
    # Nothing of the router's context reaches the subgraph.
    assert app.seen_context == ""


async def test_an_app_that_fails_is_a_subgraph_error_like_a_500() -> None:
    async def failing(scope: Scope, receive: Receive, send: Send) -> None:
        raise RuntimeError("boom")

    goals = client(failing)
    try:
        with pytest.raises(SubgraphRequestError) as caught:
            await goals.request({"query": "{ ok }"}, {})
    finally:
        await goals.close()
    assert caught.value.code == SUBGRAPH_ERROR
    assert "HTTP 500" in str(caught.value)


async def test_an_unavailable_status_is_unavailable() -> None:
    async def overloaded(scope: Scope, receive: Receive, send: Send) -> None:
        await answer(send, b"busy", status=503)

    goals = client(overloaded)
    try:
        with pytest.raises(SubgraphRequestError) as caught:
            await goals.request({"query": "{ ok }"}, {})
        assert caught.value.code == SUBGRAPH_UNAVAILABLE
        assert not await goals.ping(1.0)
    finally:
        await goals.close()


class Slow:
    """Holds every request until released; records how each one ended."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self.done = asyncio.Event()
        self.ended: list[str] = []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.started.set()
        try:
            await self.release.wait()
        except asyncio.CancelledError:
            self.ended.append("cancelled")
            raise
        finally:
            self.done.set()
        self.ended.append("finished")
        await answer(send, b'{"data":{"ok":true}}')


async def test_a_timeout_leaves_the_subgraph_to_finish_as_a_closed_connection_did() -> None:
    app = Slow()
    goals = client(app, timeout=0.05)
    try:
        with pytest.raises(SubgraphRequestError) as caught:
            await goals.request({"query": "mutation { ok }"}, {})
        assert caught.value.code == SUBGRAPH_UNAVAILABLE
        assert "timed out" in str(caught.value)
        # The caller gave up; the subgraph's work (a write, perhaps) runs to its end.
        app.release.set()
        async with asyncio.timeout(5):
            await app.done.wait()
    finally:
        await goals.close()
    assert app.ended == ["finished"]


async def test_a_cancelled_caller_does_not_cancel_the_subgraph_but_close_does() -> None:
    app = Slow()
    goals = client(app)
    caller = asyncio.create_task(goals.request({"query": "{ ok }"}, {}))
    await app.started.wait()
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await caller
    assert app.ended == []  # still running, as after a client hung up
    await goals.close()  # the router stopping: nothing is left running behind it
    assert app.ended == ["cancelled"]
