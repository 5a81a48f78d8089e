"""A query that fails shows why, by its code, and "Try again" recovers without a reload."""

from __future__ import annotations

import json

from playwright.async_api import Route, expect

from tests.browser.conftest import OfflinePage
from tests.browser.test_web_app import _quiet, _sign_in
from tests.e2e.conftest import NewClient

# Chromium logs the refused request itself; no page script can prevent that.
_UNAVAILABLE_LOG = (
    "Failed to load resource: the server responded with a status of 503 (Service Unavailable)"
)


async def test_a_failed_home_query_says_why_and_try_again_recovers(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "Learn Spanish", "area": "LEARNING"}},
    )
    page = offline_page.page
    refused: list[str] = []

    async def unavailable(route: Route) -> None:
        # The router's answer when every replica is briefly gone: a 503 with a coded error.
        if "query Home" in (route.request.post_data or ""):
            refused.append(route.request.url)
            body = {"errors": [{"message": "down", "extensions": {"code": "UNAVAILABLE"}}]}
            await route.fulfill(status=503, content_type="application/json", body=json.dumps(body))
        else:
            await route.fallback()

    await page.route("**/graphql", unavailable)
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    alert = page.get_by_role("alert").filter(has_text="briefly unavailable")
    await expect(alert).to_contain_text("LifeGraph is briefly unavailable; try again in a moment.")
    assert refused
    await offline_page.screenshot("web-home-unavailable")

    await page.unroute("**/graphql", unavailable)
    await alert.get_by_role("button", name="Try again").click()
    await expect(page.get_by_role("listitem", name="Learn Spanish")).to_be_visible()
    await expect(alert).to_be_hidden()
    await offline_page.screenshot("web-home-recovered")
    assert offline_page.errors.count(_UNAVAILABLE_LOG) == len(refused)
    offline_page.errors[:] = [e for e in offline_page.errors if e != _UNAVAILABLE_LOG]
    await _quiet(offline_page)
