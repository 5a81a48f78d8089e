"""From the web app alone: a task added to an existing goal with a due day shows on
Today, and one notification is marked read by itself."""

from __future__ import annotations

import re
from datetime import date

from playwright.async_api import expect

from common.testing.waiting import eventually
from tests.browser.conftest import OfflinePage
from tests.browser.test_web_app import _every_control_reachable_by_keyboard, _quiet, _sign_in
from tests.e2e.conftest import NewClient


async def test_a_task_added_to_a_goal_with_a_due_day_shows_on_today(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "Get back to running", "area": "HEALTH", "tasks": [{"title": "Stretch"}]}},
    )
    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    goal = page.get_by_role("listitem", name="Get back to running")
    await expect(goal.get_by_text("0%")).to_be_visible()

    await goal.get_by_role("button", name="Add a task").click()
    form = page.get_by_role("form", name="New task of Get back to running")
    await form.get_by_label("Task").fill("Book the physio")
    # The browser's day, as the app's: both read this machine's zone.
    today = date.today()
    await form.get_by_label("Due (optional)").fill(today.isoformat())
    await form.get_by_role("button", name="Add task").click()
    await expect(form).to_be_hidden()
    await expect(goal.get_by_label("Book the physio")).to_be_visible()
    await expect(goal).to_contain_text("due ")

    # A blank title is refused by the browser; one over the API's cap by the API.
    await goal.get_by_role("button", name="Add a task").click()
    await form.get_by_label("Task").fill("x" * 300)
    await form.get_by_role("button", name="Add task").click()
    await expect(form.get_by_role("alert")).to_be_visible()
    await form.get_by_role("button", name="Cancel").click()

    # Ticking off the new one moves the bar: two tasks, one done.
    await goal.get_by_label("Book the physio").check()
    await expect(goal.get_by_text("50%")).to_be_visible()
    await goal.get_by_label("Book the physio").uncheck()
    await expect(goal.get_by_text("0%")).to_be_visible()

    await page.get_by_role("link", name="Today").click()
    due = page.get_by_role("list", name="Tasks due")
    await expect(due.get_by_role("listitem", name="Book the physio")).to_be_visible()
    await offline_page.screenshot("web-task-added-due-today")
    await _every_control_reachable_by_keyboard(page)
    await _quiet(offline_page)


async def test_one_notification_is_marked_read_by_itself(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    # The first goal earns an achievement, notified a moment later.
    await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "One", "area": "CAREER"}},
    )
    unread = "{ unreadNotificationCount }"
    await eventually(lambda: ada.ok(unread), lambda data: data["unreadNotificationCount"] == 1)

    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    badge = page.get_by_role("button", name=re.compile("^Notifications"))
    await expect(badge.get_by_label("1 unread")).to_be_visible()
    await badge.click()
    panel = page.get_by_role("region", name="Notifications")
    first = panel.get_by_role("listitem").first
    await first.get_by_role("button", name="Mark read").click()
    await expect(badge.get_by_label("0 unread")).to_be_visible()
    await expect(first.get_by_role("button", name="Mark read")).to_be_hidden()
    assert (await ada.ok(unread))["unreadNotificationCount"] == 0
    await offline_page.screenshot("web-notification-marked-read")
    await _quiet(offline_page)
