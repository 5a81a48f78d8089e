"""Likes, saves and comments over HTTP, including counters under concurrent requests."""

from __future__ import annotations

import asyncio
import random

from pymongo import AsyncMongoClient

from common.settings import Settings
from tests.subgraphs.community.conftest import Api

LIKE = "mutation($input: PostInput!) { likePost(input: $input) { likeCount viewerHasLiked } }"
UNLIKE = "mutation($input: PostInput!) { unlikePost(input: $input) { likeCount viewerHasLiked } }"
SAVE = "mutation($input: PostInput!) { savePost(input: $input) { id viewerHasSaved } }"
UNSAVE = "mutation($input: PostInput!) { unsavePost(input: $input) { id } }"
SAVED = """query($after: String) { savedPosts(first: 2, after: $after) {
  edges { node { post { id } } } pageInfo { hasNextPage endCursor } } }"""
COMMENT = """mutation($input: AddCommentInput!) {
  addComment(input: $input) { id parentId text author { id } } }"""
EDIT_COMMENT = "mutation($input: EditCommentInput!) { editComment(input: $input) { id text } }"
DELETE_COMMENT = "mutation($input: CommentInput!) { deleteComment(input: $input) { id } }"
THREAD = """query($id: ID!) { post(id: $id) { commentCount comments {
  edges { node { id text replies { edges { node { id text parentId } } } } } } } }"""
COUNT = "query($id: ID!) { post(id: $id) { likeCount commentCount } }"


async def _like_rows(settings: Settings, post_id: str) -> int:
    client: AsyncMongoClient[dict[str, object]] = AsyncMongoClient(settings.mongodb_url)
    try:
        return await client[settings.database_name("community")]["likes"].count_documents(
            {"post_id": post_id}
        )
    finally:
        await client.close()


async def test_likes_are_idempotent(api: Api) -> None:
    post = await api.post(user="ana")
    ref = {"input": {"postId": post["id"]}}
    first = (await api.data(LIKE, ref, user="bob"))["likePost"]
    again = (await api.data(LIKE, ref, user="bob"))["likePost"]
    assert first == again == {"likeCount": 1, "viewerHasLiked": True}
    assert (await api.data(UNLIKE, ref, user="bob"))["unlikePost"] == {
        "likeCount": 0,
        "viewerHasLiked": False,
    }
    assert (await api.data(UNLIKE, ref, user="bob"))["unlikePost"]["likeCount"] == 0


async def test_like_count_is_exact_under_concurrent_likes_and_unlikes(
    api: Api, settings: Settings
) -> None:
    post = await api.post(user="ana")
    ref = {"input": {"postId": post["id"]}}
    rng = random.Random(7)
    requests = [
        (LIKE if rng.random() < 0.6 else UNLIKE, f"user-{n}") for n in range(25) for _ in range(6)
    ]
    rng.shuffle(requests)
    results = await asyncio.gather(*(api.call(q, ref, user=u) for q, u in requests))
    assert all("errors" not in r for r in results), [r for r in results if "errors" in r][:1]

    rows = await _like_rows(settings, post["id"])
    count = (await api.data(COUNT, {"id": post["id"]}))["post"]["likeCount"]
    assert count == rows
    assert 0 < rows <= 25


async def test_saves_are_bookmarks_with_their_own_list(api: Api) -> None:
    posts = [await api.post(user="ana", text=f"tip {i}") for i in range(3)]
    for post in posts:
        saved = (await api.data(SAVE, {"input": {"postId": post["id"]}}, user="bob"))["savePost"]
        assert saved["viewerHasSaved"] is True
    await api.data(SAVE, {"input": {"postId": posts[0]["id"]}}, user="bob")
    await api.data(UNSAVE, {"input": {"postId": posts[1]["id"]}}, user="bob")

    first = (await api.data(SAVED, user="bob"))["savedPosts"]
    assert [e["node"]["post"]["id"] for e in first["edges"]] == [posts[2]["id"], posts[0]["id"]]
    assert first["pageInfo"]["hasNextPage"] is False
    assert (await api.data(SAVED, user="carl"))["savedPosts"]["edges"] == []
    assert (await api.error(SAVED))["extensions"]["code"] == "UNAUTHENTICATED"


async def test_comments_thread_one_level_deep(api: Api) -> None:
    post = await api.post(user="ana")
    top = await api.data(COMMENT, {"input": {"postId": post["id"], "text": "Nice!"}}, user="bob")
    top_id = top["addComment"]["id"]
    reply = await api.data(
        COMMENT, {"input": {"postId": post["id"], "text": "Thanks", "parentId": top_id}}, user="ana"
    )
    reply_id = reply["addComment"]["id"]
    # A reply to a reply joins the top-level comment's thread.
    nested = await api.data(
        COMMENT, {"input": {"postId": post["id"], "text": "+1", "parentId": reply_id}}, user="carl"
    )
    assert nested["addComment"]["parentId"] == top_id

    thread = (await api.data(THREAD, {"id": post["id"]}))["post"]
    assert thread["commentCount"] == 3
    [node] = [e["node"] for e in thread["comments"]["edges"]]
    assert node["id"] == top_id
    assert [r["node"]["text"] for r in node["replies"]["edges"]] == ["Thanks", "+1"]


async def test_comment_input_is_checked(api: Api) -> None:
    post = await api.post(user="ana")
    empty = await api.error(COMMENT, {"input": {"postId": post["id"], "text": " "}}, user="bob")
    assert empty["extensions"] == {"code": "BAD_USER_INPUT", "field": "text"}
    other = await api.post(user="ana", text="other")
    top = await api.data(COMMENT, {"input": {"postId": other["id"], "text": "hi"}}, user="bob")
    wrong_post = await api.error(
        COMMENT,
        {"input": {"postId": post["id"], "text": "x", "parentId": top["addComment"]["id"]}},
        user="bob",
    )
    assert wrong_post["extensions"]["code"] == "NOT_FOUND"
    assert (await api.data(COUNT, {"id": post["id"]}))["post"]["commentCount"] == 0


async def test_authors_edit_and_delete_their_comments_and_counts_follow(api: Api) -> None:
    post = await api.post(user="ana")
    top = (await api.data(COMMENT, {"input": {"postId": post["id"], "text": "a"}}, user="bob"))[
        "addComment"
    ]["id"]
    for text in ("b", "c"):
        await api.data(
            COMMENT, {"input": {"postId": post["id"], "text": text, "parentId": top}}, user="ana"
        )
    edit = {"input": {"commentId": top, "text": "a, edited"}}
    assert (await api.error(EDIT_COMMENT, edit, user="ana"))["extensions"]["code"] == "FORBIDDEN"
    assert (await api.data(EDIT_COMMENT, edit, user="bob"))["editComment"]["text"] == "a, edited"
    denied = await api.error(DELETE_COMMENT, {"input": {"commentId": top}}, user="carl")
    assert denied["extensions"]["code"] == "FORBIDDEN"

    await api.data(DELETE_COMMENT, {"input": {"commentId": top}}, user="bob")
    after = (await api.data(THREAD, {"id": post["id"]}))["post"]
    assert after["commentCount"] == 0
    assert after["comments"]["edges"] == []
    # Deleting again is not found and moves no counter.
    again = await api.error(DELETE_COMMENT, {"input": {"commentId": top}}, user="bob")
    assert again["extensions"]["code"] == "NOT_FOUND"
    assert (await api.data(COUNT, {"id": post["id"]}))["post"]["commentCount"] == 0


async def test_comment_entities_resolve_only_what_the_viewer_may_read(api: Api) -> None:
    post = await api.post(user="ana")
    said = [
        (await api.data(COMMENT, {"input": {"postId": post["id"], "text": t}}, user="bob"))[
            "addComment"
        ]["id"]
        for t in ("First", "Second")
    ]
    entities = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Comment { id text } } }"""
    reps = [{"__typename": "Comment", "id": i} for i in [*said, "0" * 24]]

    read = await api.data(entities, {"r": reps}, user="carl")
    assert read["_entities"] == [
        {"id": said[0], "text": "First"},
        {"id": said[1], "text": "Second"},
        None,
    ]
    # Bob's comments are hidden from whom he blocked, as in the post's thread.
    await api.data('mutation { blockUser(input: {userId: "carl"}) { id } }', user="bob")
    hidden = await api.data(entities, {"r": reps}, user="carl")
    assert hidden["_entities"] == [None, None, None]
