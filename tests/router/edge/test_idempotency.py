from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from common.testing.waiting import wait_until
from router.edge.idempotency import (
    Entry,
    Idempotency,
    InMemoryIdempotencyStore,
    RedisIdempotencyStore,
)
from tests.router.kit import FixtureSubgraph, Recorder, router_client

# Setting b2's price to what it already is: other router tests share the fixture's state.
SET = 'mutation Set($price: Int!) { setPrice(id: "b2", price: $price) { price } }'


def _body(price: int = 12) -> dict[str, Any]:
    return {"query": SET, "variables": {"price": price}}


def _code(response: httpx.Response) -> str:
    code: str = response.json()["errors"][0]["extensions"]["code"]
    return code


async def test_a_retried_mutation_runs_once_and_replays_the_first_answer(
    subgraph_base: str, recorder: Recorder
) -> None:
    async with router_client("catalog.graphql", subgraph_base) as client:
        headers = {"idempotency-key": "order-1"}
        first = await client.post("/graphql", json=_body(), headers=headers)
        retry = await client.post("/graphql", json=_body(), headers=headers)
        other_key = await client.post(
            "/graphql", json=_body(), headers={"idempotency-key": "order-2"}
        )
    assert first.json() == {"data": {"setPrice": {"price": 12}}}
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert other_key.json() == first.json()
    assert len(recorder.to("legacy")) == 2


async def test_without_a_key_every_mutation_runs(subgraph_base: str, recorder: Recorder) -> None:
    async with router_client("catalog.graphql", subgraph_base) as client:
        for _ in range(2):
            await client.post("/graphql", json=_body())
    assert len(recorder.to("legacy")) == 2


async def test_a_key_reused_for_another_request_is_refused(
    subgraph_base: str, recorder: Recorder
) -> None:
    async with router_client("catalog.graphql", subgraph_base) as client:
        headers = {"idempotency-key": "k"}
        await client.post("/graphql", json=_body(12), headers=headers)
        reused = await client.post("/graphql", json=_body(13), headers=headers)
    assert reused.status_code == 422
    assert _code(reused) == "IDEMPOTENCY_KEY_REUSED"
    assert len(recorder.to("legacy")) == 1


async def test_a_retry_while_the_first_still_runs_is_told_to_wait(
    subgraph_base: str, recorder: Recorder, fixture_subgraphs: dict[str, FixtureSubgraph]
) -> None:
    legacy = fixture_subgraphs["legacy"]
    legacy.block = asyncio.Event()
    try:
        async with router_client("catalog.graphql", subgraph_base) as client:
            headers = {"idempotency-key": "slow"}
            first = asyncio.create_task(client.post("/graphql", json=_body(), headers=headers))

            async def legacy_called() -> bool:
                return bool(recorder.to("legacy"))

            await wait_until(legacy_called)
            during = await client.post("/graphql", json=_body(), headers=headers)
            legacy.block.set()
            done = await first
            after = await client.post("/graphql", json=_body(), headers=headers)
    finally:
        legacy.block = None
    assert during.status_code == 409
    assert _code(during) == "IDEMPOTENCY_IN_PROGRESS"
    assert during.headers["retry-after"] == "1"
    assert after.json() == done.json() == {"data": {"setPrice": {"price": 12}}}
    assert len(recorder.to("legacy")) == 1


async def test_queries_with_a_key_are_not_remembered(
    subgraph_base: str, recorder: Recorder
) -> None:
    query = {"query": "{ media { id } }"}
    async with router_client("catalog.graphql", subgraph_base) as client:
        headers = {"idempotency-key": "q"}
        first = await client.post("/graphql", json=query, headers=headers)
        second = await client.post("/graphql", json=query, headers=headers)
    assert first.status_code == second.status_code == 200
    assert "idempotent-replayed" not in second.headers
    assert len(recorder.to("media")) == 2


async def test_a_malformed_key_is_refused_before_anything_runs(
    subgraph_base: str, recorder: Recorder
) -> None:
    async with router_client("catalog.graphql", subgraph_base) as client:
        response = await client.post(
            "/graphql", json=_body(), headers={"idempotency-key": "has space"}
        )
    assert response.status_code == 400
    assert _code(response) == "BAD_USER_INPUT"
    assert recorder.to("legacy") == []


async def test_an_unreachable_store_refuses_rather_than_risk_a_second_write(
    subgraph_base: str, recorder: Recorder
) -> None:
    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    try:
        async with router_client(
            "catalog.graphql", subgraph_base, idempotency_store=RedisIdempotencyStore(down)
        ) as client:
            response = await client.post("/graphql", json=_body(), headers={"idempotency-key": "k"})
            plain = await client.post("/graphql", json=_body())
    finally:
        await down.aclose()
    assert response.status_code == 503
    assert _code(response) == "IDEMPOTENCY_UNAVAILABLE"
    assert plain.json() == {"data": {"setPrice": {"price": 12}}}
    assert len(recorder.to("legacy")) == 1


async def test_scopes_never_share_an_answer() -> None:
    idempotency = Idempotency(InMemoryIdempotencyStore(), ttl=60, pending_ttl=60)
    runs: list[str] = []

    async def execute_as(who: str) -> dict[str, Any]:
        runs.append(who)
        return {"data": {"who": who}}

    ada = await idempotency.run("user:ada", "k", "f", lambda: execute_as("ada"))
    bob = await idempotency.run("user:bob", "k", "f", lambda: execute_as("bob"))
    assert (ada.result, bob.result) == ({"data": {"who": "ada"}}, {"data": {"who": "bob"}})
    assert runs == ["ada", "bob"]


async def test_a_failed_execution_frees_the_key() -> None:
    idempotency = Idempotency(InMemoryIdempotencyStore(), ttl=60, pending_ttl=60)

    async def boom() -> dict[str, Any]:
        raise RuntimeError("subgraph client broke")

    async def fine() -> dict[str, Any]:
        return {"data": {"ok": True}}

    with pytest.raises(RuntimeError):
        await idempotency.run("user:ada", "k", "f", boom)
    answer = await idempotency.run("user:ada", "k", "f", fine)
    assert answer.result == {"data": {"ok": True}}
    assert not answer.replayed


@pytest.mark.redis
async def test_redis_store_is_shared_by_replicas(
    subgraph_base: str, recorder: Recorder, redis_url: str, unique: str
) -> None:
    redis = Redis.from_url(redis_url)
    store = RedisIdempotencyStore(redis, prefix=f"t{unique}")
    headers = {"idempotency-key": "shared"}
    try:
        async with router_client(
            "catalog.graphql", subgraph_base, idempotency_store=store
        ) as first:
            one = await first.post("/graphql", json=_body(), headers=headers)
        async with router_client(
            "catalog.graphql", subgraph_base, idempotency_store=store
        ) as second:
            two = await second.post("/graphql", json=_body(), headers=headers)
        keys = [key async for key in redis.scan_iter(f"t{unique}:idempotency:*")]
        assert len(keys) == 1
        assert 0 < await redis.ttl(keys[0]) <= 86_400
    finally:
        async for key in redis.scan_iter(f"t{unique}:idempotency:*"):
            await redis.delete(key)
        await redis.aclose()
    assert two.json() == one.json()
    assert two.headers["idempotent-replayed"] == "true"
    assert len(recorder.to("legacy")) == 1


@pytest.mark.redis
async def test_redis_claim_returns_the_holder(redis_url: str, unique: str) -> None:
    redis = Redis.from_url(redis_url)
    store = RedisIdempotencyStore(redis, prefix=f"t{unique}")
    try:
        assert await store.claim("k", "f", 60) is None
        assert await store.claim("k", "f", 60) == Entry("f")
        await store.finish("k", Entry("f", {"data": {}}), 60)
        assert await store.claim("k", "g", 60) == Entry("f", {"data": {}})
        await store.release("k")
        assert await store.claim("k", "g", 60) is None
    finally:
        await store.release("k")
        await redis.aclose()
