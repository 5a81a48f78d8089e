"""Hot documents under contention: every concurrent toggle succeeds and counters stay exact."""

from __future__ import annotations

import asyncio

from tests.subgraphs.community.conftest import FOLLOW, Api

LIKE = "mutation($input: PostInput!) { likePost(input: $input) { likeCount } }"
UNLIKE = "mutation($input: PostInput!) { unlikePost(input: $input) { likeCount } }"
COUNT = "query($id: ID!) { post(id: $id) { likeCount } }"
FOLLOWERS = 'query { _entities(representations: [{__typename: "User", id: "star"}]) {' + (
    " ... on User { followerCount } } }"
)


async def test_200_concurrent_likes_and_unlikes_on_one_post_all_succeed(api: Api) -> None:
    post = await api.post(user="ana")
    ref = {"input": {"postId": post["id"]}}

    async def like_then_unlike(user: str) -> list[dict[str, object]]:
        return [await api.call(LIKE, ref, user=user), await api.call(UNLIKE, ref, user=user)]

    # 100 fans like; 50 others like and unlike in turn: 200 writes on one post at once.
    likes = [api.call(LIKE, ref, user=f"fan-{n}") for n in range(100)]
    pairs = [like_then_unlike(f"passer-{n}") for n in range(50)]
    results = await asyncio.gather(*likes, *pairs)
    flat = [r for r in results if isinstance(r, dict)]
    flat += [r for pair in results if isinstance(pair, list) for r in pair]
    assert len(flat) == 200
    failed = [r for r in flat if "errors" in r]
    assert not failed, (len(failed), failed[:2])
    assert (await api.data(COUNT, {"id": post["id"]}))["post"]["likeCount"] == 100


async def test_100_concurrent_follows_of_one_user_all_succeed(api: Api) -> None:
    follows = [api.call(FOLLOW, {"input": {"userId": "star"}}, user=f"fan-{n}") for n in range(100)]
    results = await asyncio.gather(*follows)
    assert [r for r in results if "errors" in r] == []
    [star] = (await api.data(FOLLOWERS, user="star"))["_entities"]
    assert star == {"followerCount": 100}
