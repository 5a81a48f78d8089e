"""Moderation over HTTP: word filter, reports, the queue, actions and the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.subgraphs.community.conftest import Api

GET = "query($id: ID!) { post(id: $id) { id status } }"
TRENDING = "{ trendingFeed { edges { node { id } } } }"
SEARCH = "query($q: String!) { searchPosts(query: $q) { edges { node { id } } } }"
REPORT = """mutation($input: ReportInput!) { reportContent(input: $input) {
  id targetType targetId reportCount reasons status held } }"""
QUEUE = """{ moderationQueue { edges { node { targetId targetType held reportCount reasons
  targetAuthor { id } post { id status } comment { id text } } } } }"""
MODERATE = """mutation($input: ModerateInput!) { moderate(input: $input) {
  id action targetType targetId reason createdAt moderator { id } targetAuthor { id } } }"""
LOG = """query($target: ID) { moderationLog(targetId: $target) {
  edges { node { action reason moderator { id } targetId } } } }"""
COMMENT = "mutation($input: AddCommentInput!) { addComment(input: $input) { id status } }"
COMMENTS = "query($id: ID!) { post(id: $id) { comments { edges { node { id } } } } }"
DELETE_COMMENT = "mutation($input: CommentInput!) { deleteComment(input: $input) { id } }"


def _ids(connection: dict[str, Any]) -> list[str]:
    return [e["node"]["id"] for e in connection["edges"]]


def _act(action: str, post_id: str, reason: str, target: str = "POST") -> dict[str, Any]:
    return {
        "input": {"action": action, "targetType": target, "targetId": post_id, "reason": reason}
    }


async def test_the_word_filter_holds_posts_for_review(filtered_api: Callable[..., Any]) -> None:
    async with filtered_api(["crypto", "spam"]) as api:
        held = await api.post(user="ana", text="Great CRYPTO tips, DM me")
        clean = await api.post(user="ana", text="Cryptography course finished")
        assert held["status"] == "HELD"
        assert clean["status"] == "PUBLISHED"
        assert (await api.data(GET, {"id": held["id"]}))["post"] is None
        assert (await api.data(GET, {"id": held["id"]}, user="ana"))["post"]["status"] == "HELD"
        assert _ids((await api.data(TRENDING))["trendingFeed"]) == [clean["id"]]
        assert _ids((await api.data(SEARCH, {"q": "tips"}))["searchPosts"]) == []

        queue = (await api.data(QUEUE, user="mod", moderator=True))["moderationQueue"]
        [case] = [e["node"] for e in queue["edges"]]
        assert (case["targetId"], case["held"], case["targetAuthor"]) == (
            held["id"],
            True,
            {"id": "ana"},
        )
        await api.data(
            MODERATE, _act("RESTORE", held["id"], "false positive"), user="mod", moderator=True
        )
        assert (await api.data(GET, {"id": held["id"]}))["post"]["status"] == "PUBLISHED"
        assert (await api.data(QUEUE, user="mod", moderator=True))["moderationQueue"]["edges"] == []

        comment = await api.data(
            COMMENT, {"input": {"postId": clean["id"], "text": "spam spam"}}, user="bob"
        )
        assert comment["addComment"]["status"] == "HELD"
        assert (await api.data(COMMENTS, {"id": clean["id"]}))["post"]["comments"]["edges"] == []


async def test_reports_fill_the_queue_once_per_target(api: Api) -> None:
    post = await api.post(user="ana", text="questionable advice")
    report = {"input": {"targetType": "POST", "targetId": post["id"], "reason": "misleading"}}
    first = (await api.data(REPORT, report, user="bob"))["reportContent"]
    again = (await api.data(REPORT, report, user="bob"))["reportContent"]
    assert first["reportCount"] == again["reportCount"] == 1
    other = {"input": {**report["input"], "reason": "dangerous"}}
    case = (await api.data(REPORT, other, user="carl"))["reportContent"]
    assert (case["reportCount"], case["reasons"], case["status"]) == (
        2,
        ["misleading", "dangerous"],
        "OPEN",
    )
    empty = {"input": {**report["input"], "reason": ""}}
    assert (await api.error(REPORT, empty, user="dan"))["extensions"]["field"] == "reason"

    queue = (await api.data(QUEUE, user="mod", moderator=True))["moderationQueue"]
    assert [(e["node"]["targetId"], e["node"]["reportCount"]) for e in queue["edges"]] == [
        (post["id"], 2)
    ]


async def test_non_moderators_are_forbidden(api: Api) -> None:
    post = await api.post(user="ana")
    assert (await api.error(QUEUE, user="bob"))["extensions"]["code"] == "FORBIDDEN"
    assert (await api.error(LOG, user="bob"))["extensions"]["code"] == "FORBIDDEN"
    error = await api.error(MODERATE, _act("REMOVE", post["id"], "no"), user="bob")
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert (await api.error(QUEUE))["extensions"]["code"] == "UNAUTHENTICATED"
    assert (await api.data(GET, {"id": post["id"]}))["post"]["status"] == "PUBLISHED"


async def test_moderator_actions_change_visibility_and_are_audited(api: Api) -> None:
    post = await api.post(user="ana", text="buy followers cheap")
    report = {"input": {"targetType": "POST", "targetId": post["id"], "reason": "spam"}}
    await api.data(REPORT, report, user="bob")
    mod: dict[str, Any] = {"user": "mod", "moderator": True}

    removed = await api.data(MODERATE, _act("REMOVE", post["id"], "spam, confirmed"), **mod)
    entry = removed["moderate"]
    assert (entry["action"], entry["moderator"], entry["targetAuthor"], entry["reason"]) == (
        "REMOVE",
        {"id": "mod"},
        {"id": "ana"},
        "spam, confirmed",
    )
    assert (await api.data(GET, {"id": post["id"]}, user="bob"))["post"] is None
    assert (await api.data(GET, {"id": post["id"]}, user="ana"))["post"] is None
    assert _ids((await api.data(TRENDING))["trendingFeed"]) == []
    assert _ids((await api.data(SEARCH, {"q": "followers"}))["searchPosts"]) == []
    assert (await api.data(QUEUE, **mod))["moderationQueue"]["edges"] == []

    await api.data(MODERATE, _act("RESTORE", post["id"], "appeal accepted"), **mod)
    assert _ids((await api.data(TRENDING))["trendingFeed"]) == [post["id"]]
    await api.data(MODERATE, _act("HIDE", post["id"], "pending check"), **mod)
    assert (await api.data(GET, {"id": post["id"]}, user="bob"))["post"] is None
    await api.data(MODERATE, _act("WARN", post["id"], "second strike"), **mod)
    assert (await api.error(MODERATE, _act("HIDE", post["id"], " "), **mod))["extensions"][
        "field"
    ] == "reason"

    log = (await api.data(LOG, {"target": post["id"]}, **mod))["moderationLog"]
    assert [(e["node"]["action"], e["node"]["reason"]) for e in log["edges"]] == [
        ("WARN", "second strike"),
        ("HIDE", "pending check"),
        ("RESTORE", "appeal accepted"),
        ("REMOVE", "spam, confirmed"),
    ]


async def test_comments_can_be_reported_and_hidden(api: Api) -> None:
    post = await api.post(user="ana")
    comment = (
        await api.data(COMMENT, {"input": {"postId": post["id"], "text": "rude"}}, user="bob")
    )["addComment"]
    report = {"input": {"targetType": "COMMENT", "targetId": comment["id"], "reason": "rude"}}
    await api.data(REPORT, report, user="ana")
    queue = (await api.data(QUEUE, user="mod", moderator=True))["moderationQueue"]
    assert queue["edges"][0]["node"]["comment"] == {"id": comment["id"], "text": "rude"}

    await api.data(
        MODERATE, _act("HIDE", comment["id"], "rude", "COMMENT"), user="mod", moderator=True
    )
    assert (await api.data(COMMENTS, {"id": post["id"]}))["post"]["comments"]["edges"] == []


async def test_comment_count_counts_only_what_readers_see(
    filtered_api: Callable[..., Any],
) -> None:
    async with filtered_api(["spam"]) as api:
        post = await api.post(user="ana")
        pid = post["id"]

        async def count() -> int:
            data = await api.data("query($id: ID!) { post(id: $id) { commentCount } }", {"id": pid})
            total: int = data["post"]["commentCount"]
            return total

        async def add(user: str, text: str, parent: str | None = None) -> str:
            data = await api.data(
                COMMENT, {"input": {"postId": pid, "text": text, "parentId": parent}}, user=user
            )
            comment_id: str = data["addComment"]["id"]
            return comment_id

        async def act(action: str, comment_id: str) -> None:
            await api.data(
                MODERATE, _act(action, comment_id, "check", "COMMENT"), user="mo", moderator=True
            )

        top = await add("bob", "top")
        first = await add("carl", "one", top)
        await add("dan", "two", top)
        held = await add("eve", "buy spam")
        assert await count() == 3
        await act("HIDE", first)
        assert await count() == 2
        await act("HIDE", top)  # the thread goes, with its remaining reply
        assert await count() == 0
        await act("RESTORE", first)  # restored inside a hidden thread: still unseen
        assert await count() == 0
        await act("RESTORE", top)
        assert await count() == 3
        await act("RESTORE", held)  # out of the word filter's hold: now it counts
        assert await count() == 4
        await act("REMOVE", held)
        assert await count() == 3
        await api.data(DELETE_COMMENT, {"input": {"commentId": top}}, user="bob")
        assert await count() == 0
