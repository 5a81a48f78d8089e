"""Outgoing mail: SMTP when configured; in development, a mailbox directory of .eml files.

Mail carries secrets (password-reset and verification links), so no sender here
ever logs a body, and outside development a process that sends mail refuses to
start without SMTP rather than dropping or logging its mail.
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

import aiosmtplib

from common.settings import SubgraphSettings

log = logging.getLogger(__name__)

# Environments where mail may stay on this machine instead of going out.
LOCAL_ENVIRONMENTS = frozenset({"development", "test"})


class MailSender(Protocol):
    async def send(self, *, to: str, subject: str, text: str) -> None: ...


class MailNotConfigured(RuntimeError):
    """A process that sends mail was started outside development without SMTP."""


def _message(settings: SubgraphSettings, *, to: str, subject: str, text: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    message.set_content(text)
    return message


class SmtpMailSender:
    def __init__(self, settings: SubgraphSettings) -> None:
        if settings.smtp_host is None:
            raise ValueError("SmtpMailSender needs LIFEGRAPH_SMTP_HOST")
        self._settings = settings

    async def send(self, *, to: str, subject: str, text: str) -> None:
        s = self._settings
        await aiosmtplib.send(
            _message(s, to=to, subject=subject, text=text),
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
            start_tls=s.smtp_starttls,
            timeout=10,
        )


def dev_mailbox_directory(data_dir: Path) -> Path:
    """Where `DevMailbox` writes under a data dir (`lifegraph mail` and `/dev/mail` read it)."""
    return data_dir / "mail"


class DevMailbox:
    """Development mail: one .eml file per message, openable in any mail client."""

    def __init__(self, settings: SubgraphSettings) -> None:
        self._settings = settings
        self.directory = dev_mailbox_directory(settings.data_dir)
        self._announced = False

    async def send(self, *, to: str, subject: str, text: str) -> None:
        message = _message(self._settings, to=to, subject=subject, text=text)
        await asyncio.to_thread(self._write, message.as_bytes())

    def _write(self, raw: bytes) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        if not self._announced:
            # Where to look, once; never what the mails say (they carry reset links).
            log.info("development mail is written to %s (no SMTP configured)", self.directory)
            self._announced = True
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        path = self.directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        return path


class MissingTransport:
    """Stands in outside development without SMTP; services that mail refuse to start."""

    async def send(self, *, to: str, subject: str, text: str) -> None:
        raise MailNotConfigured(NO_TRANSPORT)


NO_TRANSPORT = (
    "No mail transport: set LIFEGRAPH_SMTP_HOST (and the other LIFEGRAPH_SMTP_* settings). "
    "Mail goes to a local mailbox only when LIFEGRAPH_ENVIRONMENT is development."
)


def mail_sender_from(settings: SubgraphSettings) -> MailSender:
    if settings.smtp_host:
        return SmtpMailSender(settings)
    if settings.environment in LOCAL_ENVIRONMENTS:
        return DevMailbox(settings)
    return MissingTransport()


def require_transport(mail: MailSender) -> None:
    """Call at start-up in a subgraph that sends mail: refuse to run without a way to send it.

    Example::

        async def build(runtime: Runtime) -> Services:
            require_transport(runtime.infra.mail)
    """
    if isinstance(mail, MissingTransport):
        raise MailNotConfigured(NO_TRANSPORT)
