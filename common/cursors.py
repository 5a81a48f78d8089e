"""Opaque pagination cursors: signed, so a client can hand back only what we gave it.

A cursor is `base64url(payload).base64url(mac)`. The MAC (HMAC-SHA256, truncated to
128 bits) covers the payload and the listing's sort field, so a cursor cannot be made
up, edited, or moved to a listing sorted by something else. The key comes from
`LIFEGRAPH_CURSOR_SECRET`. Without it, each process uses a random key, which is fine
for one process (development, tests) but breaks paging across replicas and restarts:
production warns at start-up.

Example::

    token = sign(b'[{"v":3},"65f..."]', context="hot_score")
    payload = verify(token, context="hot_score", field="after")  # BAD_USER_INPUT if forged
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import os

from common.errors import BadUserInput
from common.settings import SubgraphSettings

log = logging.getLogger(__name__)

MAC_BYTES = 16
# Far above any cursor we issue; a longer one is refused before any decoding work.
MAX_CURSOR_LENGTH = 1024
_DERIVATION = b"lifegraph pagination cursor v1"

_key = os.urandom(32)


def configure(settings: SubgraphSettings) -> None:
    """Take the cursor key from settings (called once per process, when infrastructure opens)."""
    global _key
    secret = settings.cursor_secret
    if secret is not None:
        _key = hmac.new(secret.get_secret_value().encode(), _DERIVATION, hashlib.sha256).digest()
    elif not settings.local_environment:
        log.warning(
            "LIFEGRAPH_CURSOR_SECRET is not set: pagination cursors are signed with a "
            "per-process key and fail across replicas and restarts"
        )


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(payload: bytes, context: str) -> bytes:
    message = context.encode() + b"\x00" + payload
    return hmac.new(_key, message, hashlib.sha256).digest()[:MAC_BYTES]


def sign(payload: bytes, *, context: str) -> str:
    return f"{_b64(payload)}.{_b64(_mac(payload, context))}"


def verify(cursor: str, *, context: str, field: str) -> bytes:
    """The payload of a cursor we issued for `context`; BAD_USER_INPUT for anything else."""
    invalid = BadUserInput("The cursor is not valid.", field=field)
    if len(cursor) > MAX_CURSOR_LENGTH or cursor.count(".") != 1:
        raise invalid
    body, mac = cursor.split(".")
    try:
        payload, given = _unb64(body), _unb64(mac)
    except (binascii.Error, ValueError) as exc:
        raise invalid from exc
    if not hmac.compare_digest(given, _mac(payload, context)):
        raise invalid
    return payload
