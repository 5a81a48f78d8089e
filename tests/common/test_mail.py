"""Mail never lands in the log; outside development a process that mails needs SMTP."""

from __future__ import annotations

import json
import logging
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from common.app import SubgraphDefinition, create_subgraph_app
from common.mail import (
    DevMailbox,
    MailNotConfigured,
    MissingTransport,
    SmtpMailSender,
    mail_sender_from,
    require_transport,
)
from common.settings import Settings
from subgraphs.notifications.app import subgraph as notifications
from subgraphs.users.app import subgraph as users
from subgraphs.users.service.signing import generate_private_jwks

SECRET = "reset-token-5f2c9a"


async def test_development_mail_goes_to_eml_files_and_never_to_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    mailbox = mail_sender_from(Settings(environment="development", data_dir=tmp_path))
    assert isinstance(mailbox, DevMailbox)
    for n in range(2):
        await mailbox.send(to="ada@example.org", subject=f"Reset {n}", text=f"token: {SECRET}")
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 2
    message = message_from_bytes(files[0].read_bytes())
    assert message["To"] == "ada@example.org"
    assert SECRET in message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    logged = [r.getMessage() for r in caplog.records]
    assert not any(SECRET in line for line in logged)
    # The mailbox's place is told once, not per mail.
    assert sum(str(tmp_path / "mail") in line for line in logged) == 1


def test_smtp_wins_wherever_it_is_set() -> None:
    settings = Settings(environment="production", smtp_host="mail.example.org")
    assert isinstance(mail_sender_from(settings), SmtpMailSender)


def test_outside_development_there_is_no_fallback() -> None:
    sender = mail_sender_from(Settings(environment="production"))
    assert isinstance(sender, MissingTransport)
    with pytest.raises(MailNotConfigured, match="LIFEGRAPH_SMTP_HOST"):
        require_transport(sender)


@pytest.mark.parametrize("definition", [users, notifications], ids=["users", "notifications"])
async def test_subgraphs_that_mail_refuse_to_start_without_smtp_in_production(
    settings: Settings, definition: SubgraphDefinition[Any]
) -> None:
    production = settings.model_copy(
        update={
            "environment": "production",
            "jwt_private_jwks": SecretStr(json.dumps(generate_private_jwks(1))),
            "router_secret": SecretStr("s" * 32),
        }
    )
    app = create_subgraph_app(definition, production)
    with pytest.raises(MailNotConfigured):
        async with app.router.lifespan_context(app):
            pass
