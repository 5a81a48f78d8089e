"""The supergraph's @authenticated, @requiresScopes and @policy, enforced by the router.

Real fixture subgraphs on loopback; the supergraph is composed by our own composition,
and the recorder's calls prove that what was refused was never fetched.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from common.auth import Principal, StaticKeySource, TokenVerifier
from common.testing.tokens import TestKeys
from router.app import create_router_app
from router.authz import PolicyHook
from router.config import RouterConfig
from tests.router.fixtures import secured
from tests.router.kit import Recorder, serve, subgraph_app

ISSUER, AUDIENCE = "https://lifegraph.test", "lifegraph-test"
CODE = "UNAUTHORIZED_FIELD_OR_TYPE"


@pytest.fixture(scope="module")
def keys() -> TestKeys:
    return TestKeys(issuer=ISSUER, audience=AUDIENCE)


@pytest.fixture(scope="module")
def calls() -> Recorder:
    return Recorder()


@pytest.fixture(scope="module")
async def base(calls: Recorder) -> AsyncIterator[str]:
    async with serve(subgraph_app(secured.subgraphs(), calls)) as url:
        yield url


class Policies:
    """A policy hook that grants a fixed set and remembers what it was asked."""

    def __init__(self, granted: Iterable[str] = ()) -> None:
        self.granted = set(granted)
        self.asked: list[tuple[frozenset[str], str | None]] = []

    async def __call__(self, policies: frozenset[str], viewer: Principal | None) -> set[str]:
        self.asked.append((policies, viewer.user_id if viewer else None))
        return self.granted


@asynccontextmanager
async def _router(
    base: str, keys: TestKeys, hook: PolicyHook | None = None, **options: Any
) -> AsyncIterator[httpx.AsyncClient]:
    config = RouterConfig(
        supergraph_sdl=secured.supergraph_sdl(),
        subgraph_urls={n: f"{base}/{n}/graphql" for n in ("people", "billing")},
        token_verifier=TokenVerifier(
            StaticKeySource(keys.key_set), issuer=ISSUER, audience=AUDIENCE
        ),
        policy_hook=hook,
        **options,
    )
    app = create_router_app(config)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as client,
    ):
        yield client


async def _post(
    client: httpx.AsyncClient, query: str, headers: dict[str, str] | None = None
) -> Any:
    response = await client.post("/graphql", json={"query": query}, headers=headers or {})
    assert response.status_code == 200, response.text
    return response.json()


def _refused(body: Any) -> list[list[Any]]:
    return [e["path"] for e in body.get("errors", []) if e["extensions"]["code"] == CODE]


def test_composition_carries_the_directives_into_the_supergraph() -> None:
    sdl = secured.supergraph_sdl()
    assert '@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)' in sdl
    assert '@link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)' in sdl
    assert '@link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY)' in sdl
    assert "me: User! @join__field(graph: PEOPLE) @authenticated" in sdl
    assert '@requiresScopes(scopes: [["read:phone"], ["admin", "support"]])' in sdl


async def test_anonymous_gets_null_and_an_error_for_each_refused_field(
    base: str, keys: TestKeys, calls: Recorder
) -> None:
    async with _router(base, keys) as client:
        calls.clear()
        body = await _post(client, "{ users { name email } account { plan } }")
    assert body["data"] == {
        "users": [{"name": "Ada", "email": None}, {"name": "Alan", "email": None}],
        "account": None,
    }
    assert _refused(body) == [["users", "@", "email"], ["account"]]
    assert body["errors"][0]["message"] == "Unauthorized field or type"
    [call] = calls.calls
    assert "email" not in call.query
    assert "account" not in call.query


async def test_a_refused_entity_field_makes_no_call_to_its_subgraph_and_nulls_propagate(
    base: str, keys: TestKeys, calls: Recorder
) -> None:
    async with _router(base, keys) as client:
        calls.clear()
        # balance is Int!: its null takes the (nullable) user with it.
        body = await _post(client, '{ user(id: "1") { name balance } users { name } }')
        assert body["data"] == {"user": None, "users": [{"name": "Ada"}, {"name": "Alan"}]}
        assert _refused(body) == [["user", "balance"]]
        assert calls.to("billing") == []
        # A non-null root field refused: the whole data is null, nothing fetched.
        calls.clear()
        body = await _post(client, "{ me { name } }")
        assert body == {"data": None, "errors": body["errors"]}
        assert _refused(body) == [["me"]]
        assert calls.calls == []


async def test_a_signed_in_viewer_gets_authenticated_fields_but_not_scoped_ones(
    base: str, keys: TestKeys, calls: Recorder
) -> None:
    async with _router(base, keys) as client:
        calls.clear()
        body = await _post(client, '{ user(id: "2") { email balance phone } }', keys.bearer("2"))
    assert body["data"] == {"user": {"email": "alan@example.org", "balance": 200, "phone": None}}
    assert _refused(body) == [["user", "phone"]]
    assert len(calls.to("billing")) == 1


@pytest.mark.parametrize(
    ("scope", "allowed"),
    [("read:phone", True), ("admin support", True), ("admin", False), ("support x", False)],
)
async def test_scopes_are_an_or_of_and_lists(
    base: str, keys: TestKeys, scope: str, allowed: bool
) -> None:
    async with _router(base, keys) as client:
        body = await _post(client, '{ user(id: "1") { id phone } }', keys.bearer("1", scope=scope))
    assert body["data"] == {"user": {"id": "1", "phone": "+100" if allowed else None}}
    assert _refused(body) == ([] if allowed else [["user", "phone"]])


async def test_policies_are_asked_of_the_hook_with_only_the_operations_policies(
    base: str, keys: TestKeys, calls: Recorder
) -> None:
    partly = Policies({"owner"})
    async with _router(base, keys, partly) as client:
        calls.clear()
        body = await _post(client, '{ user(id: "1") { name invoices } }', keys.bearer("1"))
        assert body["data"] == {"user": {"name": "Ada", "invoices": None}}
        assert _refused(body) == [["user", "invoices"]]
        assert calls.to("billing") == []
    assert partly.asked == [(frozenset({"finance", "owner", "recent"}), "1")]
    fully = Policies({"owner", "recent"})
    async with _router(base, keys, fully) as client:
        body = await _post(client, '{ user(id: "1") { invoices } audit }', keys.bearer("1"))
    assert body["data"] == {"user": {"invoices": ["inv-1"]}, "audit": None}
    assert _refused(body) == [["audit"]]


async def test_without_a_hook_no_policy_is_met_and_anonymous_meets_none(
    base: str, keys: TestKeys
) -> None:
    async with _router(base, keys) as client:
        body = await _post(client, "{ audit }", keys.bearer("1"))
    assert body["data"] == {"audit": None}
    everything = Policies({"auditor"})
    async with _router(base, keys, everything) as client:
        body = await _post(client, "{ audit }")
    assert body["data"] == {"audit": None}  # policies need a verified viewer


async def test_a_scope_and_a_policy_together_need_both(base: str, keys: TestKeys) -> None:
    async with _router(base, keys, Policies({"daytime"})) as client:
        scoped = keys.bearer("1", scope="vault")
        assert (await _post(client, "{ vault }", scoped))["data"] == {"vault": "gold bars"}
        unscoped = keys.bearer("1")
        assert (await _post(client, "{ vault }", unscoped))["data"] == {"vault": None}
    async with _router(base, keys, Policies()) as client:
        assert (await _post(client, "{ vault }", scoped))["data"] == {"vault": None}


async def test_a_fragment_on_a_refused_type_comes_back_null_for_objects_of_it(
    base: str, keys: TestKeys, calls: Recorder
) -> None:
    query = "{ nodes { id ... on Public { title } ... on Secret { code } } }"
    async with _router(base, keys) as client:
        calls.clear()
        anonymous = await _post(client, query)
        assert "code" not in calls.calls[0].query
        signed_in = await _post(client, query, keys.bearer("1"))
    assert anonymous["data"] == {
        "nodes": [{"id": "p1", "title": "hello"}, {"id": "s1", "code": None}]
    }
    assert _refused(anonymous) == [["nodes", "@", "code"]]
    assert signed_in == {
        "data": {"nodes": [{"id": "p1", "title": "hello"}, {"id": "s1", "code": "42"}]}
    }


async def test_plans_differ_by_viewer_but_are_cached_per_verdict(base: str, keys: TestKeys) -> None:
    query = '{ user(id: "1") { name email } }'
    async with _router(base, keys) as client:
        for _ in range(2):
            assert (await _post(client, query))["data"] == {"user": {"name": "Ada", "email": None}}
            body = await _post(client, query, keys.bearer("1"))
            assert body == {"data": {"user": {"name": "Ada", "email": "ada@example.org"}}}


async def test_the_setting_off_leaves_every_field_to_the_subgraphs(
    base: str, keys: TestKeys
) -> None:
    async with _router(base, keys, authorization_directives=False) as client:
        body = await _post(client, '{ user(id: "1") { email } }')
    assert body == {"data": {"user": {"email": "ada@example.org"}}}


async def test_a_field_left_with_nothing_selected_is_withheld_too(
    base: str, keys: TestKeys, calls: Recorder
) -> None:
    async with _router(base, keys) as client:
        calls.clear()
        body = await _post(client, '{ user(id: "1") { phone } users { id } }')
    assert body["data"] == {"user": None, "users": [{"id": "1"}, {"id": "2"}]}
    assert _refused(body) == [["user", "phone"]]  # the emptied parent adds no error
    [call] = calls.calls
    assert "user(" not in call.query


async def _over_socket(url: str, query: str, token: str | None) -> Any:
    init: dict[str, Any] = {"type": "connection_init"}
    if token is not None:
        init["payload"] = {"Authorization": f"Bearer {token}"}
    async with connect(url, subprotocols=[Subprotocol("graphql-transport-ws")]) as ws:
        await ws.send(json.dumps(init))
        assert json.loads(await ws.recv())["type"] == "connection_ack"
        await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": query}}))
        message = json.loads(await ws.recv())
        assert message["type"] == "next", message
        return message["payload"]


async def test_operations_over_the_socket_meet_the_directives_with_the_sockets_viewer(
    base: str, keys: TestKeys
) -> None:
    config = RouterConfig(
        supergraph_sdl=secured.supergraph_sdl(),
        subgraph_urls={n: f"{base}/{n}/graphql" for n in ("people", "billing")},
        token_verifier=TokenVerifier(
            StaticKeySource(keys.key_set), issuer=ISSUER, audience=AUDIENCE
        ),
    )
    async with serve(create_router_app(config)) as router:
        url = router.replace("http://", "ws://") + "/graphql"
        query = '{ user(id: "1") { name email } }'
        anonymous = await _over_socket(url, query, None)
        signed_in = await _over_socket(url, query, keys.token("1"))
    assert anonymous["data"] == {"user": {"name": "Ada", "email": None}}
    assert _refused(anonymous) == [["user", "email"]]
    assert signed_in == {"data": {"user": {"name": "Ada", "email": "ada@example.org"}}}


async def test_deferred_parts_are_held_to_the_same_directives(
    base: str, keys: TestKeys, calls: Recorder
) -> None:
    query = '{ users { name ... @defer(label: "private") { email } } }'
    accept = {"accept": "multipart/mixed;deferSpec=20220824, application/json"}
    async with _router(base, keys) as client:
        calls.clear()
        response = await client.post("/graphql", json={"query": query}, headers=accept)
    assert response.status_code == 200, response.text
    parts = [
        json.loads(part.split("\r\n\r\n", 1)[1])
        for part in response.text.split("\r\n--")
        if "\r\n\r\n" in part
    ]
    refused = [
        path
        for part in parts
        for item in part.get("incremental", [part])
        for path in _refused(item)
    ]
    assert refused
    assert all(path[-1] == "email" for path in refused)
    assert all("email" not in call.query for call in calls.calls)
