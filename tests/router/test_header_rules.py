"""Header rules: which client headers reach which subgraph, through the real router to
fixture subgraphs that record every header they got."""

from __future__ import annotations

import pytest

from common.testing.httpstreams import DEFER_ACCEPT, multipart_parts
from router.header_rules import HeaderRule, HeaderRules
from tests.router.kit import Recorder, router_client

_QUERY = '{ me { name } product(upc: "1") { name reviews { body } } }'
_CLIENT_HEADERS = {
    "accept-language": "fr",
    "x-tenant": "acme",
    "x-trace-me": "1",
    "x-debug": "yes",
    "cookie": "session=secret",
    "keep-alive": "timeout=5",
    "te": "trailers",
    "x-lifegraph-client-ip": "6.6.6.6",
}
RULES = HeaderRules.parse(
    {
        "all": {
            "request": [
                {"propagate": {"named": "Accept-Language"}},
                {"propagate": {"matching": "x-.*"}},
                # Even a rule that matches everything never passes hop-by-hop ones on.
                {"propagate": {"matching": ".*"}},
                {"remove": {"named": "x-debug"}},
                {"remove": {"named": "cookie"}},
            ]
        },
        "subgraphs": {
            "accounts": [
                {"propagate": {"named": "x-tenant", "rename": "x-account-tenant"}},
                {"propagate": {"named": "x-region", "default": "eu"}},
                {"insert": {"name": "x-source", "value": "router"}},
            ],
            "reviews": [{"remove": {"matching": "x-t.*"}}, {"remove": {"named": "authorization"}}],
        },
    }
)


async def _headers_by_subgraph(
    subgraph_base: str, recorder: Recorder, rules: HeaderRules
) -> dict[str, dict[str, str]]:
    async with router_client(
        "shop.graphql", subgraph_base, header_rules=rules, subgraph_headers={"x-router": "s3"}
    ) as client:
        recorder.clear()
        headers = {**_CLIENT_HEADERS, "authorization": "Bearer t", "x-router": "forged"}
        response = await client.post("/graphql", json={"query": _QUERY}, headers=headers)
        assert response.status_code == 200, response.text
        assert "errors" not in response.json()
    return {call.subgraph: call.headers for call in recorder.calls}


async def test_rules_propagate_rename_insert_and_remove_per_subgraph(
    subgraph_base: str, recorder: Recorder
) -> None:
    got = await _headers_by_subgraph(subgraph_base, recorder, RULES)
    assert set(got) == {"accounts", "products", "reviews"}
    for headers in got.values():
        assert headers["accept-language"] == "fr"
        assert "x-debug" not in headers
        assert "cookie" not in headers
        # hop-by-hop headers describe the client's connection, never a subgraph call
        assert headers.get("keep-alive") != "timeout=5"
        assert "te" not in headers
        # the router's own: its address for the client, its secret, its request id
        assert headers.get("x-lifegraph-client-ip") != "6.6.6.6"
        assert headers["x-router"] == "s3"
    assert got["products"]["x-tenant"] == "acme"
    assert got["accounts"]["x-account-tenant"] == "acme"
    assert got["accounts"]["x-region"] == "eu"
    assert got["accounts"]["x-source"] == "router"
    assert "x-source" not in got["products"]
    assert "x-tenant" not in got["reviews"]
    assert "x-trace-me" not in got["reviews"]
    assert "authorization" not in got["reviews"]
    assert got["products"]["authorization"] == "Bearer t"


async def test_without_rules_only_the_routers_own_headers_go(
    subgraph_base: str, recorder: Recorder
) -> None:
    got = await _headers_by_subgraph(subgraph_base, recorder, HeaderRules())
    for headers in got.values():
        assert "accept-language" not in headers
        assert "x-tenant" not in headers
        assert headers["authorization"] == "Bearer t"


@pytest.mark.parametrize(
    "rule",
    [
        {"propagate": {"named": "connection"}},
        {"propagate": {"named": "x-a", "rename": "transfer-encoding"}},
        {"insert": {"name": "Host", "value": "evil"}},
        {"insert": {"name": "proxy-authorization", "value": "x"}},
        {"insert": {"name": "x-request-id", "value": "mine"}},
        {"propagate": {"matching": "x-.*", "rename": "y"}},
        {"shout": {"named": "x"}},
        {"propagate": {}},
    ],
)
def test_rules_that_could_send_a_forbidden_header_are_refused_at_start(
    rule: dict[str, object],
) -> None:
    with pytest.raises(ValueError, match=r"."):
        HeaderRules.parse({"all": [rule]})


def test_a_rule_is_built_in_python_too() -> None:
    rules = HeaderRules(all=(HeaderRule("propagate", named="X-A", rename="x-b"),))
    assert rules.apply("any", {"x-request-id": "1"}, {"x-a": "v"}) == {
        "x-request-id": "1",
        "x-b": "v",
    }


async def test_deferred_fetches_follow_the_rules(subgraph_base: str, recorder: Recorder) -> None:
    query = '{ product(upc: "1") { name ... @defer { reviews { body } } } }'
    async with router_client("shop.graphql", subgraph_base, header_rules=RULES) as client:
        recorder.clear()
        response = await client.post(
            "/graphql",
            json={"query": query},
            headers={"accept": DEFER_ACCEPT, "accept-language": "fr", "x-tenant": "acme"},
        )
        assert response.status_code == 200, response.text
        parts = [part async for part in multipart_parts(response)]
    assert parts[-1]["hasNext"] is False
    got = {call.subgraph: call.headers for call in recorder.calls}
    assert set(got) == {"products", "reviews"}
    assert got["products"]["x-tenant"] == "acme"
    # The deferred part's own fetch, with the rules for `reviews`.
    assert got["reviews"]["accept-language"] == "fr"
    assert "x-tenant" not in got["reviews"]


def test_propagated_names_what_some_rule_passes_on() -> None:
    client = {"Accept-Language": "fr", "X-Tenant": "acme", "X-Debug": "1", "Cookie": "c"}
    rules = HeaderRules.parse(
        {
            "all": [{"propagate": {"named": "accept-language"}}],
            "subgraphs": {"users": [{"propagate": {"matching": "x-t.*"}}]},
        }
    )
    assert rules.propagated(client) == (("accept-language", "fr"), ("x-tenant", "acme"))
    assert (
        HeaderRules.parse({"all": [{"insert": {"name": "x", "value": "1"}}]}).propagated(client)
        == ()
    )
