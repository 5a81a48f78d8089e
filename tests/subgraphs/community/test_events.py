"""Events in and out: what the subgraph publishes, and erasing a deleted user."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from common.events import Event
from common.events.amqp import AmqpEventBus
from common.testing.waiting import eventually, wait_until
from subgraphs.community.models import Category
from subgraphs.community.service.container import CommunityServices
from subgraphs.community.service.posts import PostDraft
from subgraphs.community.service.scope import Viewer
from tests.subgraphs.community.conftest import Api, users_event

pytestmark = pytest.mark.rabbitmq

LIKE = "mutation($input: PostInput!) { likePost(input: $input) { likeCount } }"
UNLIKE = "mutation($input: PostInput!) { unlikePost(input: $input) { likeCount } }"
SAVE = "mutation($input: PostInput!) { savePost(input: $input) { id } }"
COMMENT = "mutation($input: AddCommentInput!) { addComment(input: $input) { id } }"
REPORT = "mutation($input: ReportInput!) { reportContent(input: $input) { id } }"
UNFOLLOW = "mutation($input: UserInput!) { unfollowUser(input: $input) { id } }"
BLOCK = "mutation($input: UserInput!) { blockUser(input: $input) { id } }"
STATE = """query($bob: ID!, $carl: ID!, $reps: [_Any!]!) {
  bob: post(id: $bob) { likeCount commentCount }
  carl: post(id: $carl) { likeCount commentCount }
  _entities(representations: $reps) { ... on User { id followerCount followingCount } } }"""
SAVED = "{ savedPosts { edges { node { post { id } } } } }"


class Recorder:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self._changed = asyncio.Condition()

    async def handle(self, event: Event) -> None:
        async with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    async def wait_for(self, count: int) -> list[Event]:
        async with asyncio.timeout(10), self._changed:
            await self._changed.wait_for(lambda: len(self.events) >= count)
        return self.events


@pytest.fixture
async def recorder(bus: AmqpEventBus) -> Recorder:
    recording = Recorder()
    bus.subscribe("test.recorder", ["community.#"], recording.handle)
    await bus.start_consuming()
    return recording


async def test_writes_publish_their_events(api: Api, recorder: Recorder) -> None:
    post = await api.post(user="ana", goal_id="g1")
    ref = {"input": {"postId": post["id"]}}
    await api.data(LIKE, ref, user="bob")
    await api.data(LIKE, ref, user="bob")  # no second event: nothing changed
    comment = await api.data(COMMENT, {"input": {**ref["input"], "text": "yay"}}, user="bob")
    report = {"input": {"targetType": "POST", "targetId": post["id"], "reason": "odd"}}
    await api.data(REPORT, report, user="carl")
    await api.follow("bob", "ana")
    await api.data(UNFOLLOW, {"input": {"userId": "ana"}}, user="bob")
    await api.data(UNLIKE, ref, user="bob")
    await api.data(UNLIKE, ref, user="bob")  # no second event: nothing changed

    events = await recorder.wait_for(7)
    by_type: dict[str, dict[str, Any]] = {e.type: e.data for e in events}
    assert sorted(by_type) == [
        "community.post.commented",
        "community.post.created",
        "community.post.liked",
        "community.post.reported",
        "community.post.unliked",
        "community.user.followed",
        "community.user.unfollowed",
    ]
    pid = post["id"]
    assert by_type["community.post.created"] == {
        "post_id": pid,
        "author_id": "ana",
        "category": "health",
        "goal_id": "g1",
    }
    assert by_type["community.post.liked"] == {
        "post_id": pid,
        "author_id": "ana",
        "liker_id": "bob",
    }
    assert by_type["community.post.unliked"] == by_type["community.post.liked"]
    assert len(events) == 7
    assert by_type["community.post.commented"] == {
        "post_id": pid,
        "author_id": "ana",
        "comment_id": comment["addComment"]["id"],
        "commenter_id": "bob",
    }
    assert by_type["community.post.reported"] == {
        "post_id": pid,
        "reporter_id": "carl",
        "reason": "odd",
    }
    assert by_type["community.user.followed"] == {"follower_id": "bob", "followee_id": "ana"}


async def test_a_failed_write_publishes_nothing(api: Api, recorder: Recorder) -> None:
    await api.error(
        'mutation { createPost(input: {text: "", category: GENERAL}) { id } }', user="ana"
    )
    await api.post(user="ana", text="the one that counts")
    [event] = await recorder.wait_for(1)
    assert event.type == "community.post.created"
    assert len(recorder.events) == 1


async def test_deleting_a_user_erases_them_and_keeps_counts_right(
    api: Api, bus: AmqpEventBus
) -> None:
    ana_post = await api.post(user="ana", text="ana")
    bob_post = await api.post(user="bob", text="bob")
    carl_post = await api.post(user="carl", text="carl")
    for user, post in (
        ("ana", bob_post),
        ("ana", carl_post),
        ("carl", ana_post),
        ("bob", carl_post),
    ):
        await api.data(LIKE, {"input": {"postId": post["id"]}}, user=user)
    on_bob = await api.data(COMMENT, {"input": {"postId": bob_post["id"], "text": "a"}}, user="ana")
    await api.data(
        COMMENT,
        {"input": {"postId": bob_post["id"], "text": "b", "parentId": on_bob["addComment"]["id"]}},
        user="bob",
    )
    on_carl = await api.data(
        COMMENT, {"input": {"postId": carl_post["id"], "text": "c"}}, user="carl"
    )
    await api.data(
        COMMENT,
        {
            "input": {
                "postId": carl_post["id"],
                "text": "d",
                "parentId": on_carl["addComment"]["id"],
            }
        },
        user="ana",
    )
    await api.follow("ana", "bob")
    await api.follow("carl", "ana")
    await api.follow("carl", "bob")
    await api.data(BLOCK, {"input": {"userId": "dan"}}, user="ana")
    await api.data(SAVE, {"input": {"postId": ana_post["id"]}}, user="bob")
    await api.data(SAVE, {"input": {"postId": bob_post["id"]}}, user="ana")

    await users_event(bus, "users.user.deleted", user_id="ana")
    variables = {
        "bob": bob_post["id"],
        "carl": carl_post["id"],
        "reps": [{"__typename": "User", "id": u} for u in ("ana", "bob", "carl")],
    }
    expected = {
        "bob": {"likeCount": 0, "commentCount": 0},
        "carl": {"likeCount": 1, "commentCount": 1},
        "_entities": [
            {"id": "ana", "followerCount": 0, "followingCount": 0},
            {"id": "bob", "followerCount": 1, "followingCount": 0},
            {"id": "carl", "followerCount": 0, "followingCount": 1},
        ],
    }

    async def erased() -> bool:
        state = await api.data(STATE, variables, user="carl")
        gone = (await api.data("query($id: ID!) { post(id: $id) { id } }", {"id": ana_post["id"]}))[
            "post"
        ] is None
        return gone and state == expected

    await wait_until(erased)
    assert (await api.data(SAVED, user="bob"))["savedPosts"]["edges"] == []
    error = await api.error(
        'mutation { createPost(input: {text: "back", category: GENERAL}) { id } }', user="ana"
    )
    assert error["extensions"]["code"] == "FORBIDDEN"


async def test_erasing_again_changes_nothing(services: CommunityServices) -> None:
    ana, bob = Viewer("ana"), Viewer("bob")
    post = await services.posts.create(bob, PostDraft(text="hi", category=Category.GENERAL))
    other = await services.posts.create(
        Viewer("carl"), PostDraft(text="x", category=Category.GENERAL)
    )
    await services.reactions.like(ana, str(post.id))
    await services.reactions.like(Viewer("carl"), str(post.id))
    await services.comments.add(ana, str(post.id), "hello")
    await services.social.follow(ana, "bob")
    await services.social.follow(Viewer("carl"), "bob")

    for _ in range(2):
        await services.erasure.erase_user("ana")
        stored = await services.repos.posts.get(str(post.id))
        assert stored is not None
        assert (stored.like_count, stored.comment_count) == (1, 0)
        profile = await services.repos.profiles.by_user("bob")
        assert profile is not None
        assert profile.follower_count == 1
    untouched = await services.repos.posts.get(str(other.id))
    assert untouched is not None
    assert untouched.like_count == 0


UNBLOCK = "mutation($input: UserInput!) { unblockUser(input: $input) { id } }"
CREATE_WITH_MEDIA = """mutation($input: CreatePostInput!) { createPost(input: $input) { id } }"""
MODERATE = """mutation($input: ModerateInput!) { moderate(input: $input) { id } }"""


async def test_blocks_and_unblocks_are_published_when_they_change_something(
    api: Api, recorder: Recorder
) -> None:
    bob, ana = {"input": {"userId": "bob"}}, {"input": {"userId": "ana"}}
    await api.follow("bob", "ana")
    await api.data(BLOCK, bob, user="ana")
    await api.data(BLOCK, bob, user="ana")  # no second event: nothing changed
    await api.data(UNBLOCK, bob, user="ana")
    await api.data(UNBLOCK, ana, user="bob")  # bob blocked nobody: no event

    events = await recorder.wait_for(4)
    by_type = {e.type: e.data for e in events}
    assert sorted(by_type) == [
        "community.user.blocked",
        "community.user.followed",
        "community.user.unblocked",
        "community.user.unfollowed",
    ]
    assert by_type["community.user.blocked"] == {"blocker_id": "ana", "blocked_id": "bob"}
    assert by_type["community.user.unblocked"] == by_type["community.user.blocked"]
    assert len(recorder.events) == 4


async def test_a_post_with_media_publishes_each_status_for_media(
    api: Api, recorder: Recorder, bus: AmqpEventBus
) -> None:
    media_id = "6650f0c2a1b2c3d4e5f60718"
    await users_event(
        bus, "media.media.completed", media_id=media_id, owner_id="ana", purpose="POST_MEDIA"
    )
    post = {"text": "Trail run", "category": "HEALTH", "mediaIds": [media_id]}
    # Community learns of the completed media by event: NOT_FOUND until it arrived.
    body = await eventually(
        lambda: api.call(CREATE_WITH_MEDIA, {"input": post}, user="ana"),
        lambda b: "errors" not in b,
    )
    post_id = body["data"]["createPost"]["id"]
    act = {"action": "HIDE", "targetType": "POST", "targetId": post_id, "reason": "off-topic"}
    await api.data(MODERATE, {"input": act}, user="mod", moderator=True)
    await api.data(MODERATE, {"input": act}, user="mod", moderator=True)  # no change, no event

    events = await recorder.wait_for(3)
    statuses = [e.data for e in events if e.type == "community.post_media.changed"]
    expected = {"post_id": post_id, "author_id": "ana", "media_ids": [media_id]}
    assert statuses == [{**expected, "status": "published"}, {**expected, "status": "hidden"}]
    assert len(recorder.events) == 3
