"""Outgoing mail: SMTP when configured, otherwise the log (development)."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from typing import Protocol

import aiosmtplib

from common.settings import Settings

log = logging.getLogger(__name__)


class MailSender(Protocol):
    async def send(self, *, to: str, subject: str, text: str) -> None: ...


class SmtpMailSender:
    def __init__(self, settings: Settings) -> None:
        if settings.smtp_host is None:
            raise ValueError("SmtpMailSender needs LIFEGRAPH_SMTP_HOST")
        self._settings = settings

    async def send(self, *, to: str, subject: str, text: str) -> None:
        s = self._settings
        message = EmailMessage()
        message["From"] = s.mail_from
        message["To"] = to
        message["Subject"] = subject
        message.set_content(text)
        await aiosmtplib.send(
            message,
            hostname=s.smtp_host,
            port=s.smtp_port,
            username=s.smtp_username,
            password=s.smtp_password.get_secret_value() if s.smtp_password else None,
            start_tls=s.smtp_starttls,
            timeout=10,
        )


class LogMailSender:
    async def send(self, *, to: str, subject: str, text: str) -> None:
        log.info("mail (no SMTP configured)", extra={"to": to, "subject": subject, "body": text})


def mail_sender_from(settings: Settings) -> MailSender:
    return SmtpMailSender(settings) if settings.smtp_host else LogMailSender()
