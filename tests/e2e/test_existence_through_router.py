"""Made-up ids, hidden posts and hidden counts, and retried creates, through the router
as `lifegraph up` serves it: what the subgraph tests check directly, end to end."""

from __future__ import annotations

from typing import Any

import httpx
from pymongo import AsyncMongoClient

from common.settings import Settings
from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient

START = "mutation($u: ID!) { startDirectConversation(input: {userId: $u}) { id } }"
GROUP = """mutation($m: [ID!]!) {
  createGroupConversation(input: {title: "Team", memberIds: $m}) { id } }"""
FOLLOW = "mutation($u: ID!) { followUser(input: {userId: $u}) { id } }"
POST = """mutation { createPost(input: {text: "mine", category: HEALTH}) { id } }"""
COMMENT = "mutation($p: ID!, $t: String!) { addComment(input: {postId: $p, text: $t}) { id } }"
READ_POST = "query($p: ID!) { post(id: $p) { id } }"
EDIT = 'mutation($c: ID!) { editComment(input: {commentId: $c, text: "mine now"}) { id } }'
DELETE = "mutation($c: ID!) { deleteComment(input: {commentId: $c}) { id } }"
COUNT = "query($u: ID!) { user(id: $u) { followerCount followingCount } }"
CREATE_GOAL = """mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }"""


def _code(body: dict[str, Any]) -> object:
    errors = body.get("errors")
    assert errors, body
    return errors[0]["extensions"]["code"]


async def _count(settings: Settings, subgraph: str, collection: str) -> int:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        return await client[settings.database_name(subgraph)][collection].count_documents({})
    finally:
        await client.close()


async def test_made_up_ids_are_not_found_and_nothing_is_stored(
    new_client: NewClient, settings: Settings
) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    bob_id = await bob.sign_up("Bob")
    # Chat knows bob once his registration event arrived: a conversation with him works.
    await ada.ok_once_known(START, {"u": bob_id})

    assert _code(await ada.call(START, {"u": "zzz"})) == "NOT_FOUND"
    assert _code(await ada.call(GROUP, {"m": [bob_id, "ghost"]})) == "NOT_FOUND"
    for made_up in ("$gt", "zzz"):
        assert _code(await ada.call(FOLLOW, {"u": made_up})) == "NOT_FOUND", made_up
    assert await _count(settings, "chat", "conversations") == 1
    assert await _count(settings, "community", "follows") == 0


async def test_a_hidden_post_hides_its_comments_and_a_private_profile_its_counts(
    new_client: NewClient,
) -> None:
    ana, carl, dan = new_client(), new_client(), new_client()
    ana_id = await ana.sign_up("Ana")
    await carl.sign_up("Carl")
    await dan.sign_up("Dan")
    post = (await ana.ok(POST))["createPost"]["id"]
    comment = (await carl.ok_once_known(COMMENT, {"p": post, "t": "hi"}))["addComment"]
    assert (await dan.ok_once_known(COUNT, {"u": ana_id}))["user"] == {
        "followerCount": 0,
        "followingCount": 0,
    }

    await ana.ok("mutation { updatePreferences(input: {privacy: PRIVATE}) { id } }")
    await eventually(
        lambda: dan.call(READ_POST, {"p": post}), lambda body: body.get("data") == {"post": None}
    )
    # Dan cannot see the post, so its comments do not exist for him: NOT_FOUND, never FORBIDDEN.
    assert _code(await dan.call(EDIT, {"c": comment["id"]})) == "NOT_FOUND"
    assert _code(await dan.call(DELETE, {"c": comment["id"]})) == "NOT_FOUND"
    assert _code(await dan.call(COMMENT, {"p": post, "t": "late"})) == "NOT_FOUND"
    hidden = {"followerCount": None, "followingCount": None}
    assert (await dan.ok(COUNT, {"u": ana_id}))["user"] == hidden
    assert (await ana.ok(COUNT, {"u": ana_id}))["user"] == {"followerCount": 0, "followingCount": 0}
    # Nothing dan tried was stored: carl's comment is still the only one, unchanged.
    thread = await ana.ok(
        "query($p: ID!) { post(id: $p) { comments { edges { node { text } } } } }", {"p": post}
    )
    assert [e["node"]["text"] for e in thread["post"]["comments"]["edges"]] == ["hi"]


async def _create_goal(client: Client, key: str) -> httpx.Response:
    payload = {
        "query": CREATE_GOAL,
        "variables": {"i": {"title": "Run", "area": "HEALTH"}},
    }
    headers = {"Authorization": f"Bearer {client.token}", "Idempotency-Key": key}
    return await client.http.post(f"{client.url}/graphql", json=payload, headers=headers)


async def test_a_create_retried_with_its_idempotency_key_creates_one_goal(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    first = await _create_goal(ada, "goal-1")
    retry = await _create_goal(ada, "goal-1")
    other = await _create_goal(ada, "goal-2")
    assert "errors" not in first.json(), first.json()
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert other.json()["data"]["createGoal"]["id"] != first.json()["data"]["createGoal"]["id"]
    goals = (await ada.ok("{ myGoals { nodes { id } } }"))["myGoals"]["nodes"]
    assert len(goals) == 2
