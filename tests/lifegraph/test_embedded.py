from __future__ import annotations

import pytest

from common.settings import Settings
from lifegraph.embedded import served_at, subgraph_url


def test_urls_pointing_back_follow_the_port_served() -> None:
    served = served_at(Settings(), port=4300)
    assert served.port == 4300
    assert served.jwks_url == "http://127.0.0.1:4300/subgraphs/users/.well-known/jwks.json"
    assert served.public_base_url == "http://127.0.0.1:4300"
    assert subgraph_url(served, "goals") == "http://127.0.0.1:4300/subgraphs/goals/graphql"


def test_a_wildcard_bind_is_reached_on_loopback() -> None:
    served = served_at(Settings(host="0.0.0.0"), port=4300)  # noqa: S104
    assert served.public_base_url == "http://127.0.0.1:4300"
    assert served_at(Settings(host="::"), port=4300).public_base_url == "http://[::1]:4300"


def test_urls_set_explicitly_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFEGRAPH_JWKS_URL", "https://auth.example.com/jwks.json")
    monkeypatch.setenv("LIFEGRAPH_PUBLIC_BASE_URL", "https://lifegraph.example.com")
    served = served_at(Settings(), port=4300)
    assert served.jwks_url == "https://auth.example.com/jwks.json"
    assert served.public_base_url == "https://lifegraph.example.com"
