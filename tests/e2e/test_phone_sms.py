"""Through the router: a phone number proved by a texted code (Twilio-compatible API on
loopback) reaches the notifications subgraph; bad numbers and too many codes are refused."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from pymongo import AsyncMongoClient

from common.settings import Settings
from common.testing.waiting import eventually
from tests.e2e.conftest import Client, serve_lifegraph
from tests.subgraphs.notifications.providers import Twilio, twilio_server

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

SID = "AC00000000000000000000000000000042"
AUTH = "twilio-auth-token"
START = """mutation($i: StartPhoneVerificationInput!) {
  startPhoneVerification(input: $i) { phoneNumber expiresAt } }"""
VERIFY = """mutation($i: VerifyPhoneInput!) { verifyPhone(input: $i) { phoneNumber } }"""
PASSWORD = "violet-harbour-lantern-42"  # what tests/e2e/conftest.py signs up with
BAD_NUMBERS = [
    {"phoneNumber": "12345"},
    {"phoneNumber": "+1 415 555 01"},
    {"phoneNumber": "not a number"},
    {"phoneNumber": "4155550123", "region": "USA"},
    {"phoneNumber": "+" + "1" * 40},
]


async def test_a_texted_code_proves_the_number_and_codes_are_limited(settings: Settings) -> None:
    async with (
        twilio_server(SID, AUTH) as twilio,
        serve_lifegraph(
            settings,
            sms_account_sid=SID,
            sms_auth_token=SecretStr(AUTH),
            sms_from="+15005550006",
            sms_base_url=twilio.url,
        ) as url,
        httpx.AsyncClient(timeout=30) as http,
    ):
        una = Client(http, url)
        una_id = await una.sign_up("Una")
        mongo: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
        try:
            pending = mongo[settings.database_name("users")]["phone_verifications"]
            for bad in BAD_NUMBERS:
                body = await una.call(START, {"i": bad})
                assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", bad
                assert body["errors"][0]["extensions"]["field"] == "phoneNumber"
            assert await pending.count_documents({}) == 0
            assert twilio.received == []

            started = await una.ok(START, {"i": {"phoneNumber": "(415) 555-0123", "region": "us"}})
            assert started["startPhoneVerification"]["phoneNumber"] == "+14155550123"
            [text] = twilio.received
            assert text["To"] == "+14155550123"
            assert text["From"] == "+15005550006"
            match = re.search(r"\b(\d{6})\b", text["Body"])
            assert match is not None
            code = match.group(1)
            row = await pending.find_one({})
            assert row is not None
            assert code not in str(row)  # hashed at rest

            wrong = "000000" if code != "000000" else "111111"
            body = await una.call(VERIFY, {"i": {"code": wrong}})
            assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
            assert (await una.ok("{ me { phoneNumber } }"))["me"]["phoneNumber"] is None

            proved = await una.ok(VERIFY, {"i": {"code": code}})
            assert proved["verifyPhone"]["phoneNumber"] == "+14155550123"
            assert await pending.count_documents({}) == 0

            # The notifications subgraph learns the number from users.user.updated.
            recipients = mongo[settings.database_name("notifications")]["recipients"]
            await eventually(
                lambda: recipients.find_one({"user_id": una_id}),
                lambda r: r is not None and r.get("phone") == "+14155550123",
            )

            # A security alert by SMS, once the member opts in: changing the password.
            opt_in = """mutation { updateNotificationPreferences(input: {channels: [
              {kind: SECURITY_ALERT, channel: SMS, enabled: true}]}) { quietHours { start } } }"""
            await una.ok(opt_in)
            refused = await una.call(
                """mutation { updateNotificationPreferences(input: {channels: [
                  {kind: POST_LIKED, channel: SMS, enabled: true}]}) { quietHours { start } } }"""
            )
            assert refused["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
            await una.ok(
                "mutation($i: ChangePasswordInput!) { changePassword(input: $i) }",
                {"i": {"currentPassword": PASSWORD, "newPassword": "amber-quarry-willow-77"}},
            )
            await eventually(lambda: _texts(twilio), lambda texts: len(texts) == 2)
            assert twilio.received[1]["To"] == "+14155550123"
            assert "password was changed" in twilio.received[1]["Body"]

            # Codes per number per hour: 3 (one used above), then RATE_LIMITED.
            for _ in range(2):
                await una.ok(START, {"i": {"phoneNumber": "+14155550123"}})
            limited = await una.call(START, {"i": {"phoneNumber": "+14155550123"}})
            assert limited["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
            assert len(twilio.received) == 4  # 3 codes and the alert

            # Too many wrong guesses end the pending code.
            for _ in range(5):
                await una.call(VERIFY, {"i": {"code": wrong}})
            exhausted = await una.call(VERIFY, {"i": {"code": wrong}})
            assert exhausted["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
            assert await pending.count_documents({}) == 0

            bo = Client(http, url)
            await bo.sign_up("Bo")
            other = await bo.ok("query($id: ID!) { user(id: $id) { phoneNumber } }", {"id": una_id})
            assert other["user"]["phoneNumber"] is None  # owner and admins only
        finally:
            await mongo.close()


async def _texts(twilio: Twilio) -> list[dict[str, str]]:
    return list(twilio.received)
