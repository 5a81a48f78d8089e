"""GraphiQL at the router in a real headless Chromium with no internet: queries, subscriptions."""

from __future__ import annotations

import json
import re

from playwright.async_api import Page, expect

from common.testing.waiting import eventually
from tests.browser.conftest import OfflinePage
from tests.e2e.conftest import NewClient, direct_conversation

QUERY_EDITOR = ".graphiql-query-editor .CodeMirror"
RESULT = ".result-window"
# The editor tools hold the variables editor, then the headers editor.
_HEADERS_EDITOR = "document.querySelectorAll('.graphiql-editor-tool .CodeMirror')[1].CodeMirror"


async def _open(offline: OfflinePage, base: str) -> Page:
    page = offline.page
    await page.goto(f"{base}/graphql")
    await page.locator(QUERY_EDITOR).wait_for(timeout=30_000)
    return page


async def _query_text(page: Page) -> str:
    text: str = await page.evaluate(
        f"document.querySelector('{QUERY_EDITOR}').CodeMirror.getValue()"
    )
    return text


async def _headers_text(page: Page) -> str:
    text: str = await page.evaluate(f"{_HEADERS_EDITOR}.getValue()")
    return text


async def _set_headers(page: Page, headers: dict[str, str]) -> None:
    await page.evaluate(f"(t) => {_HEADERS_EDITOR}.setValue(t)", json.dumps(headers))


async def _run_in_new_tab(page: Page, name: str, operation: str, headers: dict[str, str]) -> None:
    await page.get_by_label("Add tab").click()  # with two tabs, GraphiQL shows their labels
    await _set_headers(page, headers)  # each tab has its own
    await page.evaluate(
        f"(t) => document.querySelector('{QUERY_EDITOR}').CodeMirror.setValue(t)", operation
    )
    # GraphiQL takes the operation to run from its state, updated a moment after an
    # edit; the tab's label shows that state's operation name.
    await expect(page.locator(".graphiql-tab-active")).to_contain_text(name)
    await page.locator(".graphiql-execute-button").click()


async def _nothing_left_the_machine(offline: OfflinePage) -> None:
    assert offline.blocked == [], "GraphiQL asked for something beyond this router"
    assert await offline.csp_violations() == []
    assert offline.errors == []


async def test_graphiql_runs_a_query_with_the_internet_cut_off(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Lovelace")
    page = await _open(offline_page, lifegraph)
    first_tab = await _query_text(page)
    assert "register(input:" in first_tab
    assert "login(input:" in first_tab
    await offline_page.screenshot("graphiql-first-run")

    # The first tab's own query, as a newcomer runs it once signed in.
    await _set_headers(page, {"Authorization": f"Bearer {ada.token}"})
    await page.locator(".graphiql-execute-button").click()
    await expect(page.locator(RESULT)).to_contain_text('"displayName": "Lovelace"')
    await offline_page.screenshot("graphiql-query")

    # The Docs explorer starts a newcomer at the composed Mutation type's description.
    await page.get_by_role("button", name=re.compile("Documentation Explorer")).click()
    docs = page.locator(".graphiql-doc-explorer")
    await docs.locator("a", has_text=re.compile("^Mutation$")).click()
    await expect(docs).to_contain_text("register an account, login for an accessToken")
    await offline_page.screenshot("graphiql-docs")

    # A dialog (Radix: focus guards, scroll lock) opens under the policy as well.
    await page.get_by_label("Open settings dialog").click()
    await expect(page.locator(".graphiql-dialog")).to_contain_text("Persist headers")
    await offline_page.screenshot("graphiql-settings")
    await page.keyboard.press("Escape")

    # The Headers tab survives a reload: GraphiQL keeps it in localStorage (its
    # write lags an edit a little, as a person's reload would).
    await page.wait_for_function(
        "(token) => (localStorage.getItem('graphiql:tabState') || '').includes(token)",
        arg=ada.token,
        timeout=10_000,
    )
    await page.reload()
    await page.wait_for_function(f"{_HEADERS_EDITOR}.getValue() !== ''")
    assert json.loads(await _headers_text(page)) == {"Authorization": f"Bearer {ada.token}"}
    await _nothing_left_the_machine(offline_page)


async def test_graphiql_runs_a_subscription_over_the_routers_socket(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada, grace = new_client(), new_client()
    conversation = await direct_conversation(ada, grace)
    page = await _open(offline_page, lifegraph)
    subscription = (
        f'subscription AdaWrites {{ messageAdded(conversationId: "{conversation}") '
        "{ text sender { displayName } } }"
    )
    await _run_in_new_tab(
        page, "AdaWrites", subscription, {"Authorization": f"Bearer {grace.token}"}
    )

    # The protocol has no "subscribed" acknowledgement: Ada writes until one arrives.
    sent = 0

    async def send_and_look() -> str:
        nonlocal sent
        sent += 1
        await ada.ok(
            "mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }",
            {
                "i": {
                    "conversationId": conversation,
                    "text": "Hi Grace!",
                    "clientMessageId": f"g{sent}",
                }
            },
        )
        return await page.locator(RESULT).inner_text()

    await eventually(send_and_look, lambda shown: "Hi Grace!" in shown, within=20)
    await expect(page.locator(RESULT)).to_contain_text('"displayName": "Ada"')
    await offline_page.screenshot("graphiql-subscription")
    await _nothing_left_the_machine(offline_page)
