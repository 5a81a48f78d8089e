"""API keys: made and revoked by their owner, traded for short-lived, marked access tokens."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from bson import ObjectId

from common.db import Database
from tests.subgraphs.users.helpers import PASSWORD, Api, code_of, unique_email

KEY_FIELDS = "id name scopes prefix createdAt lastUsedAt revokedAt"
CREATE = (
    "mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) "
    f"{{ secret apiKey {{ {KEY_FIELDS} }} }} }}"
)
REVOKE = (
    f"mutation($input: RevokeApiKeyInput!) {{ revokeApiKey(input: $input) {{ {KEY_FIELDS} }} }}"
)
EXCHANGE = (
    "mutation($input: ExchangeApiKeyInput!) { exchangeApiKey(input: $input) "
    "{ accessToken expiresIn scopes user { id email } } }"
)
LIST = (
    "query($first: Int!, $after: String) { apiKeys(first: $first, after: $after) "
    f"{{ edges {{ cursor node {{ {KEY_FIELDS} }} }} pageInfo {{ hasNextPage endCursor }} }} }}"
)
UPDATE_NAME = 'mutation { updateProfile(input: {displayName: "Scripted"}) { displayName } }'


async def _create(
    api: Api, token: str, name: str = "backup script", scopes: list[str] | None = None
) -> dict[str, Any]:
    data = await api.ok(CREATE, {"input": {"name": name, "scopes": scopes}}, token=token)
    created: dict[str, Any] = data["createApiKey"]
    return created


async def _exchange(api: Api, secret: str) -> dict[str, Any]:
    return await api.call(EXCHANGE, {"input": {"apiKey": secret}})


async def _key_token(api: Api, secret: str) -> str:
    token: str = (await _exchange(api, secret))["data"]["exchangeApiKey"]["accessToken"]
    return token


def _claims(token: str) -> dict[str, Any]:
    body = token.split(".")[1]
    claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    return claims


async def test_a_key_is_shown_once_stored_hashed_and_traded_for_a_token(
    api: Api, users_db: Database
) -> None:
    email = unique_email("scripter")
    owner = await api.register(email=email)
    created = await _create(api, owner["accessToken"], name="  nightly   export ", scopes=["READ"])
    secret, key = created["secret"], created["apiKey"]
    assert secret.startswith("lg_")
    assert secret.startswith(key["prefix"])
    assert len(key["prefix"]) < len(secret) // 2
    assert key["name"] == "nightly export"
    assert key["scopes"] == ["READ"]
    assert key["lastUsedAt"] is None
    assert key["revokedAt"] is None

    # Only the SHA-256 of the secret is stored.
    stored = await users_db["api_keys"].find_one({"_id": ObjectId(key["id"])})
    assert stored is not None
    assert secret not in json.dumps(stored, default=str)
    assert stored["token_hash"] == hashlib.sha256(secret.encode()).hexdigest()

    traded = await _exchange(api, secret)
    assert "errors" not in traded, traded
    payload = traded["data"]["exchangeApiKey"]
    assert payload["user"] == {"id": owner["user"]["id"], "email": email}
    assert payload["scopes"] == ["READ"]
    assert payload["expiresIn"] == 900
    claims = _claims(payload["accessToken"])
    assert claims["sub"] == owner["user"]["id"]
    assert claims["amr"] == ["api_key"]
    assert claims["scope"] == "read"
    assert claims["api_key_id"] == key["id"]
    assert claims["roles"] == ["user"]
    assert "sid" not in claims

    # The token works like any access token for reading.
    me = await api.me(payload["accessToken"])
    assert me["data"]["me"]["id"] == owner["user"]["id"]
    listed = await api.ok(LIST, {"first": 10}, token=owner["accessToken"])
    (edge,) = listed["apiKeys"]["edges"]
    assert edge["node"]["lastUsedAt"] is not None
    assert "secret" not in edge["node"]


async def test_scopes_and_what_key_tokens_may_never_do(api: Api) -> None:
    owner = await api.register()
    session = owner["accessToken"]
    reader = await _key_token(api, (await _create(api, session))["secret"])  # READ by default
    writer = await _key_token(
        api, (await _create(api, session, scopes=["READ", "WRITE"]))["secret"]
    )
    assert _claims(writer)["scope"] == "read write"

    refused = await api.error(UPDATE_NAME, token=reader)
    assert refused["extensions"] == {"code": "FORBIDDEN", "scope": "write"}
    assert await api.ok(UPDATE_NAME, token=writer) == {"updateProfile": {"displayName": "Scripted"}}

    # Account security needs a real sign-in, whatever the key's scopes: a leaked
    # key must not mint keys that outlive its own revocation, nor end the account.
    forbidden: list[tuple[str, dict[str, Any] | None]] = [
        (CREATE, {"input": {"name": "another"}}),
        (LIST, {"first": 5}),
        (REVOKE, {"input": {"id": str(ObjectId())}}),
        ("mutation { enrollTotp { secret } }", None),
        ("mutation { logoutEverywhere }", None),
        (
            "mutation($input: DeleteAccountInput!) { deleteAccount(input: $input) }",
            {"input": {"password": PASSWORD}},
        ),
        (
            "mutation($input: ChangePasswordInput!) { changePassword(input: $input) }",
            {"input": {"currentPassword": PASSWORD, "newPassword": "quiet-meadow-lamp-77"}},
        ),
    ]
    for operation, variables in forbidden:
        error = await api.error(operation, variables, token=writer)
        assert code_of(error) == "FORBIDDEN", (operation, error)
    assert "data" in await api.login(owner["user"]["email"])  # the account is intact


async def test_key_tokens_carry_no_staff_roles(api: Api, users_db: Database) -> None:
    email = unique_email("admin")
    user_id = (await api.register(email=email))["user"]["id"]
    await users_db["users"].update_one(
        {"_id": ObjectId(user_id)}, {"$set": {"roles": ["user", "admin"]}}
    )
    admin = (await api.login(email))["data"]["login"]["accessToken"]
    key_token = await _key_token(api, (await _create(api, admin))["secret"])
    assert _claims(key_token)["roles"] == ["user"]
    users = "query { users(first: 1) { edges { node { id } } } }"
    assert "users" in await api.ok(users, token=admin)
    assert code_of(await api.error(users, token=key_token)) == "FORBIDDEN"


async def test_revoked_keys_are_refused_and_only_the_owner_revokes(api: Api) -> None:
    owner = (await api.register())["accessToken"]
    other = (await api.register())["accessToken"]
    created = await _create(api, owner)
    key_id, secret = created["apiKey"]["id"], created["secret"]

    # Someone else's key is no key at all to them.
    stranger = await api.error(REVOKE, {"input": {"id": key_id}}, token=other)
    assert code_of(stranger) == "NOT_FOUND"
    assert (await api.ok(LIST, {"first": 10}, token=other))["apiKeys"]["edges"] == []
    assert "errors" not in await _exchange(api, secret)

    revoked = (await api.ok(REVOKE, {"input": {"id": key_id}}, token=owner))["revokeApiKey"]
    assert revoked["revokedAt"] is not None
    again = (await api.ok(REVOKE, {"input": {"id": key_id}}, token=owner))["revokeApiKey"]
    assert again["revokedAt"] == revoked["revokedAt"]

    refused = (await _exchange(api, secret))["errors"][0]
    assert code_of(refused) == "UNAUTHENTICATED"
    assert "revoked" in refused["message"]
    (listed,) = (await api.ok(LIST, {"first": 10}, token=owner))["apiKeys"]["edges"]
    assert listed["node"]["revokedAt"] == revoked["revokedAt"]

    assert code_of(await api.error(REVOKE, {"input": {"id": "not-an-id"}}, token=owner)) == (
        "NOT_FOUND"
    )
    made_up = (await _exchange(api, "lg_" + "x" * 43))["errors"][0]
    assert code_of(made_up) == "UNAUTHENTICATED"


async def test_listing_pages_newest_first(api: Api) -> None:
    owner = (await api.register())["accessToken"]
    for name in ["first", "second", "third"]:
        await _create(api, owner, name=name)
    page = (await api.ok(LIST, {"first": 2}, token=owner))["apiKeys"]
    assert [e["node"]["name"] for e in page["edges"]] == ["third", "second"]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await api.ok(LIST, {"first": 2, "after": page["pageInfo"]["endCursor"]}, token=owner)
    assert [e["node"]["name"] for e in rest["apiKeys"]["edges"]] == ["first"]
    assert rest["apiKeys"]["pageInfo"]["hasNextPage"] is False
    assert code_of(await api.error(LIST, {"first": 2})) == "UNAUTHENTICATED"


async def test_bad_input_and_deleted_accounts(api: Api) -> None:
    registered = await api.register()
    owner = registered["accessToken"]
    for variables, field in [
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "no scopes", "scopes": []}, "scopes"),
    ]:
        error = await api.error(CREATE, {"input": variables}, token=owner)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}

    secret = (await _create(api, owner))["secret"]
    delete = "mutation($input: DeleteAccountInput!) { deleteAccount(input: $input) }"
    await api.ok(delete, {"input": {"password": PASSWORD}}, token=owner)
    assert code_of((await _exchange(api, secret))["errors"][0]) == "UNAUTHENTICATED"
