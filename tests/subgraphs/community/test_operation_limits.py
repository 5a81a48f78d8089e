"""The community subgraph, called directly, holds operations to the shared limits."""

from __future__ import annotations

import pytest

from common.testing.hostile import aliases
from tests.subgraphs.community.conftest import Api

pytestmark = pytest.mark.redis

FEED = "trendingFeed(first: 100) { edges { node { id text } } }"


async def test_a_thousand_aliased_feeds_are_refused(api: Api) -> None:
    error = await api.error(aliases(1000, FEED), user="mallory")
    assert error["message"] == "Query uses more than the 30 aliases allowed"
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["reason"] == "ALIAS_LIMIT_EXCEEDED"


def _deep_feed(depth: int) -> str:
    """trendingFeed → edges → node → author → posts → edges → node → author → …"""
    path = ["trendingFeed", "edges", "node"] + ["author", "posts", "edges", "node"] * depth
    fields = [*path[: depth - 1], "id"]
    return "{ " + " { ".join(fields) + " }" * (len(fields) - 1) + " }"


async def test_depth_165_is_refused(api: Api) -> None:
    assert await api.data(_deep_feed(12), user="mallory") == {"trendingFeed": {"edges": []}}
    query = _deep_feed(165)
    error = await api.error(query, user="mallory")
    assert error["message"] == "Query depth 165 exceeds the maximum allowed depth of 15"
    assert error["extensions"]["reason"] == "DEPTH_LIMIT_EXCEEDED"
