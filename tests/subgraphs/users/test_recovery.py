"""Password reset and email verification through a real SMTP server on loopback."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from common.db import Database
from common.settings import Settings
from common.testing.waiting import eventually
from lifegraph.cli import app
from lifegraph.mailbox import DevMailboxReader
from tests.subgraphs.users.conftest import ServeUsers
from tests.subgraphs.users.helpers import Api, code_of, unique_email
from tests.subgraphs.users.mail import MailCatcher, smtp_server
from tests.subgraphs.users.test_events import listen

REQUEST_RESET = (
    "mutation($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) }"
)
RESET = "mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }"
VERIFY = "mutation($input: VerifyEmailInput!) { verifyEmail(input: $input) }"
NEW_PASSWORD = "amber-orchard-telescope-9"


@pytest.fixture
async def mail() -> AsyncIterator[MailCatcher]:
    async with smtp_server() as catcher:
        yield catcher


@pytest.fixture
async def mailing_api(serve_users: ServeUsers, mail: MailCatcher) -> AsyncIterator[Api]:
    async with serve_users(smtp_host="127.0.0.1", smtp_port=mail.port, smtp_starttls=False) as api:
        yield api


def _token(message: EmailMessage, label: str) -> str:
    body = message.get_body(("plain",))
    assert body is not None
    found = re.search(rf"{label} token: (\S+)", body.get_content())
    assert found, body.get_content()
    return found.group(1)


async def test_password_reset_by_mail(mailing_api: Api, mail: MailCatcher) -> None:
    api = mailing_api
    email = unique_email()
    session = await api.register(email=email)

    # Same answer for an unknown address, and no mail for it: the first mail
    # that arrives is the one for the real account.
    unknown = await api.ok(REQUEST_RESET, {"input": {"email": unique_email()}})
    known = await api.ok(REQUEST_RESET, {"input": {"email": email.upper()}})
    assert unknown == known == {"requestPasswordReset": True}
    message = await mail.next()
    assert message["To"] == email
    token = _token(message, "Reset")

    weak = await api.error(RESET, {"input": {"token": token, "newPassword": "password123"}})
    assert weak["extensions"] == {"code": "BAD_USER_INPUT", "field": "newPassword"}
    await api.ok(RESET, {"input": {"token": token, "newPassword": NEW_PASSWORD}})
    assert "data" in await api.login(email, NEW_PASSWORD)
    assert code_of((await api.login(email))["errors"][0]) == "UNAUTHENTICATED"
    # Every session from before the reset is over.
    refreshed = await api.refresh(session["refreshToken"])
    assert code_of(refreshed["errors"][0]) == "UNAUTHENTICATED"

    again = await api.error(RESET, {"input": {"token": token, "newPassword": "other-pass-4455"}})
    assert again["extensions"] == {"code": "BAD_USER_INPUT", "field": "token"}


async def test_reset_tokens_expire(mailing_api: Api, mail: MailCatcher, users_db: Database) -> None:
    email = unique_email()
    await mailing_api.register(email=email)
    await mailing_api.ok(REQUEST_RESET, {"input": {"email": email}})
    token = _token(await mail.next(), "Reset")
    await users_db["one_time_tokens"].update_many(
        {}, {"$set": {"expires_at": datetime.now(UTC) - timedelta(seconds=1)}}
    )
    expired = await mailing_api.error(
        RESET, {"input": {"token": token, "newPassword": NEW_PASSWORD}}
    )
    assert expired["extensions"] == {"code": "BAD_USER_INPUT", "field": "token"}


async def test_email_verification_by_mail(
    mailing_api: Api, mail: MailCatcher, users_settings: Settings
) -> None:
    api = mailing_api
    email = unique_email()
    registered = await api.register(email=email)
    token = registered["accessToken"]
    sent = await api.ok("mutation { requestEmailVerification }", token=token)
    assert sent == {"requestEmailVerification": True}
    message = await mail.next()
    assert message["To"] == email
    verification = _token(message, "Verification")

    async with listen(users_settings) as user_events:
        assert await api.ok(VERIFY, {"input": {"token": verification}}) == {"verifyEmail": True}
        async with asyncio.timeout(10):
            announced = await user_events.get()
    # Only now may other subgraphs (notifications) mail the address.
    assert announced.type == "users.user.updated"
    assert announced.data["email"] == email
    assert announced.data["user_id"] == registered["user"]["id"]
    assert (await api.me(token))["data"]["me"]["emailVerified"] is True
    reused = await api.error(VERIFY, {"input": {"token": verification}})
    assert reused["extensions"] == {"code": "BAD_USER_INPUT", "field": "token"}
    # Nothing left to verify: no mail is sent.
    assert await api.ok("mutation { requestEmailVerification }", token=token) == {
        "requestEmailVerification": False
    }


async def test_without_smtp_the_reset_link_goes_to_the_dev_mailbox_not_the_log(
    serve_users: ServeUsers, users_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    mailbox = users_settings.data_dir / "mail"
    async with serve_users() as api:
        email = unique_email()
        await api.register(email=email)
        await api.ok(REQUEST_RESET, {"input": {"email": email}})
        files = await eventually(
            lambda: asyncio.to_thread(_resets, mailbox), lambda found: bool(found)
        )
    message = BytesParser(_class=EmailMessage, policy=policy.default).parsebytes(
        files[0].read_bytes()
    )
    token = _token(message, "Reset")
    assert all(token not in record.getMessage() for record in caplog.records)
    assert all(token not in str(record.__dict__) for record in caplog.records)


async def test_without_smtp_the_verification_link_is_read_with_lifegraph_mail_not_the_log(
    serve_users: ServeUsers, users_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    mailbox = DevMailboxReader(users_settings.data_dir)
    async with serve_users() as api:
        registered = await api.register(email=unique_email())
        token = registered["accessToken"]
        sent = await api.ok("mutation { requestEmailVerification }", token=token)
        assert sent == {"requestEmailVerification": True}
        await eventually(lambda: asyncio.to_thread(mailbox.list), lambda found: bool(found))
        shown = CliRunner().invoke(
            app,
            ["mail", "show", "1", "--data-dir", str(users_settings.data_dir)],
            env={"LIFEGRAPH_ENVIRONMENT": "test", "LIFEGRAPH_SMTP_HOST": ""},
        )
        assert shown.exit_code == 0, shown.output
        link = re.search(r"\s(http\S+/verify-email\?token=(\S+))$", shown.output, re.M)
        assert link, shown.output
        assert link.group(1).startswith(users_settings.public_base_url)
        verification = link.group(2)
        assert await api.ok(VERIFY, {"input": {"token": verification}}) == {"verifyEmail": True}
        assert (await api.me(token))["data"]["me"]["emailVerified"] is True
    assert all(verification not in record.getMessage() for record in caplog.records)
    assert all(verification not in str(record.__dict__) for record in caplog.records)


def _resets(mailbox: Path) -> list[Path]:
    return [
        path
        for path in sorted(mailbox.glob("*.eml"))
        if b"Reset your LifeGraph" in path.read_bytes()
    ]
