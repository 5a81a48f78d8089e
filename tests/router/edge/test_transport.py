"""The router's HTTP and WebSocket transport: body limits, strict JSON, headers, request
ids, socket origins, the router secret and introspection (docs/security.md "Transport")."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Subprotocol

from common.requestid import RequestIdMiddleware
from common.transport.jsonbody import MAX_JSON_DEPTH
from common.transport.secret import ROUTER_SECRET_HEADER
from router import jsoncodec
from router.app import create_router_app
from router.config import RouterConfig
from router.graphiql import graphiql_csp, graphiql_html
from tests.router.edge.conftest import SHOP_SUBGRAPHS, EdgeRouter
from tests.router.kit import FIXTURES, Recorder, serve

ME = {"query": "{ me { id } }"}
JSON_HEADERS = {"content-type": "application/json"}
PROTOCOL = Subprotocol("graphql-transport-ws")


def _code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


def _deep(levels: int) -> bytes:
    return b'{"query": "{ me { id } }", "variables": {"x": ' + b"[" * levels + b"]" * levels + b"}}"


# -- 1. body limit ---------------------------------------------------------------------


async def test_a_body_over_the_limit_gets_413_before_anything_runs(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    padding = "x" * 2_000
    async with edge_router(max_request_body_bytes=1_000) as client:
        declared = await client.post(
            "/graphql", json={"query": "{ me { id } }", "variables": {"pad": padding}}
        )
        within = await client.post("/graphql", json=ME)

    assert declared.status_code == 413
    assert _code(declared) == "PAYLOAD_TOO_LARGE"
    assert declared.json()["errors"][0]["extensions"]["maxBytes"] == 1_000
    assert within.status_code == 200
    assert len(recorder.calls) == 1  # only the request within the limit reached a subgraph


async def test_a_streamed_body_without_content_length_is_cut_off_at_the_limit(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"query": "{ me { id } }", "variables": {"pad": "'
        for _ in range(64):  # 64 KB, far past the limit, never announced
            yield b"x" * 1024
        yield b'"}}'

    async with edge_router(max_request_body_bytes=4_096) as client:
        response = await client.post("/graphql", content=chunks(), headers=JSON_HEADERS)
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert _code(response) == "PAYLOAD_TOO_LARGE"
    assert recorder.calls == []


async def test_a_malformed_content_length_is_a_bad_request(edge_router: EdgeRouter) -> None:
    # httpx always computes Content-Length itself: the request is written by hand.
    async with edge_router() as client:
        reader, writer = await asyncio.open_connection(client.base_url.host, client.base_url.port)
        writer.write(
            b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1e9\r\n\r\n"
        )
        await writer.drain()
        status_line = await reader.readline()
        writer.close()
    assert status_line.split()[1] == b"400"


# -- 2. bad bodies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(_deep(5_000), id="nested-5000"),
        pytest.param(_deep(MAX_JSON_DEPTH + 1), id="nested-past-limit"),
        pytest.param(b'{"query": "{ me { id } }", "variables": {"x": "\\ud800"}}', id="surrogate"),
        pytest.param(b'{"query": "{ me { id \\udfff } }"}', id="surrogate-in-query"),
        pytest.param(b'{"query": "{ me { id } }", "variables": {"x": "\xff\xfe"}}', id="bad-utf8"),
        pytest.param(b"", id="empty"),
    ],
)
async def test_bad_bodies_get_400_with_a_graphql_error(
    edge_router: EdgeRouter, recorder: Recorder, body: bytes
) -> None:
    async with edge_router() as client:
        response = await client.post("/graphql", content=body, headers=JSON_HEADERS)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert _code(response) == "BAD_USER_INPUT"
    assert recorder.calls == []


async def test_bad_json_in_get_parameters_gets_400(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router() as client:
        deep = await client.get(
            "/graphql", params={"query": "{ me { id } }", "variables": "[" * 5000 + "]" * 5000}
        )
        surrogate = await client.get(
            "/graphql", params={"query": "{ me { id } }", "variables": '{"x": "\\ud800"}'}
        )
    assert (deep.status_code, _code(deep)) == (400, "BAD_USER_INPUT")
    assert (surrogate.status_code, _code(surrogate)) == (400, "BAD_USER_INPUT")
    assert recorder.calls == []


async def test_nesting_within_the_limit_still_runs(edge_router: EdgeRouter) -> None:
    async with edge_router() as client:
        response = await client.post(
            "/graphql", content=_deep(MAX_JSON_DEPTH - 2), headers=JSON_HEADERS
        )
    assert response.status_code == 200
    assert response.json()["data"] == {"me": {"id": "1"}}


# -- 3. security headers ---------------------------------------------------------------


async def test_every_response_carries_the_security_headers(edge_router: EdgeRouter) -> None:
    async with edge_router(max_request_body_bytes=100) as client:
        responses = [
            await client.post("/graphql", json=ME),
            await client.post("/graphql", json={"query": "{ me { id } }", "pad": "x" * 200}),
            await client.post("/graphql", content=b"[[", headers=JSON_HEADERS),
            await client.get("/health"),
            await client.get("/metrics"),
            await client.get("/nowhere"),
        ]
    assert [r.status_code for r in responses] == [200, 413, 400, 200, 200, 404]
    for response in responses:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


async def test_graphiql_gets_a_policy_that_allows_exactly_what_it_loads(
    edge_router: EdgeRouter,
) -> None:
    async with edge_router() as client:
        page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert page.headers.get_list("content-security-policy") == [csp]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    # the one allowance beyond 'self' for styles: this response's nonce, handed to the page
    self_, nonce = directives["style-src"]
    assert self_ == "'self'"
    nonce = nonce.removeprefix("'nonce-").removesuffix("'")
    assert csp == graphiql_csp(nonce)
    assert f'"styleNonce": "{nonce}"' in page.text
    assert directives["default-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    # nothing inline runs: the one <script> without src is a JSON data block
    assert directives["script-src"] == ["'self'"]
    for tag in re.findall(r"<script[^>]*>", page.text):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    # every script and stylesheet is this router's own file, pinned by SRI
    tags = re.findall(r"<script[^>]*src=[^>]*>|<link[^>]*stylesheet[^>]*>", page.text)
    assert len(tags) == 6
    async with edge_router() as client:
        for tag in tags:
            url = re.search(r'(?:src|href)="(graphiql/assets/[^"]+)"', tag)
            integrity = re.search(r'integrity="sha384-([A-Za-z0-9+/=]{64})"', tag)
            assert url is not None, tag
            assert integrity is not None, tag
            served = await client.get(f"/{url[1]}")
            assert served.status_code == 200
            digest = base64.b64encode(hashlib.sha384(served.content).digest()).decode()
            assert digest == integrity[1]
    assert directives["connect-src"] == ["'self'"]  # the fetcher and the socket: this origin
    assert page.text == graphiql_html(None, nonce)


# -- 4. request ids --------------------------------------------------------------------


async def test_one_request_id_the_clients_when_well_formed(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router() as client:
        given = await client.post("/graphql", json=ME, headers={"x-request-id": "client-1"})
        forged = await client.post("/graphql", json=ME, headers={"x-request-id": "a, b"})
        none = await client.post("/graphql", json=ME)
    assert given.headers.get_list("x-request-id") == ["client-1"]
    assert recorder.calls[0].headers["x-request-id"] == "client-1"
    for response in (forged, none):
        (minted,) = response.headers.get_list("x-request-id")
        assert re.fullmatch(r"[0-9a-f]{32}", minted)
    assert recorder.calls[1].headers["x-request-id"] == forged.headers["x-request-id"]


async def test_one_request_id_when_the_router_is_mounted_in_another_app(
    subgraph_base: str, recorder: Recorder
) -> None:
    """The embedded app (lifegraph up) wraps the router in its own request-id layer."""
    urls = {n: f"{subgraph_base}/{n}/graphql" for n in SHOP_SUBGRAPHS}
    router = create_router_app(
        RouterConfig(supergraph_sdl=(FIXTURES / "shop.graphql").read_text(), subgraph_urls=urls)
    )
    outer = Starlette(routes=[Mount("/", app=router)], lifespan=router.router.lifespan_context)
    outer.add_middleware(RequestIdMiddleware)
    async with serve(outer) as base, httpx.AsyncClient(base_url=base) as client:
        minted = await client.post("/graphql", json=ME)
        given = await client.post("/graphql", json=ME, headers={"x-request-id": "c-2"})
        refused = await client.post("/graphql", content=b"[[", headers=JSON_HEADERS)
    (request_id,) = minted.headers.get_list("x-request-id")
    assert recorder.calls[0].headers["x-request-id"] == request_id
    assert given.headers.get_list("x-request-id") == ["c-2"]
    assert len(refused.headers.get_list("x-request-id")) == 1


# -- 5. WebSocket origins --------------------------------------------------------------


def _ws_url(client: httpx.AsyncClient) -> str:
    return str(client.base_url).replace("http://", "ws://") + "/graphql"


async def _handshake(url: str, origin: str | None) -> int:
    """101 when the socket opened, else the HTTP status of the refusal."""
    try:
        async with connect(
            url,
            subprotocols=[PROTOCOL],
            origin=origin,  # type: ignore[arg-type]
        ) as ws:
            await ws.send(json.dumps({"type": "connection_init"}))
            assert json.loads(await ws.recv())["type"] == "connection_ack"
            return 101
    except InvalidStatus as exc:
        return exc.response.status_code


async def test_sockets_from_foreign_origins_are_refused(edge_router: EdgeRouter) -> None:
    async with edge_router(cors_origins=("https://app.example",)) as client:
        url = _ws_url(client)
        host = client.base_url.netloc.decode()
        assert await _handshake(url, "https://evil.example") == 403
        assert await _handshake(url, "null") == 403
        assert await _handshake(url, "https://app.example") == 101
        assert await _handshake(url, f"http://{host}") == 101  # same origin (GraphiQL)
        assert await _handshake(url, None) == 101  # not a browser


async def test_socket_messages_that_are_not_strict_json_close_with_4400(
    edge_router: EdgeRouter,
) -> None:
    async with edge_router() as client:
        url = _ws_url(client)
        for message in (
            "[" * 5000 + "]" * 5000,
            '{"type": "connection_init", "payload": {"a": "\\ud800"}}',
        ):
            async with connect(url, subprotocols=[PROTOCOL]) as ws:
                await ws.send(message)
                with pytest.raises(ConnectionClosed):
                    await ws.recv()
                assert ws.close_code == 4400


# -- 6. the router secret and introspection ----------------------------------------------


async def test_the_router_sends_its_secret_on_every_subgraph_call(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    headers = {ROUTER_SECRET_HEADER: "s3cret"}
    async with edge_router(subgraph_headers=headers) as client:
        await client.post("/graphql", json={"query": "{ me { id reviews { body } } }"})
    assert len(recorder.calls) >= 2
    assert {c.headers[ROUTER_SECRET_HEADER] for c in recorder.calls} == {"s3cret"}


async def test_a_client_cannot_send_the_secret_header_through(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router() as client:
        await client.post("/graphql", json=ME, headers={ROUTER_SECRET_HEADER: "guess"})
    assert ROUTER_SECRET_HEADER not in recorder.calls[0].headers


async def test_introspection_can_be_turned_off(edge_router: EdgeRouter, recorder: Recorder) -> None:
    async with edge_router(introspection=False) as client:
        schema = await client.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        one_type = await client.post(
            "/graphql", json={"query": '{ __type(name: "User") { name } }'}
        )
        typename = await client.post("/graphql", json={"query": "{ me { __typename id } }"})
    for refused in (schema, one_type):
        assert _code(refused) == "BAD_USER_INPUT"
        assert "introspection" in refused.json()["errors"][0]["message"].lower()
    assert typename.json()["data"] == {"me": {"__typename": "User", "id": "1"}}
    assert len(recorder.calls) == 1


def test_a_lone_surrogate_from_a_subgraph_is_written_escaped() -> None:
    decoded = jsoncodec.loads(b'{"data": {"name": "\\ud800", "n": 12345678901234567890123}}')
    encoded = jsoncodec.dumps(decoded)
    assert encoded == b'{"data":{"name":"\\ud800","n":12345678901234567890123}}'


async def test_a_socket_handshake_answers_with_one_request_id(edge_router: EdgeRouter) -> None:
    async with edge_router() as client:
        url = _ws_url(client)
        async with connect(
            url, subprotocols=[PROTOCOL], additional_headers={"x-request-id": "w-1"}
        ) as ws:
            assert ws.response is not None
            assert ws.response.headers.get_all("x-request-id") == ["w-1"]
        async with connect(url, subprotocols=[PROTOCOL]) as ws:
            assert ws.response is not None
            assert len(ws.response.headers.get_all("x-request-id")) == 1
