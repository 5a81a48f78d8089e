"""Web push to browsers: RFC 8291 `aes128gcm` payloads (pywebpush) and RFC 8292 VAPID auth."""

from __future__ import annotations

import base64
import json
import logging
import time
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPusher

from common.urlguard import RefusedUrl, UrlGuard
from subgraphs.notifications.models import PushEndpoint
from subgraphs.notifications.service.transport import (
    DELIVERED,
    GONE,
    REFUSED,
    Outcome,
    PushMessage,
    retry,
)

log = logging.getLogger(__name__)


class WebPush:
    """One HTTP client for the life of the transport, so connections to a push service
    are kept alive between notifications; `aclose()` at shutdown."""

    def __init__(self, private_key: str, *, subject: str, guard: UrlGuard) -> None:
        self._vapid = Vapid.from_string(private_key=private_key)
        self._subject = subject
        self._guard = guard
        # The guard's transport connects only to the public addresses it checked, so a
        # subscription whose name now resolves inward is refused at connect time, pooled
        # or not.
        self._client = httpx.AsyncClient(timeout=10, transport=guard.transport())

    async def aclose(self) -> None:
        await self._client.aclose()

    @property
    def public_key(self) -> str:
        """The application server key browsers pass to `pushManager.subscribe`."""
        raw = self._vapid.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    async def deliver(self, target: PushEndpoint, message: PushMessage) -> Outcome:
        payload = json.dumps({**message.data(), "title": message.title, "body": message.body})
        try:
            await self._guard.check(target.endpoint)
            response = await self._post(target, payload.encode())
        except RefusedUrl:
            log.warning("push endpoint refused by the URL guard", exc_info=True)
            return REFUSED
        if response.status_code in (200, 201, 202):
            return DELIVERED
        if response.status_code in (404, 410):
            # The browser unsubscribed: the endpoint will never work again.
            return GONE
        log.warning("push service answered %s", response.status_code)
        return retry(response)

    async def _post(self, target: PushEndpoint, payload: bytes) -> httpx.Response:
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
        return await self._client.post(target.endpoint, content=body, headers=headers)
