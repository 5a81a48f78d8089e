"""Sign-in with Google and Apple against a real OpenID Connect provider on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc.jwk import ECKey, RSAKey
from pydantic import SecretStr

from common.serving import serve_in_loop
from common.settings import OAuthProviderSettings
from tests.subgraphs.users.conftest import ServeUsers
from tests.subgraphs.users.helpers import AUTH_FIELDS, PASSWORD, Api, code_of, unique_email
from tests.subgraphs.users.oidc_provider import Account, AppleClient, LoopbackProvider

REDIRECT = "http://127.0.0.1:3000/auth/callback"
START = (
    "mutation($input: OAuthStartInput!) { oauthStart(input: $input) { authorizationUrl state } }"
)
FINISH = f"mutation($input: OAuthFinishInput!) {{ oauthFinish(input: $input) {{ {AUTH_FIELDS} }} }}"


@dataclass
class World:
    api: Api
    google: LoopbackProvider
    apple: LoopbackProvider


@pytest.fixture
async def world(serve_users: ServeUsers) -> AsyncIterator[World]:
    apple_key = ECKey.generate_key("P-256", private=True)
    google = LoopbackProvider(client_id="lifegraph-web", client_secret="google-client-secret")
    apple = LoopbackProvider(
        client_id="app.lifegraph.signin",
        apple=AppleClient(team_id="TEAM123456", key_id="KEY1234567", key=apple_key),
    )
    async with serve_in_loop(google.app()) as google_url, serve_in_loop(apple.app()) as apple_url:
        google.issuer, apple.issuer = google_url, apple_url
        providers = {
            "google": OAuthProviderSettings(
                discovery_url=google.discovery_url,
                client_id=google.client_id,
                client_secret=SecretStr("google-client-secret"),
            ),
            "apple": OAuthProviderSettings(
                discovery_url=apple.discovery_url,
                client_id=apple.client_id,
                team_id="TEAM123456",
                key_id="KEY1234567",
                private_key=SecretStr(apple_key.as_pem(private=True).decode()),
                scopes=["openid", "email", "name"],
            ),
        }
        # The providers stand in on loopback, which the URL guard refuses otherwise.
        allowed = ["127.0.0.0/8"]
        async with serve_users(oauth_providers=providers, outbound_allowed_networks=allowed) as api:
            yield World(api, google, apple)


async def _authorize(api: Api, provider: str) -> tuple[str, str]:
    """Start, then follow the browser to the provider, which redirects back with a code."""
    started = await api.ok(START, {"input": {"provider": provider, "redirectUri": REDIRECT}})
    url = started["oauthStart"]["authorizationUrl"]
    async with httpx.AsyncClient() as browser:
        response = await browser.get(url)
    assert response.status_code == 302, response.text
    location = response.headers["location"]
    assert location.startswith(REDIRECT)
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == [started["oauthStart"]["state"]]
    return query["code"][0], query["state"][0]


async def _sign_in(api: Api, provider: str) -> dict[str, Any]:
    code, state = await _authorize(api, provider)
    return await api.call(FINISH, {"input": {"provider": provider, "code": code, "state": state}})


async def test_google_sign_in_creates_then_finds_the_account(world: World) -> None:
    email = unique_email("grace")
    world.google.account = Account("google-sub-1", email, True, "Grace Hopper")
    first = (await _sign_in(world.api, "GOOGLE"))["data"]["oauthFinish"]
    assert first["user"]["email"] == email
    assert first["user"]["displayName"] == "Grace Hopper"
    me = (await world.api.me(first["accessToken"]))["data"]["me"]
    assert me["emailVerified"] is True

    # PKCE really ran: the provider checked the verifier against the challenge.
    request = world.google.token_requests[-1]
    assert request["code_verifier"]
    assert request["client_secret"] == "google-client-secret"

    # The same identity signs in to the same account, even with a new address there.
    world.google.account = Account("google-sub-1", unique_email(), True)
    second = (await _sign_in(world.api, "GOOGLE"))["data"]["oauthFinish"]
    assert second["user"]["id"] == first["user"]["id"]


async def test_apple_sign_in_with_an_es256_client_secret(world: World) -> None:
    email = unique_email("apple")
    # Apple sends email_verified as a string.
    world.apple.account = Account("001234.abcdef", email, "true", None)
    signed_in = (await _sign_in(world.api, "APPLE"))["data"]["oauthFinish"]
    assert signed_in["user"]["email"] == email
    assert signed_in["user"]["displayName"] == email.split("@")[0]
    secret = world.apple.token_requests[-1]["client_secret"]
    assert secret.count(".") == 2  # a JWT, which the provider verified with the public key


async def test_a_verified_email_links_to_the_existing_account(world: World) -> None:
    email = unique_email("linked")
    registered = await world.api.register(email=email.upper())
    key = await world.api.ok(
        'mutation { createApiKey(input: {name: "trap"}) { secret } }',
        token=registered["accessToken"],
    )
    world.google.account = Account("google-sub-linked", email, True)
    signed_in = (await _sign_in(world.api, "GOOGLE"))["data"]["oauthFinish"]
    assert signed_in["user"]["id"] == registered["user"]["id"]
    # The local account had never proven the address: its password and sessions
    # are dropped, so whoever pre-registered the address cannot keep a way in.
    assert code_of((await world.api.login(email))["errors"][0]) == "UNAUTHENTICATED"
    refreshed = await world.api.refresh(registered["refreshToken"])
    assert code_of(refreshed["errors"][0]) == "UNAUTHENTICATED"
    exchanged = await world.api.error(
        "mutation($input: ExchangeApiKeyInput!) { exchangeApiKey(input: $input) { expiresIn } }",
        {"input": {"apiKey": key["createApiKey"]["secret"]}},
    )
    assert code_of(exchanged) == "UNAUTHENTICATED"


async def test_an_unverified_email_is_refused(world: World) -> None:
    email = unique_email("unverified")
    await world.api.register(email=email)
    world.google.account = Account("google-sub-unverified", email, False)
    refused = (await _sign_in(world.api, "GOOGLE"))["errors"][0]
    assert code_of(refused) == "FORBIDDEN"
    assert "verified" in refused["message"]
    assert "data" in await world.api.login(email, PASSWORD)


async def test_state_is_single_use_and_must_be_known(world: World) -> None:
    world.google.account = Account("google-sub-state", unique_email(), True)
    code, state = await _authorize(world.api, "GOOGLE")
    finish = {"provider": "GOOGLE", "code": code, "state": state}
    forged = await world.api.error(FINISH, {"input": {**finish, "state": "made-up"}})
    assert code_of(forged) == "UNAUTHENTICATED"
    assert "data" in await world.api.call(FINISH, {"input": finish})
    replayed = await world.api.error(FINISH, {"input": finish})
    assert code_of(replayed) == "UNAUTHENTICATED"


async def test_the_providers_refusal_of_the_code_is_passed_on(world: World) -> None:
    """A token error (RFC 6749 5.2, HTTP 400) names the provider's reason."""
    world.google.account = Account("google-sub-refused", unique_email(), True)
    _, state = await _authorize(world.api, "GOOGLE")
    finish = {"provider": "GOOGLE", "code": "never-issued", "state": state}
    refused = await world.api.error(FINISH, {"input": finish})
    assert code_of(refused) == "UNAUTHENTICATED"
    assert refused["message"] == "google refused the sign-in: unknown or used code."


async def test_an_id_token_for_another_audience_is_refused(world: World) -> None:
    world.google.account = Account("google-sub-aud", unique_email(), True)
    world.google.id_token_overrides = {"aud": "some-other-client"}
    refused = (await _sign_in(world.api, "GOOGLE"))["errors"][0]
    assert code_of(refused) == "UNAUTHENTICATED"
    assert "ID token" in refused["message"]


async def test_an_unconfigured_provider_is_bad_input(serve_users: ServeUsers) -> None:
    async with serve_users() as api:
        error = await api.error(START, {"input": {"provider": "GOOGLE", "redirectUri": REDIRECT}})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "provider"}


async def test_provider_keys_are_cached_by_kid_and_refetched_on_rotation(world: World) -> None:
    world.google.account = Account("google-sub-keys", unique_email(), True)
    for _ in range(2):
        assert "errors" not in await _sign_in(world.api, "GOOGLE")
    assert world.google.jwks_requests == 1

    # The provider rotates: a kid never seen before fetches the set again, once.
    world.google.key = RSAKey.generate_key(2048, parameters={"kid": "op-key-2"}, private=True)
    for _ in range(2):
        assert "errors" not in await _sign_in(world.api, "GOOGLE")
    assert world.google.jwks_requests == 2

    # A token from a key the provider does not publish is refused even after a refetch.
    world.google.rogue_key = RSAKey.generate_key(2048, parameters={"kid": "rogue"}, private=True)
    refused = (await _sign_in(world.api, "GOOGLE"))["errors"][0]
    assert code_of(refused) == "UNAUTHENTICATED"
    assert "unknown key" in refused["message"]
    assert world.google.jwks_requests == 3


async def test_a_provider_on_a_private_address_is_not_called(serve_users: ServeUsers) -> None:
    """The guard covers OIDC too: discovery (and so token and JWKS) only on public addresses."""
    inward = LoopbackProvider(client_id="lifegraph-web", client_secret="s")
    async with serve_in_loop(inward.app()) as url:
        inward.issuer = url
        providers = {
            "google": OAuthProviderSettings(discovery_url=inward.discovery_url, client_id="c")
        }
        async with serve_users(oauth_providers=providers) as api:
            body = await api.call(START, {"input": {"provider": "GOOGLE", "redirectUri": REDIRECT}})
    assert code_of(body["errors"][0]) == "UNAUTHENTICATED"
    assert "127.0.0.1" not in body["errors"][0]["message"]
