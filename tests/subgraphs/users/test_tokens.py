"""Access tokens: what they carry, which ones the subgraph refuses, the published JWKS."""

from __future__ import annotations

import base64
import json
import os
import stat
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import KeySet, KeySetSerialization, RSAKey

from common.settings import Settings
from subgraphs.users.service.signing import SigningKeys, load_signing_keys
from tests.subgraphs.users.helpers import Api, code_of


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _unb64(segment: str) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    )
    return decoded


def _parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    head, body, _ = token.split(".")
    return _unb64(head), _unb64(body)


def _claims(user_id: str, settings: Settings, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    return {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": user_id,
        "roles": ["user"],
        "iat": now,
        "exp": now + 600,
        "jti": uuid.uuid4().hex,
        **overrides,
    }


async def test_access_token_claims_and_header(api: Api, users_settings: Settings) -> None:
    registered = await api.register()
    header, claims = _parts(registered["accessToken"])
    keys = KeySet.import_key_set(json.loads(users_settings.jwt_private_jwks.get_secret_value()))  # type: ignore[union-attr]
    assert header == {"alg": "RS256", "kid": keys.keys[0].kid, "typ": "JWT"}
    assert claims["iss"] == users_settings.jwt_issuer
    assert claims["aud"] == users_settings.jwt_audience
    assert claims["sub"] == registered["user"]["id"]
    assert claims["roles"] == ["user"]
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert len(claims["jti"]) == 32


async def test_jwks_publishes_two_public_keys(api: Api, users_jwks: KeySetSerialization) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{api.url}/.well-known/jwks.json")
    assert response.status_code == 200
    published = response.json()["keys"]
    assert [k["kid"] for k in published] == [k["kid"] for k in users_jwks["keys"]]
    for key in published:
        assert (key["kty"], key["use"], key["alg"]) == ("RSA", "sig", "RS256")
        assert not {"d", "p", "q", "dp", "dq", "qi"} & key.keys()


async def test_a_token_signed_by_the_second_key_verifies(
    api: Api, users_jwks: KeySetSerialization, users_settings: Settings
) -> None:
    registered = await api.register()
    second = SigningKeys.from_jwks({"keys": [users_jwks["keys"][1]]})
    token = second.sign(_claims(registered["user"]["id"], users_settings))
    body = await api.me(token)
    assert body["data"]["me"]["id"] == registered["user"]["id"]


async def test_bad_tokens_are_unauthenticated(
    api: Api, users_jwks: KeySetSerialization, users_settings: Settings
) -> None:
    user_id = (await api.register())["user"]["id"]
    ours = SigningKeys.from_jwks(users_jwks)
    good = ours.sign(_claims(user_id, users_settings))
    head, body, signature = good.split(".")
    stranger = RSAKey.generate_key(2048, parameters={"kid": str(ours.signing.kid)}, private=True)
    unknown = RSAKey.generate_key(2048, parameters={"kid": "somebody-else"}, private=True)
    forged_claims = _b64(_claims(user_id, users_settings, roles=["admin"]))
    cases = {
        "expired": ours.sign(_claims(user_id, users_settings, iat=1, exp=2)),
        "tampered payload": f"{head}.{forged_claims}.{signature}",
        "tampered signature": f"{head}.{body}.{signature[:-6]}AAAAAA",
        "alg none": f"{_b64({'alg': 'none', 'kid': ours.signing.kid})}.{body}.",
        "other issuer": ours.sign(_claims(user_id, users_settings, iss="https://evil.example")),
        "other audience": ours.sign(_claims(user_id, users_settings, aud="someone-else")),
        "same kid, other key": jwt.encode(
            {"alg": "RS256", "kid": ours.signing.kid},
            _claims(user_id, users_settings),
            stranger,
        ),
        "unknown key": jwt.encode(
            {"alg": "RS256", "kid": "somebody-else"}, _claims(user_id, users_settings), unknown
        ),
    }
    assert "data" in await api.me(good)
    for name, token in cases.items():
        response = await api.me(token)
        assert response.get("data") is None, name
        assert code_of(response["errors"][0]) == "UNAUTHENTICATED", name


def test_development_generates_two_keys_once_with_private_file_mode(tmp_path: Path) -> None:
    settings = Settings(environment="development", data_dir=tmp_path / "data")
    first = load_signing_keys(settings)
    path = tmp_path / "data" / "jwks.json"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert len(first.public_jwks()["keys"]) == 2
    again = load_signing_keys(settings)
    assert again.public_jwks() == first.public_jwks()
    assert list(path.parent.iterdir()) == [path]


def test_outside_development_keys_must_be_configured(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="LIFEGRAPH_JWT_PRIVATE_JWKS"):
        load_signing_keys(Settings(environment="production", data_dir=tmp_path))


def test_keys_can_come_from_a_file(tmp_path: Path, users_jwks: KeySetSerialization) -> None:
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(users_jwks))
    keys = load_signing_keys(Settings(environment="production", jwt_private_jwks_file=path))
    assert keys.signing.kid == users_jwks["keys"][0]["kid"]
