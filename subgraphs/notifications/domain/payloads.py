"""What push providers accept: payload size limits and their Retry-After. Pure functions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# Both providers refuse a notification payload over 4 KB (FCM: the message's data and
# notification; APNs: the JSON body for an alert).
FCM_MAX_BYTES = 4096
APNS_MAX_BYTES = 4096
ELLIPSIS = "…"
# What a provider may make us wait: beyond it the delivery's own back-off takes over.
MAX_RETRY_AFTER = timedelta(hours=1)


class PayloadTooLarge(ValueError):
    """Even with the body gone and the title cut, the payload is over the limit."""


def fit(build: Callable[[str, str], bytes], title: str, body: str, limit: int) -> bytes:
    """`build(title, body)` at most `limit` bytes: the longer of the two is shortened (then
    the other if need be), cut on a character boundary and ended with an ellipsis.

    `build` should encode UTF-8 as is (`ensure_ascii=False`): the cut counts UTF-8 bytes."""
    payload = build(title, body)
    for _ in range(4):
        excess = len(payload) - limit
        if excess <= 0:
            return payload
        if len(body.encode()) >= len(title.encode()):
            body = _shorten(body, excess)
        else:
            title = _shorten(title, excess)
        payload = build(title, body)
    if len(payload) > limit:
        raise PayloadTooLarge(f"the payload is {len(payload)} bytes, over {limit}")
    return payload


def _shorten(text: str, excess: int) -> str:
    """`text` at least `excess` bytes (UTF-8, JSON escaping aside) shorter, with an ellipsis."""
    raw = text.encode()
    keep = len(raw) - excess - len(ELLIPSIS.encode()) - 8  # headroom for JSON escapes
    if keep <= 0:
        return ""
    return raw[:keep].decode(errors="ignore") + ELLIPSIS


def retry_after(value: str | None, now: datetime) -> timedelta | None:
    """A Retry-After header (seconds or an HTTP date) as a delay from `now`, capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        delay = timedelta(seconds=int(value))
    else:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        delay = when - now
    return min(max(delay, timedelta(0)), MAX_RETRY_AFTER)


def utc_now() -> datetime:
    return datetime.now(UTC)
