"""Property: no operation valid against the public schema makes LifeGraph fail internally.

Hypothesis writes queries and mutations from the composed API schema, with
arguments chosen to hit edges (empty, huge, odd Unicode, extreme numbers and dates),
and sends them through the router as a signed-in user. Every answer must be JSON,
never a 5xx, and never an `INTERNAL` error: bad input gets a clear code.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path
from typing import Any

import httpx
import hypothesis_graphql
from graphql import GraphQLSchema
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import nodes

from router.api_schema import build_api_schema
from tests.e2e.conftest import Client

SUPERGRAPH = Path(__file__).parents[2] / "schema" / "supergraph.graphql"
INTERNAL_CODES = {"INTERNAL", "INTERNAL_SERVER_ERROR"}
EXAMPLES = 150
JSON_HEADERS = {"content-type": "application/json"}

_odd_text = st.text(max_size=40) | st.sampled_from(["", " ", "\ud800", "9" * 400, "$gt", "Ω"])
_dates = st.dates().map(dt.date.isoformat) | _odd_text
_datetimes = (
    st.datetimes(timezones=st.just(dt.UTC)).map(lambda moment: moment.isoformat()) | _odd_text
)
SCALARS = {
    "Date": _dates.map(nodes.String),
    "DateTime": _datetimes.map(nodes.String),
    "JSON": _odd_text.map(nodes.String),
}


def _api_schema() -> GraphQLSchema:
    return build_api_schema(SUPERGRAPH.read_text())


def _problems(response: httpx.Response) -> list[str]:
    if response.status_code >= 500:
        return [f"HTTP {response.status_code}: {response.text[:300]}"]
    try:
        body: dict[str, Any] = response.json()
    except ValueError:
        return [f"not JSON: {response.text[:300]}"]
    return [
        f"{error.get('path')}: {error.get('message')}"
        for error in body.get("errors") or []
        if (error.get("extensions") or {}).get("code") in INTERNAL_CODES
    ]


def _fuzz(url: str, token: str, strategy: st.SearchStrategy[object]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=30.0) as http:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            # No shrinking: a failure is reported with the operation that found it (the
            # assertion prints it), and shrinking a document through a live server can
            # outlast the suite's per-test timeout, which ends the whole run.
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def no_internal_errors(query: object) -> None:
            # json.dumps escapes lone surrogates as a hostile client would send them.
            body = json.dumps({"query": query})
            response = http.post("/graphql", content=body, headers=JSON_HEADERS)
            problems = _problems(response)
            assert not problems, f"{query}\n" + "\n".join(problems)

        no_internal_errors()


async def _signed_in(lifegraph: str) -> str:
    async with httpx.AsyncClient(timeout=30.0) as http:
        client = Client(http, lifegraph)
        await client.sign_up("Fuzz")
        assert client.token is not None
        return client.token


async def test_queries_never_fail_internally(lifegraph: str) -> None:
    token = await _signed_in(lifegraph)
    strategy = hypothesis_graphql.queries(_api_schema(), custom_scalars=SCALARS)
    # The server runs on this loop; Hypothesis drives it from a worker thread.
    await asyncio.to_thread(_fuzz, lifegraph, token, strategy)


async def test_mutations_never_fail_internally(lifegraph: str) -> None:
    token = await _signed_in(lifegraph)
    strategy = hypothesis_graphql.mutations(_api_schema(), custom_scalars=SCALARS)
    await asyncio.to_thread(_fuzz, lifegraph, token, strategy)
