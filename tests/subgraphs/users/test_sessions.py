"""Register, sign in, refresh with rotation, reuse detection, sign out."""

from __future__ import annotations

from argon2 import PasswordHasher
from bson import ObjectId

from common.db import Database
from tests.subgraphs.users.conftest import ServeUsers
from tests.subgraphs.users.helpers import PASSWORD, Api, code_of, unique_email


async def test_register_login_me_refresh_and_reuse_revokes_the_family(
    serve_users: ServeUsers,
) -> None:
    # Without the reuse grace window, so the reuse below is one at once
    # (test_refresh_races.py covers the window).
    async with serve_users(refresh_token_reuse_grace_seconds=0) as api:
        await _refresh_and_reuse(api)


async def _refresh_and_reuse(api: Api) -> None:
    email = unique_email()
    registered = await api.register(email=email, display_name="Ada Lovelace")
    assert registered["user"]["email"] == email
    assert registered["expiresIn"] == 900

    login = (await api.login(email))["data"]["login"]
    me = (await api.me(login["accessToken"]))["data"]["me"]
    assert me == {
        "id": registered["user"]["id"],
        "email": email,
        "displayName": "Ada Lovelace",
        "emailVerified": False,
        "roles": ["USER"],
    }

    rotated = (await api.refresh(login["refreshToken"]))["data"]["refreshToken"]
    assert rotated["refreshToken"] != login["refreshToken"]
    assert (await api.me(rotated["accessToken"]))["data"]["me"]["id"] == me["id"]

    reused = await api.refresh(login["refreshToken"])
    assert code_of(reused["errors"][0]) == "UNAUTHENTICATED"
    # The reuse ended the whole family: the token handed out by the rotation is dead too.
    after = await api.refresh(rotated["refreshToken"])
    assert code_of(after["errors"][0]) == "UNAUTHENTICATED"
    # Other sessions are untouched.
    assert "data" in await api.refresh(registered["refreshToken"])


async def test_logout_ends_one_session_and_logout_everywhere_ends_all(api: Api) -> None:
    email = unique_email()
    first = await api.register(email=email)
    second = (await api.login(email))["data"]["login"]
    third = (await api.login(email))["data"]["login"]

    out = await api.ok(
        "mutation($input: LogoutInput!) { logout(input: $input) }",
        {"input": {"refreshToken": first["refreshToken"]}},
    )
    assert out == {"logout": True}
    assert code_of((await api.refresh(first["refreshToken"]))["errors"][0]) == "UNAUTHENTICATED"
    second = (await api.refresh(second["refreshToken"]))["data"]["refreshToken"]

    await api.ok("mutation { logoutEverywhere }", token=second["accessToken"])
    for token in (second["refreshToken"], third["refreshToken"]):
        assert code_of((await api.refresh(token))["errors"][0]) == "UNAUTHENTICATED"


async def test_registration_input_errors_name_the_field(api: Api) -> None:
    query = "mutation($input: RegisterInput!) { register(input: $input) { accessToken } }"
    cases = [
        ({"email": "not-an-email", "password": PASSWORD}, "email"),
        ({"email": unique_email(), "password": "short"}, "password"),
        ({"email": unique_email(), "password": "qwertyuiop"}, "password"),
        ({"email": unique_email(), "password": "Password123"}, "password"),
        ({"email": unique_email(), "password": PASSWORD, "displayName": "  "}, "displayName"),
    ]
    for fields, field in cases:
        error = await api.error(query, {"input": {"displayName": "Ada", **fields}})
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, fields


async def test_duplicate_email_in_any_case_is_a_conflict(api: Api) -> None:
    email = unique_email()
    await api.register(email=email)
    error = await api.error(
        "mutation($input: RegisterInput!) { register(input: $input) { accessToken } }",
        {"input": {"email": email.upper(), "password": PASSWORD, "displayName": "Imposter"}},
    )
    assert error["extensions"] == {"code": "CONFLICT", "field": "email"}
    # Signing in works whatever the case of the address.
    assert "data" in await api.login(email.upper())


async def test_wrong_password_and_unknown_account_look_the_same(api: Api) -> None:
    email = unique_email()
    await api.register(email=email)
    wrong = (await api.login(email, "not-the-password-1"))["errors"][0]
    unknown = (await api.login(unique_email(), PASSWORD))["errors"][0]
    assert code_of(wrong) == code_of(unknown) == "UNAUTHENTICATED"
    assert wrong["message"] == unknown["message"]


async def test_change_password_keeps_this_session_and_ends_the_others(api: Api) -> None:
    email = unique_email()
    current = await api.register(email=email)
    other = (await api.login(email))["data"]["login"]
    new_password = "quiet-meadow-compass-77"
    changed = await api.ok(
        "mutation($input: ChangePasswordInput!) { changePassword(input: $input) }",
        {"input": {"currentPassword": PASSWORD, "newPassword": new_password}},
        token=current["accessToken"],
    )
    assert changed == {"changePassword": True}
    assert code_of((await api.login(email))["errors"][0]) == "UNAUTHENTICATED"
    assert "data" in await api.login(email, new_password)
    assert "data" in await api.refresh(current["refreshToken"])
    assert code_of((await api.refresh(other["refreshToken"]))["errors"][0]) == "UNAUTHENTICATED"

    wrong = await api.error(
        "mutation($input: ChangePasswordInput!) { changePassword(input: $input) }",
        {"input": {"currentPassword": "guess-guess-guess", "newPassword": PASSWORD}},
        token=current["accessToken"],
    )
    assert wrong["extensions"] == {"code": "BAD_USER_INPUT", "field": "currentPassword"}


async def test_login_rehashes_a_password_hashed_with_old_parameters(
    api: Api, users_db: Database
) -> None:
    email = unique_email()
    user_id = (await api.register(email=email))["user"]["id"]
    weak = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash(PASSWORD)
    await users_db["users"].update_one(
        {"_id": ObjectId(user_id)}, {"$set": {"password_hash": weak}}
    )

    assert "data" in await api.login(email)
    stored = await users_db["users"].find_one({"_id": ObjectId(user_id)})
    assert stored is not None
    assert stored["password_hash"] != weak
    assert not PasswordHasher().check_needs_rehash(stored["password_hash"])
    assert "data" in await api.login(email)
