"""Every subgraph's transport, through the app factory on a real uvicorn server: body
limits, strict JSON, security headers, one request id, and the router secret."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import strawberry
from pydantic import SecretStr
from strawberry.scalars import JSON
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.typing import Subprotocol

from common.app import Runtime, SubgraphDefinition, SubgraphHost
from common.graphql.context import RequestContext
from common.graphql.schema import build_schema
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.transport.jsonbody import MAX_JSON_DEPTH, MalformedJson, check_json, loads_exact
from common.transport.secret import ROUTER_SECRET_HEADER, MissingRouterSecret
from lifegraph.router_setup import introspection_enabled, router_setup


@dataclass
class Services:
    recorded: list[str] = field(default_factory=list)


Info = strawberry.Info[RequestContext[Services], None]
RECORDED: list[Services] = []


@strawberry.type(description="Probe queries.")
class Query:
    @strawberry.field(description="Answers anyone.")
    def ping(self) -> str:
        return "pong"

    @strawberry.field(description="Its argument, as it arrived.")
    def echo(self, value: JSON) -> JSON:
        return value


@strawberry.type(description="Probe mutations.")
class Mutation:
    @strawberry.mutation(description="Stores its argument.")
    def record(self, info: Info, text: str) -> int:
        info.context.services.recorded.append(text)
        return len(info.context.services.recorded)


@strawberry.type(description="Probe subscriptions.")
class Subscription:
    @strawberry.subscription(description="One tick.")
    async def tick(self) -> AsyncIterator[int]:
        yield 1


async def _build(runtime: Runtime) -> Services:
    services = Services()
    RECORDED.append(services)
    return services


DEFINITION = SubgraphDefinition(
    name="transport",
    schema=build_schema("transport", query=Query, mutation=Mutation, subscription=Subscription),
    models=[],
    build=_build,
)
RECORD = {"query": 'mutation { record(text: "x") }'}
JSON_HEADERS = {"content-type": "application/json"}
PROTOCOL = Subprotocol("graphql-transport-ws")


def _code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


def _recorded() -> list[str]:
    return RECORDED[-1].recorded


@pytest.fixture
async def probe(serve_subgraph: ServeSubgraph, settings: Settings) -> AsyncIterator[str]:
    small = settings.model_copy(update={"max_request_body_bytes": 20_000})
    async with serve_subgraph(DEFINITION, settings_override=small) as url:
        yield url


@pytest.fixture
async def guarded(serve_subgraph: ServeSubgraph, settings: Settings) -> AsyncIterator[str]:
    with_secret = settings.model_copy(update={"router_secret": SecretStr("s3cret")})
    async with serve_subgraph(DEFINITION, settings_override=with_secret) as url:
        yield url


# -- body limit and bad bodies ---------------------------------------------------------


async def test_a_body_over_the_limit_gets_413_and_runs_nothing(probe: str) -> None:
    async with httpx.AsyncClient() as client:
        big = {"query": 'mutation { record(text: "' + "x" * 30_000 + '") }'}
        declared = await client.post(f"{probe}/graphql", json=big)

        async def stream() -> AsyncIterator[bytes]:
            yield b'{"query": "mutation { record(text: \\"'
            for _ in range(32):
                yield b"x" * 1024
            yield b'\\") }"}'

        streamed = await client.post(f"{probe}/graphql", content=stream(), headers=JSON_HEADERS)
    for response in (declared, streamed):
        assert response.status_code == 413
        assert _code(response) == "PAYLOAD_TOO_LARGE"
    assert _recorded() == []


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            b'{"query": "mutation { record(text: \\"x\\") }", "variables": {"v": '
            + b"[" * 5_000
            + b"]" * 5_000
            + b"}}",
            id="nested-5000",
        ),
        pytest.param(b'{"query": "mutation { record(text: \\"\\ud800\\") }"}', id="surrogate"),
        pytest.param(b'{"query": "mutation { record(text: \\"\xc3\x28\\") }"}', id="bad-utf8"),
        pytest.param(b"", id="empty"),
    ],
)
async def test_bad_bodies_get_400_with_a_graphql_error(probe: str, body: bytes) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{probe}/graphql", content=body, headers=JSON_HEADERS)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    assert _code(response) == "BAD_USER_INPUT"
    assert _recorded() == []


async def test_the_app_gets_the_body_the_middleware_checked_big_integers_exact(
    probe: str,
) -> None:
    value = {"n": 123456789012345678901234567890, "s": "x\u00e9", "l": [1.5, None]}
    body = {"query": "query($v: JSON!) { echo(value: $v) }", "variables": {"v": value}}
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{probe}/graphql", content=json.dumps(body), headers=JSON_HEADERS
        )
    assert json.loads(response.text) == {"data": {"echo": value}}


async def test_bad_json_in_get_parameters_gets_400(probe: str) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(
            f"{probe}/graphql",
            params={"query": "{ ping }", "variables": "[" * 5_000 + "]" * 5_000},
        )
    assert (response.status_code, _code(response)) == (400, "BAD_USER_INPUT")


async def test_socket_messages_that_are_not_strict_json_close_with_4400(probe: str) -> None:
    url = probe.replace("http://", "ws://") + "/graphql"
    deep = "[" * 5_000 + "]" * 5_000
    surrogate = '{"type": "connection_init", "payload": {"a": "\\ud800"}}'
    for message in (deep, surrogate, "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)):
        async with connect(url, subprotocols=[PROTOCOL]) as ws:
            await ws.send(message)
            with pytest.raises(ConnectionClosed):
                await ws.recv()
            assert ws.close_code == 4400


# -- headers and request ids -----------------------------------------------------------


async def test_every_response_carries_the_security_headers(probe: str) -> None:
    async with httpx.AsyncClient() as client:
        responses = [
            await client.post(f"{probe}/graphql", json={"query": "{ ping }"}),
            await client.post(f"{probe}/graphql", json={"query": "x" * 30_000}),
            await client.post(f"{probe}/graphql", content=b"[[", headers=JSON_HEADERS),
            await client.get(f"{probe}/health"),
            await client.get(f"{probe}/graphql", headers={"accept": "text/html"}),
        ]
    assert [r.status_code for r in responses] == [200, 413, 400, 200, 200]
    for response in responses:
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert len(response.headers.get_list("x-request-id")) == 1


async def test_one_request_id_the_clients_when_well_formed(probe: str) -> None:
    async with httpx.AsyncClient() as client:
        given = await client.post(
            f"{probe}/graphql", json={"query": "{ ping }"}, headers={"x-request-id": "r-1"}
        )
        forged = await client.post(
            f"{probe}/graphql", json={"query": "{ ping }"}, headers={"x-request-id": "a, b"}
        )
    assert given.headers.get_list("x-request-id") == ["r-1"]
    assert len(forged.headers.get_list("x-request-id")) == 1
    assert forged.headers["x-request-id"] != "a, b"


# -- the router secret -----------------------------------------------------------------


async def test_without_the_router_secret_a_guarded_subgraph_answers_no_one(guarded: str) -> None:
    async with httpx.AsyncClient() as client:
        anonymous = await client.post(f"{guarded}/graphql", json=RECORD)
        wrong = await client.post(
            f"{guarded}/graphql", json=RECORD, headers={ROUTER_SECRET_HEADER: "s3creT"}
        )
        service = await client.post(f"{guarded}/graphql", json={"query": "{ _service { sdl } }"})
        schema = await client.post(
            f"{guarded}/graphql", json={"query": "{ __schema { types { name } } }"}
        )
        health = await client.get(f"{guarded}/health")
    for refused in (anonymous, wrong, service, schema):
        assert refused.status_code == 403
        assert _code(refused) == "FORBIDDEN"
    assert _recorded() == []
    assert health.status_code == 200  # probes stay open


async def test_calls_carrying_the_router_secret_are_served(guarded: str) -> None:
    secret = {ROUTER_SECRET_HEADER: "s3cret"}
    async with httpx.AsyncClient() as client:
        recorded = await client.post(f"{guarded}/graphql", json=RECORD, headers=secret)
        service = await client.post(
            f"{guarded}/graphql", json={"query": "{ _service { sdl } }"}, headers=secret
        )
    assert recorded.json() == {"data": {"record": 1}}
    assert "ping: String!" in service.json()["data"]["_service"]["sdl"]


async def test_sockets_need_the_router_secret_too(guarded: str) -> None:
    url = guarded.replace("http://", "ws://") + "/graphql"
    with pytest.raises(InvalidStatus) as refused:
        async with connect(url, subprotocols=[PROTOCOL]):
            pass
    assert refused.value.response.status_code == 403
    async with connect(
        url,
        subprotocols=[PROTOCOL],
        additional_headers={ROUTER_SECRET_HEADER: "s3cret"},
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await ws.recv())["type"] == "connection_ack"


def test_outside_development_nothing_starts_without_the_secret() -> None:
    production = Settings(environment="production", redis_url=None, amqp_url=None)
    with pytest.raises(MissingRouterSecret):
        SubgraphHost(DEFINITION, production)
    with pytest.raises(MissingRouterSecret):
        router_setup(production, "")
    SubgraphHost(DEFINITION, Settings(environment="development"))  # `lifegraph up`
    SubgraphHost(DEFINITION, production.model_copy(update={"router_secret": SecretStr("s")}))


def test_router_introspection_is_off_by_default_in_production() -> None:
    assert introspection_enabled(Settings(environment="development"))
    assert not introspection_enabled(Settings(environment="production"))
    assert introspection_enabled(Settings(environment="production", router_introspection=True))
    assert not introspection_enabled(
        Settings(environment="development", router_introspection=False)
    )


def test_served_sockets_hold_messages_to_the_body_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    import lifegraph.cli

    seen: dict[str, Any] = {}
    monkeypatch.setattr(lifegraph.cli, "serve_bounded", lambda app, **options: seen.update(options))
    monkeypatch.setattr(lifegraph.cli, "tune_for_serving", lambda _threshold: None)
    settings = Settings(environment="development", max_request_body_bytes=4_096)
    lifegraph.cli._run(SubgraphHost(DEFINITION, settings).asgi, settings, host="h", port=1)
    assert seen["ws_max_size"] == 4_096


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, True),
        ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), False),
        ('{"a": ' * MAX_JSON_DEPTH + "1" + "}" * MAX_JSON_DEPTH, True),
        ('{"a": ' * (MAX_JSON_DEPTH + 1) + "1" + "}" * (MAX_JSON_DEPTH + 1), False),
        (
            "["
            + "[]," * 10_000
            + '"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]',
            True,
        ),
        ('"' + "[" * 5_000 + '"', True),
        ('{"tasks": [' + ",".join(['{"title": "t"}'] * 5_000) + "]}", True),  # wide
        ('[{"a": ' * (MAX_JSON_DEPTH // 2) + "1" + "}]" * (MAX_JSON_DEPTH // 2), True),
        ('[{"a": ' * (MAX_JSON_DEPTH // 2) + "[1]" + "}]" * (MAX_JSON_DEPTH // 2), False),
        # Deep without a long run of opening brackets.
        ("[[]," * (MAX_JSON_DEPTH - 1) + "[]" + "]" * (MAX_JSON_DEPTH - 1), True),
        ("[[]," * MAX_JSON_DEPTH + "[]" + "]" * MAX_JSON_DEPTH, False),
        ('["\\"' + "[" * 100 + '\\\\", ' + "[" * 10 + "]" * 10 + "]", True),  # escapes
        ('["\\\\", ' + "[" * 100 + "]" * 100 + "]", False),  # an escaped backslash ends it
        ("12", True),
        ('"\\ud83d\\ude00"', True),  # a surrogate pair is one character
        ('"\\ud83d"', False),
        ("[1, 2", False),
        ("NaN", False),
    ],
)
def test_strict_json(text: str, ok: bool) -> None:
    if ok:
        assert check_json(text) == json.loads(text)
        assert check_json(text.encode()) == json.loads(text)
    else:
        with pytest.raises(MalformedJson):
            check_json(text)


def test_exact_loads_keep_big_integers() -> None:
    assert loads_exact(b'{"n": 123456789012345678901234567890}') == {
        "n": 123456789012345678901234567890
    }


@pytest.mark.parametrize(
    "text",
    [
        '{"query": "{ me { id } }", "variables": {"n": 42, "f": 1.5e3, "s": "x\\u00e9"}}',
        '{"n": -18446744073709551616, "m": 9223372036854775807}',
        '{"f": 0.1234567890123456789, "s": "12345678901234567890"}',
        "[123456789012345678, -0, 1e-7, true, null]",
    ],
)
def test_exact_loads_agree_with_the_standard_library(text: str) -> None:
    # One parse (orjson) for ordinary bodies must give exactly what json.loads gives.
    for data in (text, text.encode()):
        loaded = loads_exact(data)
        assert loaded == json.loads(text)
        assert repr(loaded) == repr(json.loads(text))
