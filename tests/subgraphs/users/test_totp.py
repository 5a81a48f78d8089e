"""Two-step sign-in with an authenticator app (TOTP)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pyotp

from tests.subgraphs.users.helpers import PASSWORD, Api, code_of, unique_email

ENROLL = "mutation { enrollTotp { secret otpauthUri } }"
CONFIRM = "mutation($input: ConfirmTotpInput!) { confirmTotp(input: $input) { totpEnabled } }"
DISABLE = "mutation($input: DisableTotpInput!) { disableTotp(input: $input) { totpEnabled } }"


def _code(secret: str, steps_ahead: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    code: str = totp.generate_otp(totp.timecode(datetime.now(UTC)) + steps_ahead)
    return code


async def test_enrol_confirm_sign_in_with_code_and_disable(api: Api) -> None:
    email = unique_email()
    token = (await api.register(email=email))["accessToken"]

    enrolled = (await api.ok(ENROLL, token=token))["enrollTotp"]
    secret = enrolled["secret"]
    uri = urlsplit(enrolled["otpauthUri"])
    assert uri.scheme == "otpauth"
    assert parse_qs(uri.query)["secret"] == [secret]
    assert parse_qs(uri.query)["issuer"] == ["LifeGraph"]

    wrong = await api.error(CONFIRM, {"input": {"code": "000000"}}, token=token)
    assert wrong["extensions"] == {"code": "BAD_USER_INPUT", "field": "code"}
    confirmed = await api.ok(CONFIRM, {"input": {"code": _code(secret)}}, token=token)
    assert confirmed == {"confirmTotp": {"totpEnabled": True}}

    missing = (await api.login(email))["errors"][0]
    assert code_of(missing) == "TOTP_REQUIRED"
    assert "totpCode" in missing["message"]
    bad = (await api.login(email, totp_code="123456"))["errors"][0]
    assert code_of(bad) == "UNAUTHENTICATED"

    # The confirming code's step is spent; the next step's code (within the drift
    # window) signs in once and cannot be replayed.
    next_code = _code(secret, 1)
    assert "data" in await api.login(email, totp_code=next_code)
    replay = (await api.login(email, totp_code=next_code))["errors"][0]
    assert code_of(replay) == "UNAUTHENTICATED"

    wrong_password = await api.error(
        DISABLE, {"input": {"password": "nope-nope-nope"}}, token=token
    )
    assert wrong_password["extensions"] == {"code": "BAD_USER_INPUT", "field": "password"}
    disabled = await api.ok(DISABLE, {"input": {"password": PASSWORD}}, token=token)
    assert disabled == {"disableTotp": {"totpEnabled": False}}
    assert "data" in await api.login(email)


async def test_enrolling_twice_while_on_is_a_conflict(api: Api) -> None:
    token = (await api.register())["accessToken"]
    secret = (await api.ok(ENROLL, token=token))["enrollTotp"]["secret"]
    await api.ok(CONFIRM, {"input": {"code": _code(secret)}}, token=token)
    again = await api.error(ENROLL, token=token)
    assert code_of(again) == "CONFLICT"
