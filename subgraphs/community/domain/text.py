"""Input checks and the keyword index that search runs on (no `$text` on our server)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from common import validation
from common.errors import BadUserInput

POST_MAX_CHARS = 5000
COMMENT_MAX_CHARS = 2000
REASON_MAX_CHARS = 500
MAX_MEDIA_URLS = 4
MEDIA_URL_MAX_CHARS = 2048
# Prefixes make "run" find "running"; shorter ones would match almost everything.
MIN_PREFIX = 3
MAX_TERM_CHARS = 24
MAX_TERMS = 600
MAX_QUERY_TERMS = 8
# A search is a few words: longer queries are refused before they are tokenised.
QUERY_MAX_CHARS = 200

_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lowercased, accent-free words in order of appearance, without duplicates."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return list(dict.fromkeys(t[:MAX_TERM_CHARS] for t in _TOKEN.findall(plain)))


def search_terms(text: str) -> list[str]:
    """Every token and its prefixes from MIN_PREFIX characters, for a multikey index."""
    terms: dict[str, None] = {}
    for token in tokens(text):
        terms[token] = None
        for end in range(MIN_PREFIX, len(token)):
            terms[token[:end]] = None
        if len(terms) >= MAX_TERMS:
            break
    return list(terms)[:MAX_TERMS]


def query_terms(query: str) -> list[str]:
    capped = validation.text(query, field="query", max_chars=QUERY_MAX_CHARS)
    terms = tokens(capped)[:MAX_QUERY_TERMS]
    if not terms:
        raise BadUserInput("Search needs at least one letter or digit.", field="query")
    return terms


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


def matches_filter(text: str, words: Iterable[str]) -> bool:
    """Whole-word match on normalised tokens, so 'Spâm' is caught by 'spam' but 'spammer' is not."""
    banned = {t for w in words for t in tokens(w)}
    return bool(banned) and not banned.isdisjoint(tokens(text))
