"""Every GraphQL endpoint `lifegraph up` serves, the router's and each real subgraph's
at `/subgraphs/<name>/graphql`, refuses oversized and malformed bodies and documents past
the operation limits, and a refused write stores nothing.

tests/common/test_transport.py proves the transport on a probe subgraph built by the app
factory; this checks that every subgraph really is built that way and served behind it.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from common.testing.hostile import aliases, deep, fragment_explosion
from lifegraph.discovery import discover_subgraphs
from tests.e2e.conftest import NewClient

SUBGRAPHS = sorted(discover_subgraphs())
JSON = {"content-type": "application/json"}
CREATE_GOAL = "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }"
BAD_BODIES = {
    "nested-5000": b'{"query": "{ __typename }", "variables": {"v": '
    + b"[" * 5_000
    + b"]" * 5_000
    + b"}}",
    "surrogate": b'{"query": "{ __typename }", "variables": {"v": "\\ud800"}}',
    "bad-utf8": b'{"query": "{ __typename }", "variables": {"v": "\xc3\x28"}}',
}
OVER_THE_LIMITS = {
    "DEPTH_LIMIT_EXCEEDED": deep(165, root="a", field="b"),
    "ALIAS_LIMIT_EXCEEDED": aliases(1000, "__typename"),
    "HEIGHT_LIMIT_EXCEEDED": fragment_explosion(30),
}


def _extensions(response: httpx.Response) -> dict[str, Any]:
    extensions: dict[str, Any] = response.json()["errors"][0]["extensions"]
    return extensions


def _endpoints(base: str) -> list[str]:
    return [f"{base}/graphql", *(f"{base}/subgraphs/{name}/graphql" for name in SUBGRAPHS)]


def test_every_subgraph_is_checked() -> None:
    assert SUBGRAPHS == [
        "analytics",
        "chat",
        "community",
        "goals",
        "media",
        "notifications",
        "users",
    ]


async def test_oversized_and_malformed_bodies_are_refused_everywhere(
    lifegraph: str, http: httpx.AsyncClient
) -> None:
    big = {"query": "{ __typename }", "variables": {"pad": "x" * (1024 * 1024)}}
    for url in _endpoints(lifegraph):
        response = await http.post(url, json=big)
        assert response.status_code == 413, url
        assert _extensions(response)["code"] == "PAYLOAD_TOO_LARGE", url
        for name, body in BAD_BODIES.items():
            response = await http.post(url, content=body, headers=JSON)
            assert response.status_code == 400, (url, name)
            assert _extensions(response)["code"] == "BAD_USER_INPUT", (url, name)


@pytest.mark.parametrize("reason", sorted(OVER_THE_LIMITS))
async def test_documents_past_the_limits_are_refused_everywhere(
    lifegraph: str, http: httpx.AsyncClient, reason: str
) -> None:
    for url in _endpoints(lifegraph):
        response = await http.post(url, json={"query": OVER_THE_LIMITS[reason]})
        extensions = _extensions(response)
        assert (extensions["code"], extensions["reason"]) == ("BAD_USER_INPUT", reason), url


async def test_an_oversized_create_stores_nothing_at_the_router_or_the_subgraph(
    lifegraph: str, new_client: NewClient
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    goal = {"title": "Run", "area": "HEALTH", "description": "x" * (1024 * 1024)}
    payload = {"query": CREATE_GOAL, "variables": {"i": goal}}
    headers = {"Authorization": f"Bearer {ada.token}"}
    for url in (f"{lifegraph}/graphql", f"{lifegraph}/subgraphs/goals/graphql"):
        response = await ada.http.post(url, json=payload, headers=headers)
        assert response.status_code == 413, url
        assert _extensions(response)["code"] == "PAYLOAD_TOO_LARGE"
    assert (await ada.ok("{ myGoals { nodes { id } } }"))["myGoals"]["nodes"] == []


async def test_representations_with_unknown_fields_are_bad_user_input_on_every_subgraph(
    lifegraph: str, http: httpx.AsyncClient
) -> None:
    query = "query($r: [_Any!]!) { _entities(representations: $r) { __typename } }"
    representation = {"__typename": "User", "id": "u1", "isAdmin": True}
    for name in SUBGRAPHS:
        url = f"{lifegraph}/subgraphs/{name}/graphql"
        response = await http.post(url, json={"query": query, "variables": {"r": [representation]}})
        assert response.status_code == 200, name
        extensions = _extensions(response)
        assert extensions["code"] == "BAD_USER_INPUT", (name, response.json())


async def test_a_create_with_thousands_of_tasks_is_refused_before_conversion_everywhere(
    lifegraph: str, new_client: NewClient
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    goal = {"title": "Run", "area": "HEALTH", "tasks": [{"title": "t"}] * 5_000}
    payload = {"query": CREATE_GOAL, "variables": {"i": goal}}
    headers = {"Authorization": f"Bearer {ada.token}"}
    for url in (f"{lifegraph}/graphql", f"{lifegraph}/subgraphs/goals/graphql"):
        response = await ada.http.post(url, json=payload, headers=headers)
        extensions = _extensions(response)
        refused = (extensions["code"], extensions["reason"])
        assert refused == ("BAD_USER_INPUT", "INPUT_LIMIT_EXCEEDED"), url
    assert (await ada.ok("{ myGoals { nodes { id } } }"))["myGoals"]["nodes"] == []
