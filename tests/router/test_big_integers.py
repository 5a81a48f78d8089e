"""Integers beyond 64 bits (custom scalars) pass through the router exactly, both ways."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest

from router import jsoncodec
from router.app import create_router_app
from router.composition import SubgraphSource, compose
from router.config import RouterConfig
from tests.router.kit import FixtureSubgraph, Recorder, serve, subgraph_app

HUGE = 123456789012345678901234567890
JUST_OVER_INT64 = -9223372036854775809
JUST_OVER_UINT64 = 18446744073709551616

SDL = """
scalar BigInt
type Query { big: BigInt bigs: [BigInt] echo(value: BigInt): BigInt }
"""


def _numbers() -> FixtureSubgraph:
    return FixtureSubgraph(
        name="numbers",
        sdl=SDL,
        root={
            "big": lambda _info: HUGE,
            "bigs": lambda _info: [JUST_OVER_INT64, JUST_OVER_UINT64, 7],
            "echo": lambda _info, value=None: value,
        },
    )


@pytest.fixture
async def numbers_router() -> AsyncIterator[tuple[httpx.AsyncClient, Recorder]]:
    recorder = Recorder()
    async with serve(subgraph_app([_numbers()], recorder)) as base:
        linked = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3")\n' + SDL
        url = f"{base}/numbers/graphql"
        sdl = compose([SubgraphSource("numbers", url, linked)]).supergraph_sdl
        app = create_router_app(RouterConfig(supergraph_sdl=sdl))
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://router"
            ) as client,
        ):
            yield client, recorder


def test_the_codec_keeps_big_integers_exact() -> None:
    text = json.dumps({"a": HUGE, "b": [JUST_OVER_INT64, JUST_OVER_UINT64], "c": 1.5})
    for raw in (text, text.encode()):
        decoded = jsoncodec.loads(raw)
        assert decoded == {"a": HUGE, "b": [JUST_OVER_INT64, JUST_OVER_UINT64], "c": 1.5}
        assert all(type(v) is int for v in (decoded["a"], *decoded["b"]))
    assert json.loads(jsoncodec.dumps(decoded)) == decoded
    # 64-bit values and ordinary documents stay on the fast path, and stay exact
    assert jsoncodec.loads(b"[9223372036854775807, -9223372036854775808, 0.1]") == [
        9223372036854775807,
        -9223372036854775808,
        0.1,
    ]
    with pytest.raises(jsoncodec.DecodeError):
        jsoncodec.loads(b'{"a": 1234567890123456789012345')


async def test_big_integers_from_a_subgraph_reach_the_client_exactly(
    numbers_router: tuple[httpx.AsyncClient, Recorder],
) -> None:
    client, _ = numbers_router
    response = await client.post("/graphql", json={"query": "{ big bigs }"})
    assert response.status_code == 200, response.text
    assert str(HUGE) in response.text
    assert json.loads(response.text) == {
        "data": {"big": HUGE, "bigs": [JUST_OVER_INT64, JUST_OVER_UINT64, 7]}
    }


async def test_big_integers_from_the_client_reach_the_subgraph_exactly(
    numbers_router: tuple[httpx.AsyncClient, Recorder],
) -> None:
    client, recorder = numbers_router
    body = json.dumps({"query": "query($v: BigInt) { echo(value: $v) }", "variables": {"v": HUGE}})
    response = await client.post(
        "/graphql", content=body, headers={"content-type": "application/json"}
    )
    assert json.loads(response.text) == {"data": {"echo": HUGE}}
    (call,) = recorder.calls
    assert call.variables == {"v": HUGE}
