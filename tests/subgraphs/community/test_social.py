"""Follows, blocks and profile privacy over HTTP; privacy arrives as users events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from common.events.amqp import AmqpEventBus
from common.settings import Settings
from common.testing.waiting import wait_until
from subgraphs.community.models import Privacy
from subgraphs.community.service.container import CommunityServices
from tests.subgraphs.community.conftest import FOLLOW, Api, seed_profiles, users_event

UNFOLLOW = "mutation($input: UserInput!) { unfollowUser(input: $input) { id followerCount } }"
BLOCK = "mutation($input: UserInput!) { blockUser(input: $input) { id } }"
UNBLOCK = "mutation($input: UserInput!) { unblockUser(input: $input) { id } }"
USER = """query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User {
  id followerCount followingCount viewerFollows
  followers { edges { node { user { id } } } }
  following { edges { node { user { id } } } }
  posts { edges { node { id } } } } } }"""
GET = "query($id: ID!) { post(id: $id) { id } }"
LIKE = "mutation($input: PostInput!) { likePost(input: $input) { likeCount } }"
COMMENT = "mutation($input: AddCommentInput!) { addComment(input: $input) { id } }"
COMMENTS = "query($id: ID!) { post(id: $id) { comments { edges { node { author { id } } } } } }"
TRENDING = "{ trendingFeed { edges { node { id author { id } } } } }"
FEED = "{ followingFeed { edges { node { id } } } }"


async def _user(api: Api, user_id: str, *, viewer: str | None = None) -> dict[str, Any]:
    data = await api.data(USER, {"reps": [{"__typename": "User", "id": user_id}]}, user=viewer)
    found: dict[str, Any] = data["_entities"][0]
    return found


def _ids(connection: dict[str, Any], key: str = "user") -> list[str]:
    return [e["node"][key]["id"] for e in connection["edges"]]


def _post_ids(connection: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in connection["edges"]]


async def test_follow_and_unfollow_keep_counts_and_lists(api: Api) -> None:
    await api.follow("bob", "ana")
    await api.follow("carl", "ana")
    await api.follow("bob", "ana")  # idempotent
    ana = await _user(api, "ana", viewer="bob")
    assert (ana["followerCount"], ana["followingCount"], ana["viewerFollows"]) == (2, 0, True)
    assert sorted(_ids(ana["followers"])) == ["bob", "carl"]
    bob = await _user(api, "bob")
    assert (bob["followingCount"], _ids(bob["following"])) == (1, ["ana"])

    left = await api.data(UNFOLLOW, {"input": {"userId": "ana"}}, user="bob")
    assert left["unfollowUser"]["followerCount"] == 1
    await api.data(UNFOLLOW, {"input": {"userId": "ana"}}, user="bob")
    assert (await _user(api, "ana"))["followerCount"] == 1
    assert (await _user(api, "bob"))["followingCount"] == 0


async def test_following_oneself_is_bad_input(api: Api) -> None:
    error = await api.error(FOLLOW, {"input": {"userId": "ana"}}, user="ana")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "userId"}
    assert (await _user(api, "ana"))["followerCount"] == 0


async def test_blocking_hides_content_both_ways_and_stops_interaction(api: Api) -> None:
    await api.follow("ana", "bob")
    await api.follow("bob", "ana")
    ana_post = await api.post(user="ana", text="ana's news")
    bob_post = await api.post(user="bob", text="bob's news")
    third = await api.post(user="carl", text="carl asks")
    await api.data(COMMENT, {"input": {"postId": third["id"], "text": "bob here"}}, user="bob")

    await api.data(BLOCK, {"input": {"userId": "bob"}}, user="ana")

    ana, bob = await _user(api, "ana"), await _user(api, "bob")
    assert (ana["followerCount"], ana["followingCount"]) == (0, 0)
    assert (bob["followerCount"], bob["followingCount"]) == (0, 0)
    assert (await api.data(GET, {"id": ana_post["id"]}, user="bob"))["post"] is None
    assert (await api.data(GET, {"id": bob_post["id"]}, user="ana"))["post"] is None
    trending = (await api.data(TRENDING, user="bob"))["trendingFeed"]
    assert ana_post["id"] not in _post_ids(trending)
    assert bob_post["id"] in _post_ids(trending)
    assert _post_ids((await _user(api, "ana", viewer="bob"))["posts"]) == []
    comments = (await api.data(COMMENTS, {"id": third["id"]}, user="ana"))["post"]["comments"]
    assert comments["edges"] == []

    ref = {"input": {"postId": ana_post["id"]}}
    assert (await api.error(LIKE, ref, user="bob"))["extensions"]["code"] == "NOT_FOUND"
    comment = {"input": {"postId": ana_post["id"], "text": "hey"}}
    assert (await api.error(COMMENT, comment, user="bob"))["extensions"]["code"] == "NOT_FOUND"
    for follower, followee in (("bob", "ana"), ("ana", "bob")):
        error = await api.error(FOLLOW, {"input": {"userId": followee}}, user=follower)
        assert error["extensions"]["code"] == "FORBIDDEN"

    await api.data(UNBLOCK, {"input": {"userId": "bob"}}, user="ana")
    assert (await api.data(GET, {"id": ana_post["id"]}, user="bob"))["post"] is not None
    # Follows ended by a block stay ended.
    assert (await _user(api, "ana"))["followerCount"] == 0


@pytest.mark.rabbitmq
async def test_profile_privacy_follows_the_users_events(api: Api, bus: AmqpEventBus) -> None:
    post = await api.post(user="ana", text="my progress")
    await api.follow("bob", "ana")

    await users_event(
        bus, "users.user.updated", user_id="ana", display_name="Ana", profile_privacy="followers"
    )

    async def hidden_from_strangers() -> bool:
        return (await api.data(GET, {"id": post["id"]}, user="carl"))["post"] is None

    await wait_until(hidden_from_strangers)
    assert (await api.data(GET, {"id": post["id"]}))["post"] is None
    assert _post_ids((await _user(api, "ana", viewer="carl"))["posts"]) == []
    assert _post_ids((await _user(api, "ana", viewer="bob"))["posts"]) == [post["id"]]
    assert _post_ids((await api.data(FEED, user="bob"))["followingFeed"]) == [post["id"]]
    assert post["id"] not in _post_ids((await api.data(TRENDING, user="bob"))["trendingFeed"])
    # New posts are written with the author's current privacy.
    later = await api.post(user="ana", text="later")
    assert (await api.data(GET, {"id": later["id"]}, user="carl"))["post"] is None

    await users_event(
        bus, "users.user.updated", user_id="ana", display_name="Ana", profile_privacy="private"
    )

    async def hidden_from_followers() -> bool:
        return (await api.data(GET, {"id": post["id"]}, user="bob"))["post"] is None

    await wait_until(hidden_from_followers)
    assert _post_ids((await api.data(FEED, user="bob"))["followingFeed"]) == []
    assert _post_ids((await _user(api, "ana", viewer="ana"))["posts"]) == [
        later["id"],
        post["id"],
    ]
    assert (await _user(api, "ana", viewer="bob"))["followers"]["edges"] == []


async def test_an_older_users_event_does_not_undo_a_newer_one(services: CommunityServices) -> None:
    now = datetime.now(UTC)
    social = services.social
    await social.sync_profile("ana", now, display_name="Ana", privacy=Privacy.PRIVATE)
    await social.sync_profile(
        "ana", now - timedelta(hours=1), display_name="Old", privacy=Privacy.PUBLIC
    )
    await social.sync_profile("ana", now, display_name="Ana", privacy=Privacy.PRIVATE)
    profile = await services.repos.profiles.by_user("ana")
    assert profile is not None
    assert (profile.display_name, profile.privacy) == ("Ana", Privacy.PRIVATE)


async def _stored(settings: Settings, collection: str, query: dict[str, Any]) -> int:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        database = client[settings.database_name("community")]
        return await database[collection].count_documents(query)
    finally:
        await client.close()


async def test_made_up_or_deleted_users_cannot_be_followed_or_blocked(
    api: Api, settings: Settings
) -> None:
    await seed_profiles(settings, ("gone",))
    await api.follow("bob", "ana")
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        profiles = client[settings.database_name("community")]["profiles"]
        # A tombstone, as users.user.deleted leaves it.
        await profiles.update_one({"user_id": "gone"}, {"$set": {"deleted": True}})
    finally:
        await client.close()

    for made_up in ("zzz", "$gt", "gone"):
        ref = {"input": {"userId": made_up}}
        for mutation in (FOLLOW, BLOCK):
            error = await api.error(mutation, ref, user="bob")
            assert error["extensions"] == {"code": "NOT_FOUND", "field": "userId"}, made_up
    assert await _stored(settings, "follows", {"followee_id": {"$ne": "ana"}}) == 0
    assert await _stored(settings, "blocks", {}) == 0
    assert await _stored(settings, "profiles", {"user_id": {"$in": ["zzz", "$gt"]}}) == 0
    # A caller needs no registration event: their verified token proves the account,
    # and their own write makes them known here, so others may follow them at once.
    await api.follow("newcomer", "ana")
    await api.follow("bob", "newcomer")


EDIT_COMMENT = "mutation($input: EditCommentInput!) { editComment(input: $input) { id } }"
DELETE_COMMENT = "mutation($input: CommentInput!) { deleteComment(input: $input) { id } }"
COUNTS = """query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on User { followerCount followingCount } } }"""


async def _counts(api: Api, user_id: str, viewer: str) -> dict[str, Any]:
    reps = [{"__typename": "User", "id": user_id}]
    [user] = (await api.data(COUNTS, {"reps": reps}, user=viewer))["_entities"]
    return dict(user)


async def test_a_hidden_post_hides_its_comments_and_a_hidden_profile_its_counts(
    api: Api, bus: AmqpEventBus
) -> None:
    post = await api.post(user="ana")
    await api.follow("carl", "ana")
    made = await api.data(COMMENT, {"input": {"postId": post["id"], "text": "hi"}}, user="carl")
    comment_id = made["addComment"]["id"]
    assert await _counts(api, "ana", "dan") == {"followerCount": 1, "followingCount": 0}

    await users_event(
        bus, "users.user.updated", user_id="ana", display_name="Ana", profile_privacy="followers"
    )

    async def hidden_from_strangers() -> bool:
        return (await api.data(GET, {"id": post["id"]}, user="dan"))["post"] is None

    await wait_until(hidden_from_strangers)
    # Dan cannot see ana's post, so carl's comment on it does not exist for him.
    edit = {"input": {"commentId": comment_id, "text": "mine now"}}
    for mutation, ref in (
        (EDIT_COMMENT, edit),
        (DELETE_COMMENT, {"input": {"commentId": comment_id}}),
    ):
        assert (await api.error(mutation, ref, user="dan"))["extensions"]["code"] == "NOT_FOUND"
    # Once bob follows ana he sees the post: the comment exists, but it is not his.
    assert (await api.error(EDIT_COMMENT, edit, user="bob"))["extensions"]["code"] == "NOT_FOUND"
    await api.follow("bob", "ana")
    assert (await api.error(EDIT_COMMENT, edit, user="bob"))["extensions"]["code"] == "FORBIDDEN"
    assert await _post_comment_texts(api, post["id"], "carl") == ["hi"]

    hidden = {"followerCount": None, "followingCount": None}
    assert await _counts(api, "ana", "dan") == hidden
    assert await _counts(api, "ana", "bob") == {"followerCount": 2, "followingCount": 0}
    assert await _counts(api, "ana", "ana") == {"followerCount": 2, "followingCount": 0}
    await users_event(
        bus, "users.user.updated", user_id="ana", display_name="Ana", profile_privacy="private"
    )

    async def counts_hidden_from_followers() -> bool:
        return await _counts(api, "ana", "bob") == hidden

    await wait_until(counts_hidden_from_followers)
    assert await _counts(api, "ana", "ana") == {"followerCount": 2, "followingCount": 0}


async def _post_comment_texts(api: Api, post_id: str, viewer: str) -> list[str]:
    query = "query($id: ID!) { post(id: $id) { comments { edges { node { text } } } } }"
    post = (await api.data(query, {"id": post_id}, user=viewer))["post"]
    return [e["node"]["text"] for e in post["comments"]["edges"]]
