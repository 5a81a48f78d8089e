"""Phone numbers: parsed and normalised to E.164 (phonenumbers), and one-time codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets

import phonenumbers

from common.errors import BadUserInput

# Longer input is no phone number: refused before the parser sees it.
MAX_INPUT = 32
CODE_DIGITS = 6


def normalise(raw: str, region: str | None) -> str:
    """`raw` (international, or national in `region`, an ISO 3166 code) in E.164."""
    if len(raw) > MAX_INPUT or (region is not None and len(region) != 2):
        raise BadUserInput("This is not a phone number.", field="phoneNumber")
    try:
        parsed = phonenumbers.parse(raw, region.upper() if region else None)
    except phonenumbers.NumberParseException as exc:
        raise BadUserInput("This is not a phone number.", field="phoneNumber") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise BadUserInput("This is not a valid phone number.", field="phoneNumber")
    kind = phonenumbers.number_type(parsed)
    if kind not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise BadUserInput("Only a mobile number can receive texts.", field="phoneNumber")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def hash_code(salt: str, code: str) -> str:
    """Codes are stored as a salted hash: a database read does not give one away."""
    return hmac.new(salt.encode(), code.encode(), hashlib.sha256).hexdigest()


def code_matches(salt: str, code: str, code_hash: str) -> bool:
    return hmac.compare_digest(hash_code(salt, code), code_hash)
