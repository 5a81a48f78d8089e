from __future__ import annotations

import pytest

from common.settings import Settings


def test_trusted_proxies_default_to_loopback() -> None:
    assert Settings().trusted_proxies == ["127.0.0.1"]


def test_oauth_providers_are_read_from_json_in_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(
        "LIFEGRAPH_OAUTH_PROVIDERS",
        '{"google": {"discovery_url": "https://accounts.google.com/.well-known/'
        'openid-configuration", "client_id": "cid", "client_secret": "s3cret"}}',
    )
    google = Settings().oauth_providers["google"]
    assert google.client_id == "cid"
    assert google.client_secret is not None
    assert google.client_secret.get_secret_value() == "s3cret"
    assert google.scopes == ["openid", "email", "profile"]
