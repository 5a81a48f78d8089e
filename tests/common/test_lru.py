"""The one bounded LRU map, shared by the kit's and the router's caches."""

from __future__ import annotations

import pytest

from common.lru import LruCache


def test_lru_evicts_the_least_recently_used() -> None:
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is None
    assert (cache.get("a"), cache.get("c")) == (1, 3)


def test_discard_forgets_a_key_and_ignores_a_missing_one() -> None:
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.discard("a")
    cache.discard("never there")
    assert cache.get("a") is None
    assert len(cache) == 0


def test_a_cache_holds_at_least_one_entry() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        LruCache[str, int](0)
