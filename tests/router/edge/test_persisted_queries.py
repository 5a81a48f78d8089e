from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from common.settings import Settings
from lifegraph.router_setup import router_setup
from router.app import create_router_app
from router.edge.persisted import RedisPersistedQueries
from tests.router.edge.conftest import SHOP_SUBGRAPHS, EdgeRouter
from tests.router.kit import FIXTURES, Recorder, serve

QUERY = "{ me { id name } }"
SHA = hashlib.sha256(QUERY.encode()).hexdigest()
GQL_RESPONSE = "application/graphql-response+json"


def _apq(sha: str = SHA, **extra: Any) -> dict[str, Any]:
    return {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha}}, **extra}


def _code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


@pytest.fixture
async def client(edge_router: EdgeRouter) -> AsyncIterator[httpx.AsyncClient]:
    async with edge_router() as client:
        yield client


async def test_apq_round_trip(client: httpx.AsyncClient, recorder: Recorder) -> None:
    unknown = await client.post("/graphql", json=_apq())
    assert unknown.status_code == 200
    assert _code(unknown) == "PERSISTED_QUERY_NOT_FOUND"
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert recorder.calls == []
    registered = await client.post("/graphql", json=_apq(query=QUERY))
    assert registered.json() == {"data": {"me": {"id": "1", "name": "Ada Lovelace"}}}
    by_hash = await client.post("/graphql", json=_apq())
    assert by_hash.json() == registered.json()
    over_get = await client.get("/graphql", params={"extensions": json.dumps(_apq()["extensions"])})
    assert over_get.json() == registered.json()


async def test_not_found_is_400_for_graphql_response_clients(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json=_apq(), headers={"accept": GQL_RESPONSE})
    assert response.status_code == 400
    assert _code(response) == "PERSISTED_QUERY_NOT_FOUND"


async def test_hash_mismatch_and_bad_versions(
    client: httpx.AsyncClient, recorder: Recorder
) -> None:
    mismatch = await client.post("/graphql", json=_apq("0" * 64, query=QUERY))
    error = mismatch.json()["errors"][0]
    assert error["extensions"] == {
        "code": "BAD_USER_INPUT",
        "reason": "PERSISTED_QUERY_HASH_MISMATCH",
    }
    version = await client.post(
        "/graphql", json={"extensions": {"persistedQuery": {"version": 2, "sha256Hash": SHA}}}
    )
    assert _code(version) == "BAD_USER_INPUT"
    assert recorder.calls == []
    # nothing was registered by the mismatching request
    assert _code(await client.post("/graphql", json=_apq("0" * 64))) == (
        "PERSISTED_QUERY_NOT_FOUND"
    )


@pytest.mark.redis
async def test_redis_store_is_shared_by_replicas(
    edge_router: EdgeRouter, redis_url: str, unique: str
) -> None:
    redis = Redis.from_url(redis_url)
    store = RedisPersistedQueries(redis, prefix=f"t{unique}", ttl=60)
    try:
        async with edge_router(persisted_queries=store) as first:
            await first.post("/graphql", json=_apq(query=QUERY))
        assert await redis.get(f"t{unique}:apq:{SHA}") == QUERY.encode()
        async with edge_router(persisted_queries=store) as second:
            response = await second.post("/graphql", json=_apq())
        assert response.json()["data"]["me"]["id"] == "1"
    finally:
        await redis.delete(f"t{unique}:apq:{SHA}")
        await redis.aclose()


async def test_safelist_runs_only_registered_operations(
    edge_router: EdgeRouter, recorder: Recorder
) -> None:
    async with edge_router(safelist=True, registered_operations=(QUERY,)) as client:
        by_hash = await client.post("/graphql", json=_apq())
        in_full = await client.post("/graphql", json={"query": QUERY})
        recorder.clear()
        other = await client.post("/graphql", json={"query": "{ me { id } }"})
        sneaky = "{ users { id } }"
        register = await client.post(
            "/graphql", json=_apq(hashlib.sha256(sneaky.encode()).hexdigest(), query=sneaky)
        )
    assert by_hash.json()["data"]["me"]["name"] == "Ada Lovelace"
    assert in_full.json() == by_hash.json()
    assert _code(other) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert _code(register) == "PERSISTED_QUERY_NOT_IN_LIST"
    assert recorder.calls == []


async def test_an_unreachable_store_degrades_to_this_replicas_lru(
    edge_router: EdgeRouter, recorder: Recorder, caplog: pytest.LogCaptureFixture
) -> None:
    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    try:
        async with edge_router(persisted_queries=RedisPersistedQueries(down)) as client:
            unknown = await client.post("/graphql", json=_apq())
            registered = await client.post("/graphql", json=_apq(query=QUERY))
            by_hash = await client.post("/graphql", json=_apq())
            plain = await client.post("/graphql", json={"query": QUERY})
    finally:
        await down.aclose()
    # the client's usual APQ dance still works: not found, register, then by hash
    assert (unknown.status_code, _code(unknown)) == (200, "PERSISTED_QUERY_NOT_FOUND")
    assert registered.status_code == 200
    assert registered.json() == {"data": {"me": {"id": "1", "name": "Ada Lovelace"}}}
    assert by_hash.json() == registered.json()
    assert plain.json() == registered.json()
    assert len(recorder.to("accounts")) == 3
    warnings = [r for r in caplog.records if "persisted query store unavailable" in r.message]
    assert len(warnings) == 1  # once per outage


async def test_safelisted_operations_run_while_the_store_is_unreachable(
    edge_router: EdgeRouter,
) -> None:
    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    try:
        async with edge_router(
            persisted_queries=RedisPersistedQueries(down),
            safelist=True,
            registered_operations=(QUERY,),
        ) as client:
            by_hash = await client.post("/graphql", json=_apq())
    finally:
        await down.aclose()
    assert by_hash.json() == {"data": {"me": {"id": "1", "name": "Ada Lovelace"}}}


@pytest.mark.redis
@pytest.mark.parametrize(
    "query",
    [
        pytest.param("{ me { id ", id="syntax"),
        pytest.param("{ me { nope } }", id="invalid"),
        pytest.param("{ me { id } } { me { id } }", id="ambiguous"),
        pytest.param(
            "{ me " + "{ reviews { author " * 10 + "{ id }" + " } }" * 10 + " }", id="deep"
        ),
    ],
)
async def test_a_hash_is_stored_only_once_its_query_parsed_and_validated(
    edge_router: EdgeRouter, recorder: Recorder, redis_url: str, unique: str, query: str
) -> None:
    redis = Redis.from_url(redis_url)
    sha = hashlib.sha256(query.encode()).hexdigest()
    try:
        store = RedisPersistedQueries(redis, prefix=f"t{unique}", ttl=60)
        async with edge_router(persisted_queries=store, max_depth=10) as client:
            refused = await client.post("/graphql", json=_apq(sha, query=query))
            by_hash = await client.post("/graphql", json=_apq(sha))
        assert _code(refused) == "BAD_USER_INPUT"
        assert _code(by_hash) == "PERSISTED_QUERY_NOT_FOUND"
        assert await redis.exists(f"t{unique}:apq:{sha}") == 0
        assert recorder.calls == []
    finally:
        await redis.aclose()


@pytest.mark.redis
async def test_queries_stored_in_redis_expire_after_the_configured_ttl(
    subgraph_base: str, redis_url: str, unique: str
) -> None:
    settings = Settings(
        environment="test", redis_url=redis_url, redis_prefix=f"t{unique}", apq_ttl_seconds=123
    )
    setup = router_setup(settings, (FIXTURES / "shop.graphql").read_text())
    urls = {n: f"{subgraph_base}/{n}/graphql" for n in SHOP_SUBGRAPHS}
    config = replace(setup.config, subgraph_urls=urls)
    key = f"t{unique}:router:apq:{SHA}"
    try:
        async with (
            serve(create_router_app(config)) as base,
            httpx.AsyncClient(base_url=base) as client,
        ):
            registered = await client.post("/graphql", json=_apq(query=QUERY))
        assert registered.json()["data"]["me"]["id"] == "1"
        assert setup.redis is not None
        assert 0 < await setup.redis.ttl(key) <= 123
    finally:
        if setup.redis is not None:
            await setup.redis.delete(key)
        await setup.close()
