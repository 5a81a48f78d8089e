"""Caps and shapes of what clients send the notifications subgraph: refused before storing."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence

from common.errors import BadUserInput
from subgraphs.notifications.models import Channel, Kind, Platform

MAX_MARK_READ = 100
MAX_ID_LENGTH = 64
# Every kind x channel once; more in one request can only be repeats.
MAX_CHANNEL_CHANGES = len(Kind) * len(Channel)
CLOCK_LENGTH = 5  # HH:MM
# Push services' endpoints are a few hundred characters; a browser never sends more.
MAX_ENDPOINT_LENGTH = 2048
P256DH_BYTES = 65  # an uncompressed P-256 point (RFC 8291)
AUTH_BYTES = 16
# FCM registration tokens are ~160-250 characters of base64url and ':'; APNs device tokens
# hex, 64 characters today (Apple documents them as variable length: some room).
MAX_DEVICE_TOKEN_LENGTH = 1024
FCM_TOKEN = re.compile(r"[A-Za-z0-9_:\-]{16,1024}")
APNS_TOKEN = re.compile(r"[0-9a-fA-F]{64,200}")
# A bundle id or package name: reverse DNS.
APP_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._\-]{0,154}")
# What a user may have texted to them: SMS costs money and is for what must not be missed.
SMS_KINDS = frozenset({Kind.REMINDER, Kind.SECURITY_ALERT})


def ids_to_mark(ids: Sequence[str]) -> None:
    if len(ids) > MAX_MARK_READ:
        raise BadUserInput(f"Mark at most {MAX_MARK_READ} notifications at once.", field="ids")
    if any(len(i) > MAX_ID_LENGTH for i in ids):
        raise BadUserInput(f"An id is at most {MAX_ID_LENGTH} characters.", field="ids")


def channel_changes(count: int) -> None:
    if count > MAX_CHANNEL_CHANGES:
        raise BadUserInput(
            f"Change at most {MAX_CHANNEL_CHANGES} settings at once.", field="channels"
        )


def clock(value: str, field: str) -> None:
    if len(value) > CLOCK_LENGTH:
        raise BadUserInput("Quiet hours are local times as HH:MM.", field=field)


def endpoint_length(endpoint: str) -> None:
    if len(endpoint) > MAX_ENDPOINT_LENGTH:
        raise BadUserInput(
            f"A push endpoint is at most {MAX_ENDPOINT_LENGTH} characters.", field="endpoint"
        )


def push_keys(p256dh: str, auth: str) -> None:
    """The subscription's keys as the Push API gives them: base64url of fixed sizes."""
    key = _b64url(p256dh)
    if key is None or len(key) != P256DH_BYTES or key[0] != 0x04:
        raise BadUserInput("p256dh must be the base64url of a P-256 public key.", field="p256dh")
    secret = _b64url(auth)
    if secret is None or len(secret) != AUTH_BYTES:
        raise BadUserInput("auth must be the base64url of 16 bytes.", field="auth")


def device_token(platform: Platform, token: str) -> None:
    if len(token) > MAX_DEVICE_TOKEN_LENGTH:
        raise BadUserInput(
            f"A device token is at most {MAX_DEVICE_TOKEN_LENGTH} characters.", field="token"
        )
    shape = APNS_TOKEN if platform is Platform.IOS else FCM_TOKEN
    if not shape.fullmatch(token):
        what = "hex" if platform is Platform.IOS else "an FCM registration token"
        raise BadUserInput(f"This is not a {platform.name} device token ({what}).", field="token")


def app_id(value: str) -> None:
    if not APP_ID.fullmatch(value):
        raise BadUserInput(
            "appId is the app's bundle id or package name (at most 155 characters).",
            field="appId",
        )


def sms_kind(kind: Kind) -> None:
    if kind not in SMS_KINDS:
        names = ", ".join(sorted(k.name for k in SMS_KINDS))
        raise BadUserInput(f"SMS can only be turned on for: {names}.", field="channels")


def _b64url(text: str) -> bytes | None:
    if len(text) > 128:
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
