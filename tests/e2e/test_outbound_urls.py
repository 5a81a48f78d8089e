"""Through the router: a push subscription cannot point the server at itself (SSRF)."""

from __future__ import annotations

from typing import Any

import pytest
from pymongo import AsyncMongoClient

from common.settings import Settings
from tests.e2e.conftest import NewClient

REGISTER = """mutation($i: RegisterPushSubscriptionInput!) {
  registerPushSubscription(input: $i) { endpoint } }"""
# A real subscription's keys: a P-256 point and 16 bytes, base64url.
P256DH = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
AUTH = "tBHItJI5svbpez7KI4CCXg"


@pytest.mark.parametrize(
    "endpoint",
    ["http://127.0.0.1:4326/push", "https://localhost:4000/graphql", "https://10.0.0.1/push"],
)
async def test_inward_push_endpoints_are_refused_through_the_router(
    new_client: NewClient, settings: Settings, endpoint: str
) -> None:
    una = new_client()
    await una.sign_up("Una")
    body = await una.call(REGISTER, {"i": {"endpoint": endpoint, "p256dh": P256DH, "auth": AUTH}})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["field"] == "endpoint"
    assert body["data"] is None
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        stored = client[settings.database_name("notifications")]["push_subscriptions"]
        assert await stored.count_documents({}) == 0
    finally:
        await client.close()
