from __future__ import annotations

import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsError

from common.events.topology import QueueType
from common.settings import (
    AnalyticsSettings,
    ChatSettings,
    CommonSettings,
    CommunitySettings,
    Environment,
    GoalsSettings,
    MissingSettings,
    NotificationsSettings,
    RouterSettings,
    Settings,
    UsersSettings,
    load_settings,
)


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


# -- sections: each process validates only what it reads -----------------------------

PRODUCTION_ROUTER = {
    "LIFEGRAPH_ENVIRONMENT": "production",
    "LIFEGRAPH_ROUTER_SECRET": "s3cret",
    "LIFEGRAPH_CORS_ORIGINS": '["https://app.example.com"]',
}


def _environ(monkeypatch: pytest.MonkeyPatch, values: dict[str, str]) -> None:
    for name, value in values.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("development", Environment.DEVELOPMENT),
        ("test", Environment.TEST),
        ("production", Environment.PRODUCTION),
        ("Production", Environment.PRODUCTION),
    ],
)
def test_environment_accepts_its_three_names(value: str, expected: Environment) -> None:
    settings = Settings(environment=value)  # a string, as the environment gives it
    assert settings.environment is expected
    assert settings.environment == value.lower()  # still compares as the string it was


def test_environment_refuses_other_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFEGRAPH_ENVIRONMENT", "staging")
    with pytest.raises(ValidationError, match="environment"):
        CommonSettings()
    assert Settings.model_construct().environment is Environment.DEVELOPMENT


def test_sections_hold_only_their_own_fields() -> None:
    assert "cors_origins" in RouterSettings.model_fields
    assert "jwt_private_jwks" not in RouterSettings.model_fields
    assert "mongodb_url" not in RouterSettings.model_fields
    assert "jwt_private_jwks" in UsersSettings.model_fields
    assert "cors_origins" not in UsersSettings.model_fields
    assert "community_post_rate" not in UsersSettings.model_fields
    assert "goals_calendar_max_days" not in ChatSettings.model_fields
    # The embedded host's settings are every section at once, under the same names.
    sections: list[type[CommonSettings]] = [RouterSettings, UsersSettings, GoalsSettings]
    sections += [CommunitySettings]
    sections += [ChatSettings, NotificationsSettings, AnalyticsSettings]
    for section in sections:
        assert issubclass(Settings, section)
        assert set(section.model_fields) <= set(Settings.model_fields)


def test_the_router_starts_without_what_only_subgraphs_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _environ(monkeypatch, PRODUCTION_ROUTER)
    # Broken or missing users and community settings are not the router's business.
    monkeypatch.setenv("LIFEGRAPH_OAUTH_PROVIDERS", "not json")
    monkeypatch.setenv("LIFEGRAPH_COMMUNITY_POST_RATE", '{"limit": 0}')
    router = load_settings(RouterSettings)
    assert router.environment is Environment.PRODUCTION
    assert router.cors_origins == ["https://app.example.com"]
    # The same environment cannot build the users subgraph's section.
    with pytest.raises(SettingsError, match="oauth_providers"):
        UsersSettings()
    monkeypatch.delenv("LIFEGRAPH_OAUTH_PROVIDERS")
    with pytest.raises(ValidationError, match="community_post_rate"):
        Settings()


def test_a_production_router_without_its_origins_fails_naming_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _environ(monkeypatch, PRODUCTION_ROUTER)
    monkeypatch.delenv("LIFEGRAPH_CORS_ORIGINS")
    with pytest.raises(MissingSettings) as failed:
        load_settings(RouterSettings)
    assert "LIFEGRAPH_CORS_ORIGINS" in str(failed.value)
    assert "\n" not in str(failed.value)
    assert "'production' environment" in str(failed.value)


def test_a_production_subgraph_without_its_required_setting_fails_naming_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _environ(monkeypatch, PRODUCTION_ROUTER)
    monkeypatch.setenv("LIFEGRAPH_SMTP_HOST", "mail.example.org")
    # Goals needs nothing of its own; the users subgraph needs its signing keys.
    assert load_settings(GoalsSettings).environment is Environment.PRODUCTION
    with pytest.raises(MissingSettings) as failed:
        load_settings(UsersSettings)
    assert failed.value.missing == [
        "LIFEGRAPH_JWT_PRIVATE_JWKS or LIFEGRAPH_JWT_PRIVATE_JWKS_FILE "
        "(the users subgraph's signing keys)"
    ]
    monkeypatch.setenv("LIFEGRAPH_JWT_PRIVATE_JWKS_FILE", "/run/secrets/jwks.json")
    assert load_settings(UsersSettings).jwt_private_jwks_file is not None


def test_only_subgraphs_that_send_mail_require_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    _environ(monkeypatch, PRODUCTION_ROUTER)
    load_settings(ChatSettings)
    with pytest.raises(MissingSettings, match="LIFEGRAPH_SMTP_HOST"):
        load_settings(NotificationsSettings)


def test_every_missing_setting_is_named_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFEGRAPH_ENVIRONMENT", "production")
    with pytest.raises(MissingSettings) as failed:
        load_settings(Settings)
    named = str(failed.value)
    for variable in ("ROUTER_SECRET", "CORS_ORIGINS", "JWT_PRIVATE_JWKS", "SMTP_HOST"):
        assert f"LIFEGRAPH_{variable}" in named


def test_development_and_test_require_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    for environment in ("development", "test"):
        monkeypatch.setenv("LIFEGRAPH_ENVIRONMENT", environment)
        assert load_settings(RouterSettings).local_environment
        load_settings(NotificationsSettings)
    # Signing keys are generated in development only (subgraphs/users/service/signing.py).
    with pytest.raises(MissingSettings, match="LIFEGRAPH_JWT_PRIVATE_JWKS"):
        load_settings(UsersSettings)


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ("production", QueueType.QUORUM),
        ("development", QueueType.CLASSIC),
        ("test", QueueType.CLASSIC),
    ],
)
def test_consumer_queues_are_quorum_outside_development_and_tests(
    environment: str, expected: QueueType
) -> None:
    assert Settings(environment=environment).queue_type == expected


def test_the_queue_type_setting_wins_in_any_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFEGRAPH_EVENTS_QUEUE_TYPE", "classic")
    assert Settings(environment="production").queue_type is QueueType.CLASSIC
    monkeypatch.setenv("LIFEGRAPH_EVENTS_QUEUE_TYPE", "stream")
    with pytest.raises(ValidationError):
        Settings()
