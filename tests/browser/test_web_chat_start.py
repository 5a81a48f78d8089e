"""Starting a chat from the app: "Message" on a post's author opens the Chat tab on the
direct conversation with them, and what is sent there reaches them live."""

from __future__ import annotations

import httpx
from playwright.async_api import expect

from common.testing.waiting import eventually
from tests.browser.conftest import OfflinePage
from tests.browser.test_web_app import (
    _every_control_reachable_by_keyboard,
    _live_subscribers,
    _quiet,
    _sign_in,
    _until_live,
)
from tests.e2e.conftest import NewClient


async def test_message_on_a_post_opens_a_live_chat_with_its_author(
    lifegraph: str,
    http: httpx.AsyncClient,
    new_client: NewClient,
    offline_page: OfflinePage,
    another_offline_page: OfflinePage,
) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    grace_id = await grace.sign_up("Grace")
    await grace.ok(
        "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
        {"i": {"text": "Anyone up for a run by the river?", "category": "HEALTH"}},
    )
    await ada.ok_once_known(
        "mutation($i: UserInput!) { followUser(input: $i) { id } }", {"i": {"userId": grace_id}}
    )
    feed = "{ followingFeed(first: 5) { nodes { text } } }"
    await eventually(lambda: ada.ok(feed), lambda data: bool(data["followingFeed"]["nodes"]))

    live_before = await _live_subscribers(http, lifegraph)
    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    post = page.get_by_role("region", name="Following").get_by_role(
        "listitem", name="Post by Grace"
    )
    await expect(post).to_contain_text("Anyone up for a run by the river?")
    await post.get_by_role("button", name="Message Grace").click()

    # The Chat tab, opened on the conversation with Grace.
    await expect(page.get_by_role("link", name="Chat")).to_have_attribute("aria-current", "page")
    assert "#/chat?conversation=" in page.url
    ada_chat = page.get_by_role("region", name="Conversation with Grace")
    await expect(ada_chat).to_be_visible()
    await expect(page.get_by_role("button", name="Grace")).to_have_attribute("aria-pressed", "true")

    other = another_offline_page.page
    await other.goto(f"{lifegraph}/")
    await _sign_in(other, f"grace-{id(grace)}@example.com")
    await other.get_by_role("link", name="Chat").click()
    await other.get_by_role("button", name="Ada").click()
    grace_chat = other.get_by_role("region", name="Conversation with Ada")
    # Send once both open conversations listen (new and changed messages, typing, read
    # receipts: four each): what is published before that is never seen live.
    await _until_live(http, lifegraph, live_before, {"chat:conversation": 8})

    box = ada_chat.get_by_role("textbox", name="Message")
    await box.fill("Count me in: 7am at the bridge?")
    await ada_chat.get_by_role("button", name="Send").click()
    await expect(box).to_have_value("")
    await expect(grace_chat.get_by_role("log")).to_contain_text("Count me in: 7am at the bridge?")
    await expect(ada_chat.get_by_text("Seen by Grace")).to_be_visible()

    await offline_page.screenshot("web-chat-start")
    await another_offline_page.screenshot("web-chat-start-other")
    await _every_control_reachable_by_keyboard(page)
    await _every_control_reachable_by_keyboard(other)
    await _quiet(offline_page)
    await _quiet(another_offline_page)
