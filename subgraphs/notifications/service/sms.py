"""The SMS channel: a short text to the user's verified number, for kinds they opted into."""

from __future__ import annotations

import logging

import httpx

from common.sms import SmsNotConfigured, SmsRejected, SmsSender
from subgraphs.notifications.domain.payloads import retry_after, utc_now
from subgraphs.notifications.domain.rendering import render
from subgraphs.notifications.service.channels import Outgoing, PermanentFailure, RetryableFailure

log = logging.getLogger(__name__)

# Two GSM segments at most: texts are paid per segment.
MAX_TEXT = 300
NOT_ACCEPTED = "The SMS provider did not accept the message."


class SmsChannel:
    def __init__(self, sender: SmsSender) -> None:
        self._sender = sender

    async def send(self, outgoing: Outgoing) -> None:
        recipient = outgoing.recipient
        if recipient is None or not recipient.phone:
            raise PermanentFailure("no verified phone number is known for this user")
        words = render(outgoing.notification)
        text = f"LifeGraph: {words.title}. {words.body}"
        if len(text) > MAX_TEXT:
            text = text[: MAX_TEXT - 1] + "…"
        try:
            await self._sender.send(to=recipient.phone, text=text)
        except SmsNotConfigured as exc:
            raise PermanentFailure("SMS is not configured") from exc
        except SmsRejected as exc:
            log.warning("SMS provider answered %s", exc.status)
            if not exc.retryable:
                raise PermanentFailure("The SMS provider refused the message.") from exc
            wait = retry_after(exc.retry_after, utc_now())
            raise RetryableFailure(NOT_ACCEPTED, retry_after=wait) from exc
        except httpx.HTTPError as exc:
            log.warning("SMS provider unreachable", exc_info=True)
            raise RetryableFailure(NOT_ACCEPTED) from exc
