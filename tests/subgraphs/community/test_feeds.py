"""Feeds and search over HTTP: keyset pages stay stable while posts are written."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from common.events.amqp import AmqpEventBus
from common.testing.waiting import wait_until
from tests.subgraphs.community.conftest import Api, users_event

FEED = """query($after: String) { followingFeed(first: 2, after: $after) {
  edges { node { id text } } pageInfo { hasNextPage endCursor } } }"""
TRENDING = """query($after: String, $first: Int!) { trendingFeed(first: $first, after: $after) {
  edges { node { id likeCount commentCount } } pageInfo { hasNextPage endCursor } } }"""
CATEGORY = """query($c: PostCategory!) { categoryFeed(category: $c) {
  edges { node { id category } } } }"""
SEARCH = """query($q: String!, $c: PostCategory) { searchPosts(query: $q, category: $c) {
  edges { node { id } } } }"""
PROFILES = """query($q: String!) { searchProfiles(query: $q) {
  edges { node { displayName user { id } } } } }"""
LIKE = "mutation($input: PostInput!) { likePost(input: $input) { likeCount } }"
COMMENT = "mutation($input: AddCommentInput!) { addComment(input: $input) { id } }"


def _ids(connection: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in connection["edges"]]


async def test_following_feed_pages_stably_while_posts_arrive(api: Api) -> None:
    await api.follow("viewer", "ana")
    await api.follow("viewer", "bob")
    await api.post(user="stranger", text="not followed")
    written = [
        (await api.post(user=author, text=f"post {i}"))["id"]
        for i, author in enumerate(["ana", "bob", "ana", "viewer", "bob"])
    ]
    newest_first = list(reversed(written))

    page = (await api.data(FEED, user="viewer"))["followingFeed"]
    seen = _ids(page)
    assert seen == newest_first[:2]
    for i in range(3):
        await api.post(user="ana", text=f"meanwhile {i}")
    while page["pageInfo"]["hasNextPage"]:
        variables = {"after": page["pageInfo"]["endCursor"]}
        page = (await api.data(FEED, variables, user="viewer"))["followingFeed"]
        seen += _ids(page)
    assert seen == newest_first

    fresh = (await api.data(FEED, user="viewer"))["followingFeed"]
    assert [e["node"]["text"] for e in fresh["edges"]] == ["meanwhile 2", "meanwhile 1"]
    assert (await api.error(FEED))["extensions"]["code"] == "UNAUTHENTICATED"


async def test_trending_ranks_engagement_and_recency_and_pages(api: Api) -> None:
    quiet = await api.post(user="ana", text="quiet")
    liked = await api.post(user="ana", text="liked")
    discussed = await api.post(user="ana", text="discussed")
    newest = await api.post(user="ana", text="newest")
    for user in ("u1", "u2"):
        await api.data(LIKE, {"input": {"postId": liked["id"]}}, user=user)
    await api.data(LIKE, {"input": {"postId": discussed["id"]}}, user="u1")
    for text in ("first!", "great"):
        comment = {"input": {"postId": discussed["id"], "text": text}}
        await api.data(COMMENT, comment, user="u3")

    whole = (await api.data(TRENDING, {"first": 10}))["trendingFeed"]
    # discussed: 1 like + 2 comments (weight 2) beats 2 likes; ties go to the newer post.
    assert _ids(whole) == [discussed["id"], liked["id"], newest["id"], quiet["id"]]

    seen: list[str] = []
    after = None
    while True:
        page = (await api.data(TRENDING, {"first": 1, "after": after}))["trendingFeed"]
        seen += _ids(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == _ids(whole)


async def test_category_feed_shows_only_that_category(api: Api) -> None:
    health = await api.post(user="ana", text="Slept 8 hours", category="HEALTH")
    await api.post(user="ana", text="Got promoted", category="CAREER")
    data = await api.data(CATEGORY, {"c": "HEALTH"})
    assert data["categoryFeed"]["edges"] == [{"node": {"id": health["id"], "category": "HEALTH"}}]


async def test_search_matches_normalised_keywords_and_prefixes(api: Api) -> None:
    marathon = await api.post(
        user="ana", text="Running my first MARATHON in Zürich!", category="HEALTH"
    )
    budget = await api.post(user="bob", text="A budget for my first flat", category="FINANCE")

    async def search(q: str, c: str | None = None) -> list[str]:
        return _ids((await api.data(SEARCH, {"q": q, "c": c}))["searchPosts"])

    assert await search("zurich") == [marathon["id"]]
    assert await search("run marathon") == [marathon["id"]]
    assert await search("FIRST") == [budget["id"], marathon["id"]]
    assert await search("first", "FINANCE") == [budget["id"]]
    assert await search("marathon swim") == []
    error = await api.error(SEARCH, {"q": "  !! "})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "query"}


@pytest.mark.rabbitmq
async def test_profile_search_finds_public_profiles_only(api: Api, bus: AmqpEventBus) -> None:
    zeds_post = await api.post(user="zed", text="hello")
    await users_event(bus, "users.user.registered", user_id="zoe", display_name="Zoë Saldaña")
    await users_event(
        bus,
        "users.user.updated",
        user_id="zed",
        display_name="Zoe Private",
        profile_privacy="private",
    )

    async def found() -> list[str]:
        data = (await api.data(PROFILES, {"q": "zoe"}))["searchProfiles"]
        return [e["node"]["user"]["id"] for e in data["edges"]]

    async def both_applied() -> bool:
        get = "query($id: ID!) { post(id: $id) { id } }"
        zed_private = (await api.data(get, {"id": zeds_post["id"]}))["post"] is None
        return zed_private and "zoe" in await found()

    await wait_until(both_applied)
    assert await found() == ["zoe"]
    data = await api.data(PROFILES, {"q": "salda"})
    assert data["searchProfiles"]["edges"] == [
        {"node": {"displayName": "Zoë Saldaña", "user": {"id": "zoe"}}}
    ]


def _unsigned(value: object) -> str:
    """A cursor as the pager issued them before signing: base64 of [{"v": value}, id]."""
    payload = json.dumps([{"v": value}, "6b013eb43bae1c3b5b88c9e2"]).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


@pytest.mark.parametrize(
    "after",
    [_unsigned({"$exists": True}), _unsigned({"$gt": -1}), _unsigned(1.0), "not-a-cursor"],
    ids=["exists-operator", "gt-operator", "unsigned", "garbage"],
)
async def test_a_forged_cursor_is_bad_input_not_a_filter(api: Api, after: str) -> None:
    await api.post(user="ana", text="hot")
    error = await api.error(TRENDING, {"first": 5, "after": after})
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "after"}
