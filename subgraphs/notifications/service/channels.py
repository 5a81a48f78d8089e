"""Delivery channels beyond the inbox: what every sender shares, and email over SMTP.

Push (web, FCM, APNs) is in `push.py` and its transports; SMS in `sms.py`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from common.mail import MailSender
from subgraphs.notifications.domain.rendering import render
from subgraphs.notifications.models import Notification, Recipient


class PermanentFailure(Exception):
    """Retrying cannot help (no address, channel not configured): fail the delivery now.

    The message is shown to the user (`deliveries.lastError`): no network details."""


class RetryableFailure(Exception):
    """Worth another attempt later; the message is shown to the user as is.

    `retry_after` is the least the provider asked us to wait (its Retry-After);
    `reached` the push targets that did accept, which the retry leaves out."""

    def __init__(
        self, message: str, *, retry_after: timedelta | None = None, reached: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.reached = tuple(reached)


@dataclass(frozen=True)
class Outgoing:
    notification: Notification
    recipient: Recipient | None
    # Push targets an earlier attempt of this delivery already reached.
    reached: frozenset[str] = frozenset()


class ChannelSender(Protocol):
    async def send(self, outgoing: Outgoing) -> None: ...


class EmailChannel:
    def __init__(self, mail: MailSender, *, app_url: str) -> None:
        self._mail = mail
        self._app_url = app_url

    async def send(self, outgoing: Outgoing) -> None:
        recipient = outgoing.recipient
        if recipient is None or not recipient.email:
            raise PermanentFailure("no email address is known for this user")
        words = render(outgoing.notification)
        text = f"{words.body}\n\nOpen LifeGraph: {self._app_url}\n"
        await self._mail.send(to=recipient.email, subject=words.title, text=text)
