"""Time-based one-time passwords (RFC 6238) for two-step sign-in."""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp

ISSUER = "LifeGraph"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str) -> str:
    uri: str = pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)
    return uri


def matching_step(secret: str, code: str, at: datetime) -> int | None:
    """The time step `code` belongs to, allowing one step of clock drift either way."""
    code = code.strip().replace(" ", "")
    if not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now: int = totp.timecode(at)
    for step in (now - 1, now, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None
