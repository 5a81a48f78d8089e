"""`_entities` with representations no entity can take: BAD_USER_INPUT per entry."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Api

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on User { id } ... on Goal { id } } }"""


@pytest.mark.parametrize(
    "representation",
    [
        {"__typename": "User", "id": "alice", "bogus": 1},
        {"__typename": "User"},
        {"__typename": "User", "id": {"$gt": ""}},
        {"__typename": "Goal", "id": ["a"]},
        {"__typename": "Nope", "id": "1"},
        {"id": "alice"},
        "User",
    ],
)
async def test_bad_representations_are_bad_user_input(api: Api, representation: Any) -> None:
    good = {"__typename": "User", "id": "alice"}
    body = await api.call(ENTITIES, {"r": [good, representation]}, user="alice")
    assert body["data"]["_entities"][0] == {"id": "alice"}
    assert body["data"]["_entities"][1] is None
    [error] = body["errors"]
    assert error["path"] == ["_entities", 1]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "representations"}
