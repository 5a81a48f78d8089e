"""Time zones that are not places, and `_entities` representations no User can take."""

from __future__ import annotations

from typing import Any

import pytest

from tests.subgraphs.users.helpers import Api

UPDATE_PROFILE = "mutation($i: UpdateProfileInput!) { updateProfile(input: $i) { timezone } }"
ME = "{ me { timezone } }"


@pytest.mark.parametrize(
    "name", ["posixrules", "right/UTC", "localtime", "Factory", "posix/UTC", "x" * 10_000]
)
async def test_time_zones_that_are_not_places_are_refused(api: Api, name: str) -> None:
    token = (await api.register())["accessToken"]
    await api.ok(UPDATE_PROFILE, {"i": {"timezone": "Europe/Paris"}}, token=token)
    error = await api.error(UPDATE_PROFILE, {"i": {"timezone": name}}, token=token)
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "timezone"}
    assert len(error["message"]) < 200
    assert (await api.ok(ME, token=token))["me"] == {"timezone": "Europe/Paris"}


@pytest.mark.parametrize(
    "representation",
    [
        {"__typename": "User", "id": "000000000000000000000000", "email": "x@example.org"},
        {"__typename": "User"},
        {"__typename": "User", "id": {"$ne": None}},
        {"__typename": "Unknown", "id": "1"},
    ],
)
async def test_unknown_fields_in_a_representation_are_bad_user_input(
    api: Api, representation: dict[str, Any]
) -> None:
    user_id = (await api.register())["user"]["id"]
    body = await api.call(
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }",
        {"r": [{"__typename": "User", "id": user_id}, representation]},
    )
    assert body["data"]["_entities"] == [{"id": user_id}, None]
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "representations"}
