"""Through the router: forged or absurd cursors are BAD_USER_INPUT, never a filter or INTERNAL."""

from __future__ import annotations

import base64
import json

from subgraphs.chat.domain import cursors as chat_cursors
from tests.e2e.conftest import NewClient

TRENDING = """query($a: String) { trendingFeed(first: 5, after: $a) {
  edges { node { id } } pageInfo { endCursor hasNextPage } } }"""
MESSAGES = """query($c: ID!, $a: String) { messages(conversationId: $c, first: 5, after: $a) {
  edges { node { text } } } }"""


def unsigned(value: object) -> str:
    payload = json.dumps([{"v": value}, "6b013eb43bae1c3b5b88c9e2"]).encode()
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


async def test_cursors_through_the_router(new_client: NewClient) -> None:
    ada, bob = new_client(), new_client()
    await ada.sign_up("Ada")
    bob_id = await bob.sign_up("Bob")
    for text in ("one", "two"):
        await ada.ok(
            "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
            {"i": {"text": text, "category": "HEALTH"}},
        )
    first = (await ada.ok(TRENDING))["trendingFeed"]
    # A cursor we issued still pages.
    issued = first["pageInfo"]["endCursor"]
    assert "errors" not in await ada.call(TRENDING, {"a": issued})

    for forged in (unsigned({"$exists": True}), unsigned(0.5), issued[:-3] + "AAA"):
        body = await ada.call(TRENDING, {"a": forged})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body

    direct = await ada.ok_once_known(
        "mutation($u: ID!) { startDirectConversation(input: {userId: $u}) { id } }",
        {"u": bob_id},
    )
    conversation = direct["startDirectConversation"]["id"]
    body = await ada.call(MESSAGES, {"c": conversation, "a": chat_cursors.encode(10**30)})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body


PAGE = """query($a: String) { trendingFeed(first: 1, after: $a) {
  edges { cursor } pageInfo { hasPreviousPage hasNextPage startCursor endCursor } } }"""


async def test_page_info_has_relay_start_cursor_and_previous_page(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    for text in ("one", "two"):
        await ada.ok(
            "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
            {"i": {"text": text, "category": "HEALTH"}},
        )
    first = (await ada.ok(PAGE))["trendingFeed"]
    info = first["pageInfo"]
    assert info["hasPreviousPage"] is False
    assert info["hasNextPage"] is True
    assert info["startCursor"] == info["endCursor"] == first["edges"][0]["cursor"]
    second = (await ada.ok(PAGE, {"a": info["endCursor"]}))["trendingFeed"]
    assert second["pageInfo"]["hasPreviousPage"] is True
    assert second["pageInfo"]["startCursor"] == second["edges"][0]["cursor"]
