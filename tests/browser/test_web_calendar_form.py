"""The Calendar screen's "New activity" form, in a real headless Chromium: a one-off and a
daily series show in the week view without a reload; one ending before it starts is refused."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from datetime import time as dt_time

from playwright.async_api import Locator, expect

from tests.browser.conftest import OfflinePage
from tests.browser.test_web_app import _every_control_reachable_by_keyboard, _quiet, _sign_in
from tests.e2e.conftest import NewClient


def _local(day: date, hour: int, minute: int = 0) -> str:
    """A `datetime-local` value: wall time in the machine's zone, which the browser shares."""
    return datetime.combine(day, dt_time(hour, minute)).strftime("%Y-%m-%dT%H:%M")


async def _add(
    form: Locator,
    title: str,
    starts: str,
    ends: str,
    *,
    location: str = "",
    repeats: str = "Does not repeat",
) -> None:
    await form.get_by_label("Title").fill(title)
    await form.get_by_label("Starts").fill(starts)
    await form.get_by_label("Ends").fill(ends)
    await form.get_by_label("Location (optional)").fill(location)
    await form.get_by_label("Repeats").select_option(label=repeats)
    await form.get_by_role("button", name="Add activity").click()


async def test_activities_added_from_the_calendar_show_in_the_week(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    wednesday = monday + timedelta(days=2)

    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    await page.get_by_role("link", name="Calendar").click()
    calendar = page.get_by_role("region", name="Calendar")
    days = calendar.get_by_role("list", name="Days").locator(":scope > li")
    await expect(days.get_by_text("Free")).to_have_count(7)
    form = page.get_by_role("form", name="New activity")

    await _add(
        form,
        "Dentist",
        _local(wednesday, 15),
        _local(wednesday, 16),
        location="High Street",
    )
    await expect(days.nth(2).get_by_role("listitem", name="Dentist")).to_contain_text(
        "Dentist · High Street"
    )
    await expect(calendar.get_by_role("listitem", name="Dentist")).to_have_count(1)
    await expect(form.get_by_label("Title")).to_have_value("")
    await expect(form.get_by_label("Location (optional)")).to_have_value("")

    await _add(
        form,
        "Morning run",
        _local(monday, 7),
        _local(monday, 7, 45),
        repeats="Every day",
    )
    for i in range(7):
        await expect(days.nth(i).get_by_role("listitem", name="Morning run")).to_have_count(1)
    await expect(form.get_by_label("Repeats")).to_have_value("0")
    await expect(form.get_by_role("status")).to_have_text("Added Morning run.")

    await _add(form, "Backwards", _local(monday, 10), _local(monday, 9))
    await expect(form.get_by_role("alert")).to_have_text("An activity cannot end before it starts.")
    await expect(form.get_by_label("Title")).to_have_value("Backwards")
    await expect(calendar.get_by_role("listitem", name="Backwards")).to_have_count(0)
    await expect(days.nth(2).get_by_role("listitem")).to_have_count(2)

    await form.get_by_role("alert").scroll_into_view_if_needed()
    await offline_page.screenshot("web-calendar-new-activity")
    await _every_control_reachable_by_keyboard(page)
    await page.set_viewport_size({"width": 390, "height": 844})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await _quiet(offline_page)
