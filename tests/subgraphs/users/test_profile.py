"""Profile, preferences, life areas, privacy of `user(id)`, roles, federation entities."""

from __future__ import annotations

from typing import Any

from bson import ObjectId

from common.db import Database
from tests.subgraphs.users.helpers import Api, code_of, unique_email

PROFILE = (
    "id displayName avatarUrl bio timezone locale createdAt roles email emailVerified "
    "lifeAreas { health career } preferences { privacy theme language "
    "notifications { inApp email push } }"
)
UPDATE_PROFILE = (
    "mutation($input: UpdateProfileInput!) { updateProfile(input: $input) "
    "{ displayName bio timezone locale avatarUrl } }"
)
UPDATE_PREFERENCES = (
    "mutation($input: UpdatePreferencesInput!) { updatePreferences(input: $input) "
    "{ preferences { privacy theme language notifications { inApp email push } } } }"
)
UPDATE_LIFE_AREAS = (
    "mutation($input: UpdateLifeAreasInput!) { updateLifeAreas(input: $input) "
    "{ lifeAreas { health finance family career learning creativity } } }"
)
SET_ROLES = "mutation($input: SetUserRolesInput!) { setUserRoles(input: $input) { id roles } }"


async def _user(api: Api, user_id: str, token: str | None = None) -> dict[str, Any]:
    data = await api.ok(
        f"query($id: ID!) {{ user(id: $id) {{ {PROFILE} }} }}", {"id": user_id}, token=token
    )
    user: dict[str, Any] = data["user"]
    return user


async def _make_admin(api: Api, db: Database) -> str:
    """The first admin has no API to come from: it is seeded in the database."""
    email = unique_email("admin")
    user_id = (await api.register(email=email))["user"]["id"]
    await db["users"].update_one({"_id": ObjectId(user_id)}, {"$set": {"roles": ["user", "admin"]}})
    token: str = (await api.login(email))["data"]["login"]["accessToken"]
    return token


async def test_profile_and_preferences_updates(api: Api) -> None:
    token = (await api.register())["accessToken"]
    profile = await api.ok(
        UPDATE_PROFILE,
        {
            "input": {
                "displayName": "  Ada   King ",
                "bio": "Counting engines.",
                "timezone": "Europe/London",
                "locale": "en_GB",
                "avatarUrl": "https://example.org/ada.png",
            }
        },
        token=token,
    )
    assert profile["updateProfile"] == {
        "displayName": "Ada King",
        "bio": "Counting engines.",
        "timezone": "Europe/London",
        "locale": "en-GB",
        "avatarUrl": "https://example.org/ada.png",
    }
    prefs = await api.ok(
        UPDATE_PREFERENCES,
        {"input": {"theme": "DARK", "privacy": "PRIVATE", "notifications": {"push": True}}},
        token=token,
    )
    assert prefs["updatePreferences"]["preferences"] == {
        "privacy": "PRIVATE",
        "theme": "DARK",
        "language": "en",
        "notifications": {"inApp": True, "email": True, "push": True},
    }
    areas = await api.ok(UPDATE_LIFE_AREAS, {"input": {"health": 80, "creativity": 0}}, token=token)
    assert areas["updateLifeAreas"]["lifeAreas"] == {
        "health": 80,
        "finance": 50,
        "family": 50,
        "career": 50,
        "learning": 50,
        "creativity": 0,
    }


async def test_invalid_profile_input_names_the_field(api: Api) -> None:
    token = (await api.register())["accessToken"]
    cases: list[tuple[str, dict[str, Any], str]] = [
        (UPDATE_PROFILE, {"timezone": "Mars/Olympus"}, "timezone"),
        (UPDATE_PROFILE, {"avatarUrl": "javascript:alert(1)"}, "avatarUrl"),
        (UPDATE_PROFILE, {"bio": "x" * 501}, "bio"),
        (UPDATE_PREFERENCES, {"language": "english please"}, "language"),
        (UPDATE_LIFE_AREAS, {"health": 101}, "health"),
        (UPDATE_LIFE_AREAS, {"career": -1}, "career"),
    ]
    for mutation, fields, field in cases:
        error = await api.error(mutation, {"input": fields}, token=token)
        assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, fields


async def test_user_honours_privacy(api: Api, users_db: Database) -> None:
    owner = await api.register(display_name="Owner")
    owner_id, owner_token = owner["user"]["id"], owner["accessToken"]
    await api.ok(UPDATE_PROFILE, {"input": {"bio": "Hello there"}}, token=owner_token)
    stranger = (await api.register(display_name="Stranger"))["accessToken"]
    admin = await _make_admin(api, users_db)

    public = await _user(api, owner_id, stranger)
    assert public["bio"] == "Hello there"
    assert public["timezone"] == "UTC"
    assert public["email"] is None
    assert public["preferences"] is None
    assert (await _user(api, owner_id))["bio"] == "Hello there"  # anonymous

    for privacy in ("PRIVATE", "FOLLOWERS"):
        await api.ok(UPDATE_PREFERENCES, {"input": {"privacy": privacy}}, token=owner_token)
        hidden = await _user(api, owner_id, stranger)
        assert hidden == {key: None for key in hidden} | {"id": owner_id, "displayName": "Owner"}
        assert (await _user(api, owner_id))["bio"] is None
        mine = await _user(api, owner_id, owner_token)
        assert mine["bio"] == "Hello there"
        assert mine["email"] is not None
        seen_by_admin = await _user(api, owner_id, admin)
        assert seen_by_admin["email"] == mine["email"]
        assert seen_by_admin["preferences"]["privacy"] == privacy

    assert await api.ok('query { user(id: "000000000000000000000000") { id } }') == {"user": None}
    me = await api.call("{ me { id } }")
    assert code_of(me["errors"][0]) == "UNAUTHENTICATED"


async def test_only_admins_change_roles(api: Api, users_db: Database) -> None:
    email = unique_email()
    member = await api.register(email=email)
    member_id = member["user"]["id"]
    forbidden = await api.error(
        SET_ROLES,
        {"input": {"userId": member_id, "roles": ["ADMIN"]}},
        token=member["accessToken"],
    )
    assert code_of(forbidden) == "FORBIDDEN"

    admin = await _make_admin(api, users_db)
    changed = await api.ok(
        SET_ROLES, {"input": {"userId": member_id, "roles": ["MODERATOR"]}}, token=admin
    )
    assert changed["setUserRoles"] == {"id": member_id, "roles": ["USER", "MODERATOR"]}
    # The next access token carries the new role.
    refreshed = (await api.refresh(member["refreshToken"]))["data"]["refreshToken"]
    assert refreshed["user"]["roles"] == ["USER", "MODERATOR"]

    listed = await api.ok("{ users(first: 10) { edges { node { id email } } } }", token=admin)
    assert member_id in [e["node"]["id"] for e in listed["users"]["edges"]]
    denied = await api.error(
        "{ users(first: 10) { edges { node { id } } } }", token=member["accessToken"]
    )
    assert code_of(denied) == "FORBIDDEN"


async def test_entities_resolve_in_one_request_with_privacy(api: Api) -> None:
    public = await api.register(display_name="Public Person")
    private = await api.register(display_name="Private Person")
    await api.ok(
        UPDATE_PREFERENCES, {"input": {"privacy": "PRIVATE"}}, token=private["accessToken"]
    )
    ids = [public["user"]["id"], private["user"]["id"], "000000000000000000000000"]
    data = await api.ok(
        "query($reps: [_Any!]!) { _entities(representations: $reps) "
        "{ ... on User { id displayName timezone } } }",
        {"reps": [{"__typename": "User", "id": i} for i in ids]},
    )
    assert data["_entities"] == [
        {"id": ids[0], "displayName": "Public Person", "timezone": "UTC"},
        {"id": ids[1], "displayName": "Private Person", "timezone": None},
        None,
    ]
