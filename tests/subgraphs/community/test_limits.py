"""Per-user rate limits on posting, commenting, liking and reporting, counted in the real Redis."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis

from common.errors import RateLimited
from common.ratelimit import RedisRateLimiter
from common.settings import RateLimit, Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from subgraphs.community.app import subgraph
from subgraphs.community.service.limits import Action, ActionLimits
from tests.subgraphs.community.conftest import Api

pytestmark = pytest.mark.redis

WINDOW = 600
LIKE = "mutation($input: PostInput!) { likePost(input: $input) { likeCount } }"
UNLIKE = "mutation($input: PostInput!) { unlikePost(input: $input) { likeCount } }"
COMMENT = "mutation($input: AddCommentInput!) { addComment(input: $input) { id } }"
REPORT = "mutation($input: ReportInput!) { reportContent(input: $input) { id } }"
CREATE = "mutation($input: CreatePostInput!) { createPost(input: $input) { id } }"


@pytest.fixture
def limited_settings(settings: Settings) -> Settings:
    rule = RateLimit(limit=2, window_seconds=WINDOW)
    return settings.model_copy(
        update={
            "community_post_rate": rule,
            "community_comment_rate": rule,
            "community_like_rate": RateLimit(limit=3, window_seconds=WINDOW),
            "community_report_rate": RateLimit(limit=1, window_seconds=WINDOW),
        }
    )


@pytest.fixture
async def api(
    serve_subgraph: ServeSubgraph, test_keys: TestKeys, limited_settings: Settings
) -> AsyncIterator[Api]:
    """The subgraph served with small limits."""
    async with (
        serve_subgraph(subgraph, settings_override=limited_settings) as url,
        httpx.AsyncClient(timeout=30) as http,
    ):
        yield Api(url, test_keys, http)


def _throttled(error: dict[str, Any]) -> int:
    assert error["extensions"]["code"] == "RATE_LIMITED", error
    retry_after: int = error["extensions"]["retryAfter"]
    assert 0 < retry_after <= WINDOW
    return retry_after


async def test_posting_is_limited_per_user_in_redis(api: Api, limited_settings: Settings) -> None:
    await api.post(user="ana", text="first")
    await api.post(user="ana", text="second")
    refused = await api.error(
        CREATE, {"input": {"text": "third", "category": "GENERAL"}}, user="ana"
    )
    _throttled(refused)
    # Someone else's allowance is their own.
    await api.post(user="bob", text="mine")
    # Refused attempts wrote nothing.
    mine = await api.data(
        '{ _entities(representations: [{__typename: "User", id: "ana"}]) '
        "{ ... on User { posts { edges { node { id } } } } } }",
        user="ana",
    )
    assert len(mine["_entities"][0]["posts"]["edges"]) == 2

    # The count lives in Redis: another replica (its own connection) sees it too.
    assert limited_settings.redis_url
    redis = Redis.from_url(limited_settings.redis_url)
    try:
        replica = ActionLimits.from_settings(
            RedisRateLimiter(redis, prefix=limited_settings.redis_prefix), limited_settings
        )
        with pytest.raises(RateLimited) as caught:
            await replica.spend(Action.POST, "ana")
        assert 0 < caught.value.retry_after <= WINDOW
        await replica.spend(Action.POST, "carl")
    finally:
        await redis.aclose()


async def test_likes_and_unlikes_share_one_allowance(api: Api) -> None:
    post = await api.post(user="ana")
    ref = {"input": {"postId": post["id"]}}
    await api.data(LIKE, ref, user="bob")
    await api.data(UNLIKE, ref, user="bob")
    await api.data(LIKE, ref, user="bob")
    _throttled(await api.error(UNLIKE, ref, user="bob"))
    _throttled(await api.error(LIKE, ref, user="bob"))
    count = await api.data("query($id: ID!) { post(id: $id) { likeCount } }", {"id": post["id"]})
    assert count["post"]["likeCount"] == 1
    assert (await api.data(LIKE, ref, user="carl"))["likePost"]["likeCount"] == 2


async def test_commenting_and_reporting_are_limited(api: Api) -> None:
    post = await api.post(user="ana")
    comment = {"input": {"postId": post["id"], "text": "hi"}}
    await api.data(COMMENT, comment, user="bob")
    await api.data(COMMENT, comment, user="bob")
    _throttled(await api.error(COMMENT, comment, user="bob"))
    count = await api.data("query($id: ID!) { post(id: $id) { commentCount } }", {"id": post["id"]})
    assert count["post"]["commentCount"] == 2

    other = await api.post(user="ana", text="other")
    report = {"input": {"targetType": "POST", "targetId": post["id"], "reason": "spam"}}
    await api.data(REPORT, report, user="bob")
    second = {"input": {**report["input"], "targetId": other["id"]}}
    _throttled(await api.error(REPORT, second, user="bob"))
    await api.data(REPORT, second, user="carl")
