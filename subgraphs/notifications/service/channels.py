"""Delivery channels beyond the inbox: email over SMTP and encrypted web push with VAPID."""

from __future__ import annotations

import base64
import json
import logging
import time
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPusher

from common.mail import MailSender
from common.urlguard import RefusedUrl, UrlGuard
from subgraphs.notifications.domain.rendering import render
from subgraphs.notifications.models import Notification, PushEndpoint, Recipient
from subgraphs.notifications.repository.push import PushEndpoints

log = logging.getLogger(__name__)


class PermanentFailure(Exception):
    """Retrying cannot help (no address, channel not configured): fail the delivery now.

    The message is shown to the user (`deliveries.lastError`): no network details."""


class RetryableFailure(Exception):
    """Worth another attempt later; the message is shown to the user as is."""


@dataclass(frozen=True)
class Outgoing:
    notification: Notification
    recipient: Recipient | None


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


class PushChannel:
    """RFC 8291 `aes128gcm` payload encryption (pywebpush) and RFC 8292 VAPID auth.

    Sends share one HTTP client for the life of the channel, so connections to a
    push service are kept alive between notifications; `aclose()` at shutdown.
    """

    def __init__(
        self,
        endpoints: PushEndpoints,
        *,
        private_key: str | None,
        subject: str,
        guard: UrlGuard | None = None,
    ) -> None:
        self._endpoints = endpoints
        self._guard = guard or UrlGuard()
        self._vapid = Vapid.from_string(private_key=private_key) if private_key else None
        self._subject = subject
        # The guard's transport connects only to the public addresses it checked, so a
        # subscription whose name now resolves inward is refused at connect time, pooled
        # or not. Without a VAPID key nothing is ever sent: no client to hold open.
        self._client = (
            httpx.AsyncClient(timeout=10, transport=self._guard.transport())
            if self._vapid is not None
            else None
        )

    async def aclose(self) -> None:
        """Close the shared HTTP client and its pooled connections."""
        if self._client is not None:
            await self._client.aclose()

    @property
    def public_key(self) -> str | None:
        """The application server key browsers pass to `pushManager.subscribe`."""
        if self._vapid is None:
            return None
        raw = self._vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    async def send(self, outgoing: Outgoing) -> None:
        if self._vapid is None or self._client is None:
            raise PermanentFailure("web push is not configured (no VAPID key)")
        n = outgoing.notification
        targets = await self._endpoints.for_user(n.user_id)
        if not targets:
            raise PermanentFailure("the user has no push subscription")
        words = render(n)
        payload = json.dumps(
            {
                "id": str(n.id),
                "kind": n.kind.value,
                "targetId": n.target_id,
                "title": words.title,
                "body": words.body,
            }
        ).encode()
        delivered, failed, refused = False, False, 0
        client = self._client
        for target in targets:
            try:
                await self._guard.check(target.endpoint)
                status = await self._post(client, target, payload)
            except RefusedUrl:
                log.warning("push endpoint refused by the URL guard", exc_info=True)
                refused += 1
                continue
            except httpx.HTTPError:
                log.warning("push endpoint unreachable", exc_info=True)
                failed = True
                continue
            if status in (200, 201, 202):
                delivered = True
            elif status in (404, 410):
                # The browser unsubscribed: the endpoint will never work again.
                await self._endpoints.remove(target.user_id, target.endpoint)
            else:
                log.warning("push service answered %s", status)
                failed = True
        if delivered:
            return
        if failed:
            raise RetryableFailure("The push service did not accept the notification.")
        if refused:
            raise PermanentFailure("No push subscription may be delivered to.")
        raise PermanentFailure("every push subscription has expired")

    async def _post(self, client: httpx.AsyncClient, target: PushEndpoint, payload: bytes) -> int:
        assert self._vapid is not None
        pusher = WebPusher(
            {"endpoint": target.endpoint, "keys": {"p256dh": target.p256dh, "auth": target.auth}}
        )
        body: bytes = pusher.encode(payload, content_encoding="aes128gcm")["body"]
        origin = urlsplit(target.endpoint)
        claims = {
            "sub": self._subject,
            "aud": f"{origin.scheme}://{origin.netloc}",
            "exp": int(time.time()) + 12 * 3600,
        }
        headers: dict[str, str] = {
            **self._vapid.sign(claims),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(24 * 3600),
        }
        response = await client.post(target.endpoint, content=body, headers=headers)
        return response.status_code
