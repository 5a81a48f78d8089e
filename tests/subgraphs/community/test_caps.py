"""Caps on text and list inputs: past one, BAD_USER_INPUT naming the field, and nothing stored."""

from __future__ import annotations

from typing import Any

from pymongo import AsyncMongoClient

from common.settings import Settings
from tests.subgraphs.community.conftest import Api

COMMENT = "mutation($input: AddCommentInput!) { addComment(input: $input) { id } }"
EDIT_POST = "mutation($input: EditPostInput!) { editPost(input: $input) { id text } }"
REPORT = "mutation($input: ReportInput!) { reportContent(input: $input) { id } }"
SEARCH_POSTS = "query($q: String!) { searchPosts(query: $q) { edges { node { id } } } }"
SEARCH_PROFILES = """query($q: String!) {
  searchProfiles(query: $q) { edges { node { displayName } } } }"""
FOLLOW = "mutation($input: UserInput!) { followUser(input: $input) { id } }"


async def _count(settings: Settings, collection: str) -> int:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        return await client[settings.database_name("community")][collection].count_documents({})
    finally:
        await client.close()


async def _refused(api: Api, query: str, variables: dict[str, Any], field: str) -> None:
    error = await api.error(query, variables, user="bob")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": field}, error


async def test_oversized_text_and_lists_are_refused_and_nothing_is_stored(
    api: Api, settings: Settings
) -> None:
    post = await api.post(user="ana", text="original")
    ref = {"postId": post["id"]}
    huge = "x" * 1_000_000

    await _refused(api, COMMENT, {"input": {**ref, "text": "c" * 2001}}, "text")
    await _refused(api, COMMENT, {"input": {**ref, "text": huge}}, "text")
    report = {"targetType": "POST", "targetId": post["id"], "reason": "r" * 501}
    await _refused(api, REPORT, {"input": report}, "reason")
    await _refused(api, SEARCH_POSTS, {"q": "run " * 51}, "query")
    await _refused(api, SEARCH_PROFILES, {"q": huge}, "query")
    await _refused(api, FOLLOW, {"input": {"userId": "u" * 65}}, "userId")
    assert await _count(settings, "comments") == 0
    assert await _count(settings, "reports") == 0
    assert await _count(settings, "follows") == 0

    edit = {"postId": post["id"], "text": "t" * 5001}
    error = await api.error(EDIT_POST, {"input": edit}, user="ana")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "text"}
    many = {"postId": post["id"], "mediaUrls": ["https://e.com/a.png"] * 1_000}
    error = await api.error(EDIT_POST, {"input": many}, user="ana")
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "mediaUrls"}
    stored = await api.data(
        "query($id: ID!) { post(id: $id) { text mediaUrls } }", {"id": post["id"]}
    )
    assert stored["post"] == {"text": "original", "mediaUrls": []}
