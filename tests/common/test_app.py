"""The app factory, through a tiny subgraph served on a real uvicorn server."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import strawberry

from common.app import Runtime, SubgraphDefinition, SubgraphHost
from common.auth import StaticKeySource
from common.errors import BadUserInput
from common.graphql.context import RequestContext
from common.graphql.schema import build_schema
from common.infra import Infrastructure, open_infrastructure
from common.settings import GoalsSettings, Settings, UsersSettings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys


@dataclass
class Services:
    greeting: str


Info = strawberry.Info[RequestContext[Services], None]


@strawberry.type(description="Probe queries.")
class Query:
    @strawberry.field(description="Greets the caller.")
    async def hello(self, info: Info) -> str:
        viewer = await info.context.require_viewer()
        return f"{info.context.services.greeting} {viewer.user_id}"

    @strawberry.field(description="Always rejects its input.")
    def reject(self) -> str:
        raise BadUserInput("Title must not be empty.", field="title")

    @strawberry.field(description="Fails unexpectedly.")
    def crash(self) -> str:
        raise RuntimeError("database password is hunter2")


@strawberry.type(description="Probe mutations.")
class Mutation:
    @strawberry.mutation(description="Writes as the caller.")
    async def touch(self, info: Info) -> str:
        viewer = await info.context.require_viewer()
        return f"touched by {viewer.user_id}"


async def _build(runtime: Runtime) -> Services:
    return Services(greeting="hello")


DEFINITION = SubgraphDefinition(
    name="probe",
    schema=build_schema("probe", query=Query, mutation=Mutation),
    models=[],
    build=_build,
)


async def _post(url: str, query: str, headers: dict[str, str] | None = None) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{url}/graphql", json={"query": query}, headers=headers or {})
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
async def probe(serve_subgraph: ServeSubgraph) -> Any:
    async with serve_subgraph(DEFINITION) as url:
        yield url


async def test_verified_token_identifies_the_caller(probe: str, test_keys: TestKeys) -> None:
    body = await _post(probe, "{ hello }", test_keys.bearer("user-1"))
    assert body == {"data": {"hello": "hello user-1"}}


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Authentication required."),
        ({"Authorization": "Bearer not.a.jwt"}, "The token is malformed."),
        ({"Authorization": "Basic abc"}, "Authorization must be 'Bearer <token>'."),
    ],
)
async def test_missing_or_bad_tokens_are_unauthenticated(
    probe: str, headers: dict[str, str], message: str
) -> None:
    body = await _post(probe, "{ hello }", headers)
    assert body["errors"][0]["message"] == message
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_expired_token_is_unauthenticated(probe: str, test_keys: TestKeys) -> None:
    body = await _post(probe, "{ hello }", test_keys.bearer("user-1", ttl=-120))
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "expired" in body["errors"][0]["message"]


async def test_a_client_header_claiming_identity_is_ignored(probe: str) -> None:
    body = await _post(probe, "{ hello }", {"X-User-Id": "admin", "X-Roles": "admin"})
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_domain_errors_keep_their_code_and_field(probe: str) -> None:
    body = await _post(probe, "{ reject }")
    assert body["errors"][0]["message"] == "Title must not be empty."
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "title"}


async def test_internal_errors_are_masked_and_carry_the_request_id(
    probe: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{probe}/graphql", json={"query": "{ crash }"}, headers={"X-Request-ID": "req-42"}
        )
    error = response.json()["errors"][0]
    assert error["message"] == "Internal server error."
    assert "hunter2" not in response.text
    assert error["extensions"] == {"code": "INTERNAL", "requestId": "req-42"}
    assert response.headers["x-request-id"] == "req-42"
    assert any("hunter2" in (r.exc_text or "") for r in caplog.records)


async def test_validation_errors_have_a_code(probe: str) -> None:
    body = await _post(probe, "{ nope }")
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


async def test_health_reports_each_dependency(probe: str) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{probe}/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "ready": True,
        "subgraph": "probe",
        "checks": {
            "database": "ok",
            "broker": "ok",
            "redis": "ok",
            "task:probe:outbox-relay": "ok",
        },
    }


async def test_federation_service_sdl_is_served(probe: str) -> None:
    body = await _post(probe, "{ _service { sdl } }")
    assert "hello: String!" in body["data"]["_service"]["sdl"]


async def test_loaders_are_per_request_over_http_and_per_use_over_websockets() -> None:
    from starlette.requests import Request
    from starlette.websockets import WebSocket

    from common.auth import StaticKeySource, TokenVerifier

    verifier = TokenVerifier(
        StaticKeySource(TestKeys(issuer="i", audience="a").key_set), issuer="i", audience="a"
    )

    def context(request: Request | WebSocket) -> RequestContext[None]:
        return RequestContext(request, None, verifier, None, "r")

    http = context(Request({"type": "http", "headers": []}))
    assert http.loader("users", object) is http.loader("users", object)
    ws = context(WebSocket({"type": "websocket", "headers": []}, _never, _never))
    assert ws.loader("users", object) is not ws.loader("users", object)


async def _never(*_: Any) -> Any:
    raise AssertionError("not used")


async def test_a_read_only_token_may_query_but_never_mutate(
    probe: str, test_keys: TestKeys
) -> None:
    read_only = test_keys.bearer("user-1", scope="read")
    assert await _post(probe, "{ hello }", read_only) == {"data": {"hello": "hello user-1"}}
    refused = await _post(probe, "mutation { touch }", read_only)
    assert refused["errors"][0]["extensions"] == {"code": "FORBIDDEN", "scope": "write"}
    writer = test_keys.bearer("user-1", scope="read write")
    assert await _post(probe, "mutation { touch }", writer) == {
        "data": {"touch": "touched by user-1"}
    }
    member = test_keys.bearer("user-1")
    assert await _post(probe, "mutation { touch }", member) == {
        "data": {"touch": "touched by user-1"}
    }


async def test_stop_closes_what_services_hold_after_their_background_work(
    infra: Infrastructure, caplog: pytest.LogCaptureFixture
) -> None:
    happened: list[str] = []
    running = asyncio.Event()

    async def loop() -> None:
        running.set()
        try:
            await asyncio.Event().wait()
        finally:
            happened.append("loop stopped")

    async def close(name: str) -> None:
        happened.append(f"{name} closed")

    async def broken() -> None:
        raise OSError("already gone")

    async def build(runtime: Runtime) -> Services:
        runtime.spawn(loop, name="loop")
        runtime.on_stop(lambda: close("first"))
        runtime.on_stop(broken)
        runtime.on_stop(lambda: close("last"))
        return Services(greeting="hello")

    host = SubgraphHost(
        SubgraphDefinition(name="closing", schema=DEFINITION.schema, models=[], build=build)
    )
    await host.start(infra)
    await running.wait()
    assert happened == []
    with caplog.at_level(logging.ERROR, logger="common.app"):
        await host.stop()
    assert happened == ["loop stopped", "last closed", "first closed"]
    assert "closing a subgraph resource failed" in caplog.text


async def test_a_subgraph_reads_its_own_section_and_no_other(
    infra: Infrastructure, in_process_settings: Settings, test_keys: TestKeys
) -> None:
    seen: list[int] = []

    async def build(runtime: Runtime) -> Services:
        seen.append(runtime.settings(GoalsSettings).goals_calendar_max_days)
        return Services(greeting="hello")

    definition = SubgraphDefinition(
        name="reader", schema=DEFINITION.schema, models=[], build=build, settings=GoalsSettings
    )
    # Every section at once (`lifegraph up`, the suite's settings): the subgraph finds its own.
    host = SubgraphHost(definition)
    await host.start(infra)
    await host.stop()
    assert seen == [366]

    # A process that loaded another subgraph's section has not checked this one's settings.
    users_only = UsersSettings(
        **{name: getattr(in_process_settings, name) for name in UsersSettings.model_fields}
    )
    async with open_infrastructure(
        users_only, key_source=StaticKeySource(test_keys.key_set)
    ) as other:
        with pytest.raises(
            TypeError, match="reads GoalsSettings; this process loaded UsersSettings"
        ):
            await SubgraphHost(definition).start(other)
    assert seen == [366]
