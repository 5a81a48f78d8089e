"""The one client-address rule: right-most hop not vouched for by a trusted proxy."""

from __future__ import annotations

import pytest
from starlette.requests import Request

from common.clientaddr import CLIENT_IP_HEADER, TrustedProxies
from common.settings import Settings

PROXIES = TrustedProxies(["127.0.0.1", "10.0.0.0/8"])


def request(peer: str | None, headers: list[tuple[str, str]]) -> Request:
    scope = {
        "type": "http",
        "headers": [(k.encode(), v.encode()) for k, v in headers],
        "client": (peer, 1234) if peer else None,
    }
    return Request(scope)


@pytest.mark.parametrize(
    ("peer", "chain", "expected"),
    [
        # A client's forged entries sit to the left of what our proxy appended.
        ("10.1.2.3", ["6.6.6.6", "203.0.113.9", "10.0.0.1"], "203.0.113.9"),
        ("10.1.2.3", ["203.0.113.9"], "203.0.113.9"),
        # An untrusted peer is the client, whatever it says.
        ("192.0.2.1", ["203.0.113.9"], "192.0.2.1"),
        ("192.0.2.1", [], "192.0.2.1"),
        # Garbage written by a trusted hop: count it against that hop.
        ("127.0.0.1", ["garbage"], "127.0.0.1"),
        ("10.1.2.3", ["203.0.113.9", "nonsense", "10.0.0.1"], "10.0.0.1"),
        # Every hop trusted: the left-most is as far as anyone vouches.
        ("127.0.0.1", ["10.0.0.7"], "10.0.0.7"),
        # IPv4 seen through a dual-stack socket still matches IPv4 networks.
        ("::ffff:10.1.2.3", ["203.0.113.9"], "203.0.113.9"),
        (None, ["203.0.113.9"], None),
    ],
)
def test_right_most_untrusted_hop(peer: str | None, chain: list[str], expected: str | None) -> None:
    assert PROXIES.client_address(peer, chain) == expected


def test_repeated_forwarded_for_headers_form_one_chain() -> None:
    headers = [("x-forwarded-for", "6.6.6.6, 203.0.113.9"), ("x-forwarded-for", "10.0.0.1")]
    assert PROXIES.edge_address(request("10.9.9.9", headers)) == "203.0.113.9"


def test_the_edge_ignores_the_router_header_a_client_sends() -> None:
    forged = [(CLIENT_IP_HEADER, "6.6.6.6")]
    assert PROXIES.edge_address(request("127.0.0.1", forged)) == "127.0.0.1"


def test_subgraphs_believe_the_router_header_only_from_a_trusted_peer() -> None:
    sent = [(CLIENT_IP_HEADER, "203.0.113.9"), ("x-forwarded-for", "6.6.6.6")]
    assert PROXIES.subgraph_address(request("127.0.0.1", sent)) == "203.0.113.9"
    assert PROXIES.subgraph_address(request("192.0.2.1", sent)) == "192.0.2.1"
    garbage = [(CLIENT_IP_HEADER, "not-an-address"), ("x-forwarded-for", "203.0.113.9")]
    assert PROXIES.subgraph_address(request("127.0.0.1", garbage)) == "203.0.113.9"


def test_one_setting_and_the_old_hop_count_is_refused_loudly() -> None:
    assert Settings().trusted_proxies == ["127.0.0.1"]
    with pytest.raises(ValueError, match="replaced by trusted_proxies"):
        Settings(router_trusted_proxy_hops=1)
    with pytest.raises(ValueError, match="does not appear to be"):
        Settings(trusted_proxies=["not-a-network"])
