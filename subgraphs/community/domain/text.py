"""Input checks, and the keyword index that search runs on (`common.search`: no `$text`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from common import validation
from common.errors import BadUserInput
from common.search import query_terms, search_terms, tokens

__all__ = ["query_terms", "search_terms", "tokens"]  # community's callers use them from here

POST_MAX_CHARS = 5000
COMMENT_MAX_CHARS = 2000
REASON_MAX_CHARS = 500
MAX_MEDIA_URLS = 4
MEDIA_URL_MAX_CHARS = 2048


def clean_text(text: str, *, field: str, max_chars: int) -> str:
    return validation.text(text, field=field, max_chars=max_chars, required=True)


def clean_media_urls(urls: Sequence[str]) -> list[str]:
    validation.items(urls, field="mediaUrls", max_items=MAX_MEDIA_URLS)
    cleaned = [u.strip() for u in urls]
    for url in cleaned:
        parts = urlsplit(url)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or len(url) > MEDIA_URL_MAX_CHARS
            or any(c.isspace() for c in url)
        ):
            raise BadUserInput(
                f"Media URL is not a valid http(s) URL: {url[:80]}", field="mediaUrls"
            )
    return cleaned


def clean_media_ids(media_ids: Sequence[str]) -> list[str]:
    validation.items(media_ids, field="mediaIds", max_items=MAX_MEDIA_URLS)
    return [m.strip() for m in media_ids]


def matches_filter(text: str, words: Iterable[str]) -> bool:
    """Whole-word match on normalised tokens, so 'Spâm' is caught by 'spam' but 'spammer' is not."""
    banned = {t for w in words for t in tokens(w)}
    return bool(banned) and not banned.isdisjoint(tokens(text))
