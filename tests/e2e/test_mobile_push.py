"""Through the router: phones registered with `registerDevice` get a follow's push through
FCM HTTP v1 and APNs (HTTP/2 over TLS) on loopback; a revoked token removes its device."""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from pydantic import SecretStr
from pymongo import AsyncMongoClient

from common.settings import Settings
from common.testing.waiting import eventually
from tests.e2e.conftest import Client, serve_lifegraph
from tests.subgraphs.notifications.providers import apns_server, fcm_server, unregistered

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

REGISTER = """mutation($i: RegisterDeviceInput!) {
  registerDevice(input: $i) { platform token appId createdAt } }"""
UNREGISTER = """mutation($i: UnregisterDeviceInput!) { unregisterDevice(input: $i) { token } }"""
DEVICES = "{ devices { platform token appId } }"
PUSH_DELIVERIES = """{ notifications(first: 5) { edges { node { kind
  deliveries { channel status lastError } } } } }"""
ANDROID = "dXNlci1waG9uZS0x:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx"
ANDROID_REVOKED = "cmV2b2tlZC1waG9uZQ:APA91bGone0000000000000000000000000"
IOS = "0123456789abcdef" * 4
IOS_REVOKED = "fedcba9876543210" * 4
APP = "app.lifegraph.mobile"


async def test_devices_get_pushes_from_fcm_and_apns_and_revoked_ones_go(
    settings: Settings, tmp_path: Path
) -> None:
    ca = trustme.CA()
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_tls)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    async with fcm_server() as fcm, apns_server(server_tls) as apns:
        fcm.answers[ANDROID_REVOKED] = [unregistered()]
        apns.answers[IOS_REVOKED] = [(410, {"reason": "Unregistered", "timestamp": 0}, {})]
        async with (
            serve_lifegraph(
                settings,
                fcm_service_account_json=SecretStr(fcm.service_account_json()),
                fcm_token_uri=fcm.token_uri,
                fcm_base_url=fcm.url,
                apns_key_id=apns.key_id,
                apns_team_id=apns.team_id,
                apns_private_key=SecretStr(apns.private_key_pem),
                apns_base_url=apns.url,
                apns_ca_file=ca_file,
                # A follow's push waits for the end of its grouping window: 1 s here.
                notifications_group_window_seconds=1,
                notifications_dispatch_interval_seconds=0.2,
            ) as url,
            httpx.AsyncClient(timeout=30) as http,
        ):
            una, bo = Client(http, url), Client(http, url)
            una_id = await una.sign_up("Una")
            await bo.sign_up("Bo")
            for platform, token in (
                ("ANDROID", ANDROID),
                ("ANDROID", ANDROID_REVOKED),
                ("IOS", IOS),
                ("IOS", IOS_REVOKED),
            ):
                device = {"platform": platform, "token": token, "appId": APP}
                registered = await una.ok(REGISTER, {"i": device})
                assert registered["registerDevice"]["token"] == token

            await bo.ok_once_known(
                "mutation($i: UserInput!) { followUser(input: $i) { id } }",
                {"i": {"userId": una_id}},
            )

            left = await eventually(
                lambda: una.ok(DEVICES), lambda d: len(d["devices"]) == 2, within=30
            )
            assert sorted(d["token"] for d in left["devices"]) == sorted([ANDROID, IOS])
            inbox = await eventually(
                lambda: una.ok(PUSH_DELIVERIES),
                lambda d: _push(d).get("status") == "SENT",
                within=30,
            )
            assert _push(inbox)["lastError"] is None

            # Owner only: Bo cannot unregister Una's phone.
            foreign = await bo.call(UNREGISTER, {"i": {"platform": "IOS", "token": IOS}})
            assert foreign["errors"][0]["extensions"]["code"] == "NOT_FOUND"
            assert len((await una.ok(DEVICES))["devices"]) == 2
            await una.ok(UNREGISTER, {"i": {"platform": "IOS", "token": IOS}})
            assert [d["token"] for d in (await una.ok(DEVICES))["devices"]] == [ANDROID]

    [(token, message)] = fcm.received
    assert token == ANDROID
    assert message["notification"]["title"] == "You have a new follower"
    assert fcm.token_requests == 1
    assert apns.alpn == ["h2"]
    [request] = apns.received
    assert request.headers[":path"] == f"/3/device/{IOS}"
    assert request.headers["apns-topic"] == APP
    assert request.body["aps"]["alert"]["title"] == "You have a new follower"


BAD_DEVICES = [
    ({"platform": "ANDROID", "token": "x" * 1025, "appId": APP}, "token"),
    ({"platform": "IOS", "token": "not-hex-at-all" * 5, "appId": APP}, "token"),
    ({"platform": "ANDROID", "token": ANDROID, "appId": "../../etc"}, "appId"),
]


async def test_bad_devices_are_refused_and_nothing_is_stored(
    lifegraph: str, http: httpx.AsyncClient, settings: Settings
) -> None:
    una = Client(http, lifegraph)
    await una.sign_up("Una")
    for device, field in BAD_DEVICES:
        body = await una.call(REGISTER, {"i": device})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert body["errors"][0]["extensions"]["field"] == field
    anonymous = Client(http, lifegraph)
    denied = await anonymous.call(REGISTER, {"i": {"platform": "IOS", "token": IOS, "appId": APP}})
    # @authenticated: the router refuses it before any subgraph sees it.
    assert denied["errors"][0]["extensions"]["code"] == "UNAUTHORIZED_FIELD_OR_TYPE"
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        stored = client[settings.database_name("notifications")]["devices"]
        assert await stored.count_documents({}) == 0
    finally:
        await client.close()


def _push(body: dict[str, Any]) -> dict[str, Any]:
    for edge in body["notifications"]["edges"]:
        for delivery in edge["node"]["deliveries"]:
            if delivery["channel"] == "PUSH":
                found: dict[str, Any] = delivery
                return found
    return {}
