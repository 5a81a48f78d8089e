"""Chat answers that arrive late must not undo what arrived live.

The app refetches a conversation list when a subscription says it changed. On a slow
network that answer can come after newer news: a read receipt pushed live, or the very
change the refetch was asked for. Each test holds one answer back at the network, until
the newer news is in, so the order is the same on every run.
"""

from __future__ import annotations

import asyncio

import httpx
from playwright.async_api import Page, Route, WebSocket, expect

from tests.browser.conftest import OfflinePage
from tests.browser.test_web_app import (
    _live_subscribers,
    _open_direct_chat,
    _sign_in,
    _until_live,
)
from tests.e2e.conftest import NewClient

START = "mutation($i: StartDirectConversationInput!) { startDirectConversation(input: $i) { id } }"
TYPING = "mutation($i: SetTypingInput!) { setTyping(input: $i) }"
# Long enough for a loaded CI machine; a wait that succeeds ends at once.
HELD_AT_MOST = 30


def _operation(route: Route) -> str | None:
    body = route.request.post_data_json if route.request.method == "POST" else None
    return body.get("operationName") if isinstance(body, dict) else None


def _on_frame(page: Page, operation_field: str, seen: asyncio.Event) -> None:
    """Set `seen` when the page's socket receives a result of `operation_field`: call it
    before the page opens its socket."""

    def watch(socket: WebSocket) -> None:
        def received(frame: str | bytes) -> None:
            if f'"{operation_field}"' in str(frame):
                seen.set()

        socket.on("framereceived", received)

    page.on("websocket", watch)


async def _hold(page: Page, operation: str, until: asyncio.Event) -> None:
    """Answer `operation` from the server at once, but hand it to the page only after `until`."""

    async def handle(route: Route) -> None:
        if _operation(route) != operation or until.is_set():
            await route.fallback()
            return
        answer = await route.fetch()
        await asyncio.wait_for(until.wait(), HELD_AT_MOST)
        await route.fulfill(response=answer)

    await page.route("**/graphql", handle)


async def test_a_receipt_pushed_live_outlasts_a_conversation_list_answered_before_it(
    lifegraph: str,
    http: httpx.AsyncClient,
    new_client: NewClient,
    offline_page: OfflinePage,
    another_offline_page: OfflinePage,
) -> None:
    page, other = offline_page.page, another_offline_page.page
    receipt = asyncio.Event()
    _on_frame(page, "readReceiptUpdated", receipt)
    chat = await _open_direct_chat(lifegraph, http, new_client, page, other)
    ada_chat = chat.ada_chat

    # Ada's message makes her list refetch. Grace reads it only once the server has
    # answered that refetch, so the answer predates her receipt; the page gets the answer
    # only after the receipt came live. Later refetches stay on their way: only the live
    # receipt and that older answer decide what the page shows.
    sent, answered, delivered, done = (asyncio.Event() for _ in range(4))

    async def after_sending(route: Route) -> None:
        operation = _operation(route)
        if operation == "SendMessage":
            sent.set()
        if operation != "Conversations" or not sent.is_set():
            await route.fallback()
        elif answered.is_set():
            await done.wait()
            await route.fallback()
        else:
            answer = await route.fetch()
            answered.set()
            await asyncio.wait_for(receipt.wait(), HELD_AT_MOST)
            await route.fulfill(response=answer)
            delivered.set()

    await page.route("**/graphql", after_sending)

    async def read_after_answer(route: Route) -> None:
        if _operation(route) == "MarkConversationRead":
            await asyncio.wait_for(answered.wait(), HELD_AT_MOST)
        await route.fallback()

    await other.route("**/graphql", read_after_answer)

    try:
        await ada_chat.get_by_role("textbox", name="Message").fill("Same time tomorrow?")
        await ada_chat.get_by_role("button", name="Send").click()
        await expect(chat.grace_chat.get_by_role("log")).to_contain_text("Same time tomorrow?")
        await asyncio.wait_for(delivered.wait(), HELD_AT_MOST)
        # Grace typing reaches Ada after the older answer did: by then the page has taken it in.
        typing = {"conversationId": chat.conversation_id, "isTyping": True}
        await chat.grace.ok(TYPING, {"i": typing})
        await expect(ada_chat.get_by_text("Grace is typing…")).to_be_visible()
        await expect(ada_chat.get_by_text("Seen by Grace")).to_be_visible()
    finally:
        done.set()


async def test_a_conversation_started_while_the_list_loads_joins_the_list(
    lifegraph: str,
    http: httpx.AsyncClient,
    new_client: NewClient,
    offline_page: OfflinePage,
) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    grace_id = await grace.sign_up("Grace")

    page = offline_page.page
    created = asyncio.Event()
    _on_frame(page, "conversationUpdated", created)
    # The first list is answered empty, and reaches the page only after the news of the
    # new conversation: the refetch that news asks for must be a request of its own.
    await _hold(page, "Conversations", created)
    live_before = await _live_subscribers(http, lifegraph)
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    # Started once the page listens for new conversations, else it never hears of it.
    await _until_live(http, lifegraph, live_before, {"chat:user": 1})
    await ada.ok(START, {"i": {"userId": grace_id}})

    chat = page.get_by_role("region", name="Chat")
    conversations = chat.get_by_role("list", name="Conversations")
    await expect(conversations.get_by_role("button", name="Grace")).to_be_visible()
    await expect(chat.get_by_text("No conversations yet.")).to_be_hidden()
