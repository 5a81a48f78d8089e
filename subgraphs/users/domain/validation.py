"""Checks and normalisation of what people type into their account and profile."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from common.errors import BadUserInput
from common.validation import timezone_name

MAX_DISPLAY_NAME = 80
MAX_BIO = 500
MAX_URL = 2048
# BCP 47, the common subset: language, optional script, optional region.
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")


def normalise_email(raw: str, *, field: str = "email") -> tuple[str, str]:
    """The address as it should be shown, and the lowercase key that makes it unique."""
    try:
        valid = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise BadUserInput(f"The email address is not valid: {exc}", field=field) from exc
    return valid.normalized, valid.normalized.lower()


def email_key(raw: str) -> str:
    """A best-effort key for looking an address up, without rejecting it."""
    try:
        return normalise_email(raw)[1]
    except BadUserInput:
        return raw.strip().lower()


def display_name(raw: str, *, field: str = "displayName") -> str:
    name = " ".join(raw.split())
    if not name:
        raise BadUserInput("The display name must not be empty.", field=field)
    if len(name) > MAX_DISPLAY_NAME:
        raise BadUserInput(
            f"The display name must have at most {MAX_DISPLAY_NAME} characters.", field=field
        )
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise BadUserInput("The display name contains invisible characters.", field=field)
    return name


def bio(raw: str, *, field: str = "bio") -> str | None:
    text = raw.strip()
    if len(text) > MAX_BIO:
        raise BadUserInput(f"The bio must have at most {MAX_BIO} characters.", field=field)
    return text or None


def avatar_url(raw: str, *, field: str = "avatarUrl") -> str | None:
    url = raw.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc or len(url) > MAX_URL:
        raise BadUserInput("The avatar must be an http(s) URL.", field=field)
    return url


def timezone(raw: str, *, field: str = "timezone") -> str:
    # One rule for every subgraph: places only, checked before the tz database is touched.
    return timezone_name(raw, field=field)


def language_tag(raw: str, *, field: str) -> str:
    tag = raw.strip().replace("_", "-")
    if not _LANGUAGE_TAG.match(tag):
        raise BadUserInput(f"'{raw}' is not a language tag (e.g. en, pt-BR).", field=field)
    return tag


def score(value: int, *, field: str) -> int:
    if not 0 <= value <= 100:
        raise BadUserInput("A life-area score must be between 0 and 100.", field=field)
    return value
