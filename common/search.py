"""The keyword index search runs on, since our server has no `$text` (DESIGN.md).

A searchable document stores `search_terms(its text)` in a multikey-indexed field; a
query matches documents holding every one of `query_terms(query)`.

```python
post.search_terms = search_terms(post.text)
await posts.page({"search_terms": {"$all": query_terms(query)}}, request)
```
"""

from __future__ import annotations

import re
import unicodedata

from common import validation
from common.errors import BadUserInput

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
