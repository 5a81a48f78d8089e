"""APNs over HTTP/2 with an ES256 provider token (token-based auth), rotated under an hour."""

from __future__ import annotations

import json
import logging
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
from joserfc import jwt
from joserfc.jwk import ECKey

from common.settings import NotificationsSettings
from subgraphs.notifications.domain.payloads import APNS_MAX_BYTES, fit
from subgraphs.notifications.models import Device
from subgraphs.notifications.service.transport import DELIVERED, GONE, Outcome, PushMessage, retry

log = logging.getLogger(__name__)

# Apple refuses a provider token older than an hour and one renewed more often than
# every 20 minutes: 50 minutes sits between.
TOKEN_LIFETIME_SECONDS = 50 * 60
# How long APNs keeps trying an offline phone.
EXPIRATION_SECONDS = 24 * 3600
# Reasons (with a 400) for a token that will never work for this app again.
DEAD_TOKEN_REASONS = frozenset({"BadDeviceToken", "DeviceTokenNotForTopic"})
STALE_PROVIDER_TOKEN = frozenset({"ExpiredProviderToken", "InvalidProviderToken"})


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    team_id: str
    private_key: str

    @classmethod
    def from_settings(cls, s: NotificationsSettings) -> SigningKey | None:
        if s.apns_key_id and s.apns_team_id and s.apns_private_key:
            return cls(s.apns_key_id, s.apns_team_id, s.apns_private_key.get_secret_value())
        return None


class ProviderToken:
    """The ES256 JWT APNs authenticates us by, made again every 50 minutes."""

    def __init__(self, key: SigningKey, *, clock: Callable[[], float] = time.time) -> None:
        self._key = key
        self._ec = ECKey.import_key(key.private_key)
        self._clock = clock
        self._token: str | None = None
        self._issued = 0.0

    def get(self) -> str:
        now = self._clock()
        if self._token is None or now - self._issued >= TOKEN_LIFETIME_SECONDS:
            header = {"alg": "ES256", "kid": self._key.key_id}
            claims = {"iss": self._key.team_id, "iat": int(now)}
            self._token = jwt.encode(header, claims, self._ec, algorithms=["ES256"])
            self._issued = now
        return self._token

    def invalidate(self, token: str) -> None:
        if self._token == token:
            self._token = None


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """The system's CAs, plus `ca_file` when set (a private gateway, tests' server)."""
    context = ssl.create_default_context()
    if ca_file is not None:
        context.load_verify_locations(cafile=str(ca_file))
    return context


class Apns:
    """Sends to iOS devices; one HTTP/2 connection carries every push (`aclose()` at stop)."""

    def __init__(
        self, key: SigningKey, *, base_url: str, verify: ssl.SSLContext | None = None
    ) -> None:
        self._tokens = ProviderToken(key)
        self._base = base_url.rstrip("/")
        self._client = httpx.AsyncClient(http2=True, timeout=10, verify=verify or tls_context(None))

    async def aclose(self) -> None:
        await self._client.aclose()

    async def deliver(self, device: Device, message: PushMessage) -> Outcome:
        payload = fit(
            lambda t, b: _payload(message, t, b), message.title, message.body, APNS_MAX_BYTES
        )
        token = self._tokens.get()
        response = await self._client.post(
            f"{self._base}/3/device/{quote(device.token, safe='')}",
            content=payload,
            headers={
                "authorization": f"bearer {token}",
                "apns-topic": device.app_id,
                "apns-push-type": "alert",
                "apns-priority": "10",
                "apns-collapse-id": message.collapse_id,
                "apns-expiration": str(int(time.time()) + EXPIRATION_SECONDS),
                "content-type": "application/json",
            },
        )
        if response.status_code == 200:
            return DELIVERED
        reason = _reason(response)
        if response.status_code == 410 or (
            response.status_code == 400 and reason in DEAD_TOKEN_REASONS
        ):
            return GONE
        if response.status_code == 403 and reason in STALE_PROVIDER_TOKEN:
            self._tokens.invalidate(token)
        log.warning("APNs answered %s %s", response.status_code, reason)
        return retry(response)


def _payload(message: PushMessage, title: str, body: str) -> bytes:
    aps = {
        "alert": {"title": title, "body": body},
        "sound": "default",
        # Notification Center groups a conversation's or a post's pushes together.
        "thread-id": message.collapse_id,
    }
    return json.dumps(
        {"aps": aps, **message.data()}, separators=(",", ":"), ensure_ascii=False
    ).encode()


def _reason(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return str(body.get("reason")) if isinstance(body, dict) and body.get("reason") else None
