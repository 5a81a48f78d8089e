from __future__ import annotations

import httpx
from graphql import get_introspection_query

from tests.router.kit import Recorder, post


async def test_introspection_shows_the_api_schema_only(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, get_introspection_query())
    types = {t["name"]: t for t in result["data"]["__schema"]["types"]}
    assert "Product" in types
    assert "User" in types
    assert not [name for name in types if name.startswith(("join__", "link__"))]
    user_fields = {f["name"] for f in types["User"]["fields"]}
    assert "birthDate" not in user_fields
    assert user_fields == {"id", "name", "username", "strictName", "reviews"}
    directives = {d["name"] for d in result["data"]["__schema"]["directives"]}
    assert not directives & {"join__type", "join__field", "link", "inaccessible"}
    assert recorder.calls == []


async def test_inaccessible_field_cannot_be_queried(shop_client: httpx.AsyncClient) -> None:
    result = await post(shop_client, "{ me { birthDate } }")
    assert result["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_introspection_mixed_with_data(
    shop_client: httpx.AsyncClient, recorder: Recorder
) -> None:
    result = await post(shop_client, '{ __type(name: "Review") { name } me { id } }')
    assert result == {"data": {"__type": {"name": "Review"}, "me": {"id": "1"}}}
    assert recorder.summary() == [("accounts", False)]
