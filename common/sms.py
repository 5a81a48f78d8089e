"""Outgoing SMS: a Twilio-compatible HTTP API when configured; in development and test, the
dev mailbox (`lifegraph mail` lists them), never the log, since texts carry one-time codes.
"""

from __future__ import annotations

from typing import Protocol

import httpx

from common.mail import LOCAL_ENVIRONMENTS, DevMailbox
from common.settings import SubgraphSettings


class SmsSender(Protocol):
    async def send(self, *, to: str, text: str) -> None: ...


class SmsNotConfigured(RuntimeError):
    """No SMS provider outside development: a text cannot be sent."""


class SmsRejected(Exception):
    """The provider refused the message; `retryable` when a later attempt may pass."""

    def __init__(self, status: int, *, retryable: bool, retry_after: str | None = None) -> None:
        super().__init__(f"the SMS provider answered {status}")
        self.status = status
        self.retryable = retryable
        self.retry_after = retry_after


class TwilioSms:
    """`POST {base}/2010-04-01/Accounts/{sid}/Messages.json`, basic auth, a form body.

    One client for the life of the sender; `aclose()` at shutdown."""

    def __init__(self, settings: SubgraphSettings) -> None:
        if not (settings.sms_account_sid and settings.sms_auth_token and settings.sms_from):
            raise ValueError("TwilioSms needs LIFEGRAPH_SMS_ACCOUNT_SID, _AUTH_TOKEN and _FROM")
        self._sid = settings.sms_account_sid
        self._from = settings.sms_from
        self._url = (
            f"{settings.sms_base_url.rstrip('/')}/2010-04-01/Accounts/{self._sid}/Messages.json"
        )
        self._client = httpx.AsyncClient(
            timeout=10, auth=(self._sid, settings.sms_auth_token.get_secret_value())
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def send(self, *, to: str, text: str) -> None:
        sender = "MessagingServiceSid" if self._from.startswith("MG") else "From"
        response = await self._client.post(
            self._url, data={"To": to, sender: self._from, "Body": text}
        )
        if response.status_code in (200, 201):
            return
        status = response.status_code
        raise SmsRejected(
            status,
            retryable=status == 429 or status >= 500,
            retry_after=response.headers.get("retry-after"),
        )


class DevSms:
    """Development texts: one .eml per SMS in the dev mailbox, addressed to the number."""

    def __init__(self, settings: SubgraphSettings) -> None:
        self._mailbox = DevMailbox(settings)

    async def aclose(self) -> None:
        return None

    async def send(self, *, to: str, text: str) -> None:
        await self._mailbox.send(to=f"{to}@sms.invalid", subject=f"SMS to {to}", text=text)


class MissingSms:
    """Stands in outside development without a provider: sending fails, loudly."""

    async def aclose(self) -> None:
        return None

    async def send(self, *, to: str, text: str) -> None:
        raise SmsNotConfigured("No SMS provider: set LIFEGRAPH_SMS_ACCOUNT_SID and the others.")


def sms_sender_from(settings: SubgraphSettings) -> TwilioSms | DevSms | MissingSms:
    """The provider the settings name.

    Example::

        sms = sms_sender_from(settings)
        await sms.send(to="+14155550123", text="Your LifeGraph code is 123456")
        await sms.aclose()
    """
    if settings.sms_account_sid:
        return TwilioSms(settings)
    if settings.environment in LOCAL_ENVIRONMENTS:
        return DevSms(settings)
    return MissingSms()
