"""FCM HTTP v1: a service account's RS256 JWT exchanged for an OAuth2 access token, cached
until it expires, then `POST /v1/projects/{id}/messages:send` per device."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from joserfc import jwt
from joserfc.jwk import RSAKey

from common.settings import NotificationsSettings
from subgraphs.notifications.domain.payloads import FCM_MAX_BYTES, fit
from subgraphs.notifications.models import Device
from subgraphs.notifications.service.transport import DELIVERED, GONE, Outcome, PushMessage, retry

log = logging.getLogger(__name__)

SCOPE = "https://www.googleapis.com/auth/firebase.messaging"
GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Google's assertions may live at most an hour.
ASSERTION_SECONDS = 3600
# A cached access token is renewed this long before it expires, so none is sent stale.
EXPIRY_MARGIN = 60.0
# FCM's answers for a token that will never work again.
DEAD_TOKEN_CODES = frozenset({"UNREGISTERED", "SENDER_ID_MISMATCH"})


@dataclass(frozen=True)
class ServiceAccount:
    project_id: str
    client_email: str
    private_key: str
    private_key_id: str | None
    token_uri: str

    @classmethod
    def from_settings(cls, s: NotificationsSettings) -> ServiceAccount | None:
        """From the JSON Google issues, or from the fields set one by one; None: FCM off."""
        if s.fcm_service_account_json is not None:
            doc = json.loads(s.fcm_service_account_json.get_secret_value())
            return cls(
                project_id=doc["project_id"],
                client_email=doc["client_email"],
                private_key=doc["private_key"],
                private_key_id=doc.get("private_key_id"),
                token_uri=s.fcm_token_uri,
            )
        if s.fcm_project_id and s.fcm_client_email and s.fcm_private_key:
            return cls(
                project_id=s.fcm_project_id,
                client_email=s.fcm_client_email,
                private_key=s.fcm_private_key.get_secret_value(),
                private_key_id=s.fcm_private_key_id,
                token_uri=s.fcm_token_uri,
            )
        return None


class AccessTokens:
    """The OAuth2 access token for FCM, fetched once and reused until shortly before it
    expires; concurrent sends wait for one fetch."""

    def __init__(
        self,
        account: ServiceAccount,
        client: httpx.AsyncClient,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._account = account
        self._key = RSAKey.import_key(account.private_key)
        self._client = client
        self._clock = clock
        self._token: str | None = None
        self._expires = 0.0
        self._lock = asyncio.Lock()

    async def get(self) -> str:
        async with self._lock:
            if self._token is None or self._clock() >= self._expires - EXPIRY_MARGIN:
                await self._fetch()
            assert self._token is not None
            return self._token

    def invalidate(self, token: str) -> None:
        """FCM refused `token`: the next send fetches another (unless one already did)."""
        if self._token == token:
            self._token = None

    def assertion(self) -> str:
        now = int(self._clock())
        header: dict[str, Any] = {"alg": "RS256", "typ": "JWT"}
        if self._account.private_key_id:
            header["kid"] = self._account.private_key_id
        claims = {
            "iss": self._account.client_email,
            "scope": SCOPE,
            "aud": self._account.token_uri,
            "iat": now,
            "exp": now + ASSERTION_SECONDS,
        }
        return jwt.encode(header, claims, self._key, algorithms=["RS256"])

    async def _fetch(self) -> None:
        response = await self._client.post(
            self._account.token_uri,
            data={"grant_type": GRANT_TYPE, "assertion": self.assertion()},
        )
        response.raise_for_status()
        body = response.json()
        self._token = str(body["access_token"])
        self._expires = self._clock() + float(body.get("expires_in", 3600))


class Fcm:
    """Sends to Android and web-app devices through FCM HTTP v1; `aclose()` at shutdown."""

    def __init__(self, account: ServiceAccount, *, base_url: str) -> None:
        self._client = httpx.AsyncClient(timeout=10)
        self._tokens = AccessTokens(account, self._client)
        self._url = f"{base_url.rstrip('/')}/v1/projects/{account.project_id}/messages:send"

    async def aclose(self) -> None:
        await self._client.aclose()

    async def deliver(self, device: Device, message: PushMessage) -> Outcome:
        payload = fit(
            lambda t, b: _content(message, t, b), message.title, message.body, FCM_MAX_BYTES
        )
        body = (
            b'{"message":{"token":' + json.dumps(device.token).encode() + b"," + payload[1:] + b"}"
        )
        # A 401 means the cached access token was revoked early: one fresh token, once.
        for _ in range(2):
            access = await self._tokens.get()
            response = await self._client.post(
                self._url,
                content=body,
                headers={"Authorization": f"Bearer {access}", "Content-Type": "application/json"},
            )
            if response.status_code != 401:
                break
            self._tokens.invalidate(access)
        return _outcome(response)


def _content(message: PushMessage, title: str, body: str) -> bytes:
    """The message's fields but the token, as a JSON object: what the 4 KB limit covers."""
    data = {key: str(value) for key, value in message.data().items()}
    return json.dumps(
        {
            "notification": {"title": title, "body": body},
            "data": data,
            "android": {"collapse_key": message.collapse_id},
        },
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()


def _outcome(response: httpx.Response) -> Outcome:
    status = response.status_code
    if status == 200:
        return DELIVERED
    code = _error_code(response)
    if status == 404 or code in DEAD_TOKEN_CODES:
        return GONE
    if status == 400 and code == "INVALID_ARGUMENT" and "token" in _error_message(response):
        # "The registration token is not a valid FCM registration token".
        return GONE
    log.warning("FCM answered %s %s", status, code)
    return retry(response)


def _error(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}


def _error_code(response: httpx.Response) -> str | None:
    error = _error(response)
    for detail in error.get("details") or []:
        if isinstance(detail, dict) and detail.get("errorCode"):
            return str(detail["errorCode"])
    status = error.get("status")
    return str(status) if status else None


def _error_message(response: httpx.Response) -> str:
    return str(_error(response).get("message", "")).lower()
