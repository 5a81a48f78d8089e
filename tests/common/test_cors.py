"""The CORS origins the router is built with: dev servers in development, a list elsewhere."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from common.settings import Settings
from common.transport.cors import DEV_ORIGINS, MissingCorsOrigins, cors_origins
from lifegraph.router_setup import router_setup


def test_development_allows_the_usual_dev_servers_on_both_loopback_names() -> None:
    origins = cors_origins(Settings(environment="development"))
    for port in (3000, 5173, 8081, 19006):
        assert f"http://localhost:{port}" in origins
        assert f"http://127.0.0.1:{port}" in origins
    assert origins == DEV_ORIGINS


def test_the_setting_replaces_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFEGRAPH_CORS_ORIGINS", '["https://app.example"]')
    assert cors_origins(Settings(environment="development")) == ("https://app.example",)
    monkeypatch.setenv("LIFEGRAPH_CORS_ORIGINS", "[]")
    assert cors_origins(Settings(environment="production")) == ()


def test_production_refuses_to_start_without_a_list() -> None:
    production = Settings(environment="production", router_secret=SecretStr("s"))
    with pytest.raises(MissingCorsOrigins, match="LIFEGRAPH_CORS_ORIGINS"):
        router_setup(production, "")
    allowed = production.model_copy(update={"cors_origins": ["https://app.example"]})
    assert router_setup(allowed, "").config.cors_origins == ("https://app.example",)
