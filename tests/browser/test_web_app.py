"""The LifeGraph web app at `/`, from the committed build, in a real headless Chromium.

A newcomer signs up, creates a goal with tasks, ticks one off, checks in a habit,
comes back after the access token expired (one silent refresh for every request
that needed it), signs out and in again; an account with two-step sign-in is asked
for its code. All with the internet cut off, under the app's CSP, with no console errors.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path

import httpx
import pyotp
from playwright.async_api import Locator, Page, Request, WebSocket, expect
from prometheus_client.parser import text_string_to_metric_families

from common.settings import Settings
from common.testing.waiting import eventually
from lifegraph.web_cli import (
    INITIAL_JS_BUDGET_BYTES,
    SOURCE_DIGEST_NAME,
    initial_js_gzipped,
    source_digest,
)
from lifegraph.webapp import WEB_DIST
from tests.browser.conftest import OfflinePage
from tests.e2e.conftest import Client, NewClient, direct_conversation, serve_lifegraph

CLIENTS = Path(__file__).parents[2] / "clients"
PASSWORD = "violet-harbour-lantern-42"


def _refreshes(page: Page) -> list[str]:
    """Every refreshToken operation the page sends, as it sends it."""
    sent: list[str] = []

    def look(request: Request) -> None:
        if request.method == "POST" and "mutation RefreshToken" in (request.post_data or ""):
            sent.append(request.url)

    page.on("request", look)
    return sent


LiveCounts = dict[str, float]


async def _live_subscribers(http: httpx.AsyncClient, lifegraph: str) -> LiveCounts:
    """Pub/sub subscribers that receive what is published from now on, by channel family,
    as LifeGraph's metrics report them (any subgraph's /metrics: one registry a process)."""
    text = (await http.get(f"{lifegraph}/subgraphs/notifications/metrics")).text
    return {
        sample.labels["family"]: sample.value
        for family in text_string_to_metric_families(text)
        if family.name == "lifegraph_pubsub_subscribers"
        for sample in family.samples
    }


async def _router_subscriptions(http: httpx.AsyncClient, lifegraph: str, subgraph: str) -> float:
    """Client subscriptions the router has attached to `subgraph`'s upstream operations."""
    text = (await http.get(f"{lifegraph}/metrics")).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        if family.name == "lifegraph_router_subscriptions"
        for sample in family.samples
        if sample.labels["subgraph"] == subgraph
    )


async def _until_live(
    http: httpx.AsyncClient, lifegraph: str, before: LiveCounts, added: LiveCounts
) -> None:
    """Wait until exactly `added` subscribers per family went live since `before`.

    A page's subscription reaches the subgraph some time after the page asked for it and
    graphql-transport-ws acknowledges nothing: what another person does before it is live
    is never seen. The gauge counts a subscriber once its channel is subscribed.
    """

    def reached(now: LiveCounts) -> bool:
        return all(now.get(f, 0.0) - before.get(f, 0.0) == n for f, n in added.items())

    await eventually(lambda: _live_subscribers(http, lifegraph), reached, within=15)


# The app's token storage (clients/web/src/storage.ts): one IndexedDB record.
_STORED_SESSION = """async ([changes]) => {
    const db = await new Promise((resolve, reject) => {
        const opening = indexedDB.open("lifegraph", 1);
        opening.onupgradeneeded = () => opening.result.createObjectStore("session");
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () => reject(opening.error);
    });
    const tx = db.transaction("session", "readwrite");
    const store = tx.objectStore("session");
    const tokens = await new Promise((resolve) => {
        const read = store.get("tokens");
        read.onsuccess = () => resolve(read.result ?? null);
    });
    if (changes !== null && tokens !== null) store.put({...tokens, ...changes}, "tokens");
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
    return tokens;
}"""


_PUT_SESSION = """async (tokens) => {
    const db = await new Promise((resolve, reject) => {
        const opening = indexedDB.open("lifegraph", 1);
        opening.onupgradeneeded = () => opening.result.createObjectStore("session");
        opening.onsuccess = () => resolve(opening.result);
        opening.onerror = () => reject(opening.error);
    });
    const tx = db.transaction("session", "readwrite");
    tx.objectStore("session").put(tokens, "tokens");
    await new Promise((resolve) => { tx.oncomplete = resolve; });
    db.close();
}"""


async def _set_session(page: Page, **changes: object) -> None:
    await page.evaluate(_STORED_SESSION, [changes])


async def _stored_session(page: Page) -> object:
    return await page.evaluate(_STORED_SESSION, [None])


async def _sign_in(page: Page, email: str) -> None:
    await page.get_by_role("button", name="Sign in", exact=True).click()
    form = page.get_by_role("form", name="Sign in")
    await form.get_by_label("Email").fill(email)
    await form.get_by_label("Password").fill(PASSWORD)
    await form.get_by_role("button", name="Sign in").click()


_REFUSED = "Failed to load resource: the server responded with a status of 401 (Unauthorized)"


@dataclass(frozen=True)
class DirectChat:
    """Ada and Grace in a direct conversation, each with it open in the app."""

    ada: Client
    grace: Client
    conversation_id: str
    ada_chat: Locator  # Ada's "Conversation with Grace"
    grace_chat: Locator  # Grace's "Conversation with Ada"


async def _open_direct_chat(
    lifegraph: str, http: httpx.AsyncClient, new_client: NewClient, ada_page: Page, grace_page: Page
) -> DirectChat:
    """Sign up Ada and Grace, start their conversation, and open it on each page.

    Returns once both open conversations listen: to new messages, to changed ones, to
    typing and to read receipts (four subscribers on its channel for each page). What
    either does before that is never seen live.
    """
    ada, grace = new_client(), new_client()
    conversation = await direct_conversation(ada, grace)
    live_before = await _live_subscribers(http, lifegraph)
    for page, name, client in ((ada_page, "ada", ada), (grace_page, "grace", grace)):
        await page.goto(f"{lifegraph}/")
        await _sign_in(page, f"{name}-{id(client)}@example.com")
    await ada_page.get_by_role("button", name="Grace").click()
    await grace_page.get_by_role("button", name="Ada").click()
    await _until_live(http, lifegraph, live_before, {"chat:conversation": 8})
    return DirectChat(
        ada=ada,
        grace=grace,
        conversation_id=conversation,
        ada_chat=ada_page.get_by_role("region", name="Conversation with Grace"),
        grace_chat=grace_page.get_by_role("region", name="Conversation with Ada"),
    )


async def _every_control_reachable_by_keyboard(page: Page) -> None:
    """Tabbing from the top visits every enabled control on the page, in some order."""
    count: int = await page.evaluate(
        """() => {
            const controls = [...document.querySelectorAll(
                "button:not([disabled]), input:not([disabled]), select, textarea, a[href]")];
            controls.forEach((control, i) => { control.dataset.kbd = String(i); });
            document.activeElement?.blur();
            return controls.length;
        }"""
    )
    assert count > 0
    wanted = {str(i) for i in range(count)}
    reached: set[str] = set()
    # Twice round is plenty: anything still missing then is out of the tab order.
    for _ in range(2 * count):
        await page.keyboard.press("Tab")
        reached.add(await page.evaluate("document.activeElement?.dataset?.kbd ?? ''"))
        if wanted <= reached:
            break
    missed = wanted - reached
    described = await page.evaluate(
        "(missed) => missed.map((i) => document.querySelector(`[data-kbd='${i}']`)?.outerHTML)",
        sorted(missed),
    )
    assert not missed, described


async def _quiet(offline: OfflinePage, *, refused: int = 0) -> None:
    """Nothing blocked or refused by the CSP, and no console errors but `refused` 401s:
    Chromium logs each response the router refuses, which no page script can prevent."""
    assert offline.blocked == [], "the app asked for something beyond this server"
    assert await offline.csp_violations() == []
    assert [e for e in offline.errors if e != _REFUSED] == []
    assert offline.errors.count(_REFUSED) == refused


def test_the_build_is_committed_and_self_contained() -> None:
    page = (WEB_DIST / "index.html").read_text()
    assets = re.findall(r'(?:src|href)="(/[^"]+)"', page)
    assert assets, "index.html names no assets"
    for path in assets:
        assert path.startswith("/assets/"), path
        assert (WEB_DIST / path.lstrip("/")).is_file(), path
    assert "<script>" not in page, "an inline script would need 'unsafe-inline'"
    assert 0 < sum(initial_js_gzipped(WEB_DIST).values()) <= INITIAL_JS_BUDGET_BYTES
    licenses = (WEB_DIST / "licenses.md").read_text()
    for library in ("react", "@apollo/client", "graphql-ws"):
        assert f"## {library} " in licenses, library


def test_the_committed_build_is_of_the_committed_sources() -> None:
    built_from = (WEB_DIST / SOURCE_DIGEST_NAME).read_text().strip()
    assert built_from == source_digest(CLIENTS), (
        "clients/ changed since lifegraph/web_dist was built: run `lifegraph web build` "
        "(or `task web`) and commit lifegraph/web_dist"
    )


async def test_a_newcomer_signs_up_and_works_on_a_goal_and_a_habit(
    lifegraph: str, http: httpx.AsyncClient, offline_page: OfflinePage
) -> None:
    live_before = await _live_subscribers(http, lifegraph)
    page = offline_page.page
    response = await page.goto(f"{lifegraph}/")
    assert response is not None
    assert response.ok
    assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")

    form = page.get_by_role("form", name="Sign up")
    await form.get_by_label("Your name").fill("Ada")
    email = f"ada-{id(page)}@example.com"
    await form.get_by_label("Email").fill(email)
    await form.get_by_label("Password").fill(PASSWORD)
    await offline_page.screenshot("web-sign-up")
    await form.get_by_role("button", name="Create account").click()

    await expect(page.get_by_text("Hello, Ada")).to_be_visible()
    await expect(page.get_by_text("No goals yet")).to_be_visible()
    await expect(page.get_by_text("Posts from people you follow appear here.")).to_be_visible()

    # The first goal earns an achievement: the badge counts it live once it listens.
    await _until_live(http, lifegraph, live_before, {"notifications": 1})
    await page.get_by_label("Goal title").fill("Run a 10k")
    await page.get_by_label("Life area").select_option("HEALTH")
    await page.get_by_label("Tasks (one per line)").fill("Buy running shoes\nRun 5k twice")
    await page.get_by_role("button", name="Add goal").click()
    goal = page.get_by_role("listitem", name="Run a 10k")
    await expect(goal).to_be_visible()
    await expect(goal.get_by_text("0%")).to_be_visible()
    await expect(page.get_by_label("Goal title")).to_have_value("")

    await goal.get_by_label("Buy running shoes").check()
    await expect(goal.get_by_text("50%")).to_be_visible()
    await expect(goal.get_by_label("Run a 10k progress")).to_have_attribute("value", "50")

    await page.get_by_label("New daily habit").fill("Stretch")
    await page.get_by_role("button", name="Add habit").click()
    habit = page.get_by_role("listitem", name="Stretch")
    await expect(habit.get_by_text("0 days streak")).to_be_visible()
    await habit.get_by_role("button", name="Check in").click()
    await expect(habit.get_by_text("1 day streak")).to_be_visible()
    await expect(habit.get_by_role("button", name="Done today")).to_be_disabled()
    await offline_page.screenshot("web-home")

    # The achievement: on the badge without a reload, in the list.
    badge = page.get_by_role("button", name=re.compile("^Notifications"))
    await expect(badge.get_by_label("1 unread")).to_be_visible(timeout=15_000)
    await badge.click()
    await expect(page.get_by_role("region", name="Notifications")).to_contain_text(
        "Achievement unlocked: First goal"
    )
    await offline_page.screenshot("web-achievement")
    await badge.click()

    # Back after the access token expired: the page's queries all need a fresh one,
    # and share the one refresh (a second would reuse a rotated token and end the session).
    refreshes = _refreshes(page)
    await _set_session(page, expiresAt=0)
    await page.reload()
    await expect(page.get_by_role("listitem", name="Run a 10k").get_by_text("50%")).to_be_visible()
    await expect(page.get_by_text("Posts from people you follow appear here.")).to_be_visible()
    assert len(refreshes) == 1

    # A token the router refuses before its expiry: renewed once, the operations sent again.
    await _set_session(page, accessToken="not-a-token")
    await page.reload()
    goal = page.get_by_role("listitem", name="Run a 10k")
    await expect(goal.get_by_text("50%")).to_be_visible()
    await expect(page.get_by_text("Posts from people you follow appear here.")).to_be_visible()
    assert len(refreshes) == 2
    await goal.get_by_label("Run 5k twice").check()
    await expect(goal.get_by_text("100%")).to_be_visible()

    await page.get_by_role("button", name="Sign out").click()
    await expect(page.get_by_role("form", name="Sign up")).to_be_visible()
    assert await _stored_session(page) is None
    await _sign_in(page, email)
    await expect(page.get_by_role("listitem", name="Run a 10k").get_by_text("100%")).to_be_visible()
    await expect(page.get_by_role("listitem", name="Stretch")).to_contain_text("1 day streak")
    # Once everything is on screen (the templates come with their own query).
    await expect(page.get_by_role("button", name="Start this goal")).to_be_visible()
    await _every_control_reachable_by_keyboard(page)
    await offline_page.screenshot("web-signed-in-again")
    # Down to phone width: one column, nothing wider than the screen.
    await page.set_viewport_size({"width": 390, "height": 844})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await offline_page.screenshot("web-phone")
    # The home, feed and notifications queries with the bad token.
    await _quiet(offline_page, refused=3)


async def test_today_shows_habits_tasks_due_focus_and_what_is_coming_up(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    # The browser's day, as the app's: both read this machine's zone.
    today = date.today()
    await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {
            "i": {
                "title": "Get back to running",
                "area": "HEALTH",
                "tasks": [
                    {"title": "Book the physio", "dueDate": today.isoformat()},
                    {"title": "Buy new shoes", "dueDate": (today - timedelta(days=1)).isoformat()},
                    {"title": "Plan the route", "dueDate": (today + timedelta(days=1)).isoformat()},
                    {"title": "Stretch whenever"},
                ],
            }
        },
    )
    await ada.ok(
        "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
        {"i": {"title": "Drink water"}},
    )
    now = datetime.now(UTC)
    for title, starts_in, location in (
        ("Conference", timedelta(days=10), None),
        ("Team run", timedelta(days=3), "Riverside park"),
        ("Dentist", timedelta(hours=2), None),
        ("Yesterday's yoga", timedelta(days=-1), None),
    ):
        starts = now + starts_in
        activity = {"title": title, "location": location, "startsAt": starts.isoformat()}
        activity["endsAt"] = (starts + timedelta(hours=1)).isoformat()
        await ada.ok(
            "mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }",
            {"i": activity},
        )

    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    await page.get_by_role("link", name="Today").click()
    assert page.url.endswith("#/today")
    today_card = page.get_by_role("region", name="Today")
    due = today_card.get_by_role("list", name="Tasks due").get_by_role("listitem")
    await expect(due).to_have_text(
        [
            "Buy new shoes · Get back to running overdue",
            "Book the physio · Get back to running",
        ]
    )
    upcoming = today_card.get_by_role("list", name="Coming up").get_by_role("listitem")
    # The week ahead, soonest first: not what is past, nor what is further off.
    await expect(upcoming).to_have_text(
        [re.compile(" Dentist$"), re.compile(" Team run · Riverside park$")]
    )

    habit = today_card.get_by_role("listitem", name="Drink water")
    await expect(habit).to_contain_text("0 days streak")
    await habit.get_by_role("button", name="Check in").click()
    await expect(habit).to_contain_text("1 day streak")
    await expect(habit.get_by_role("button", name="Done today")).to_be_disabled()

    # The focus timer counts down from the plan, and is the server's session: a reload
    # finds it running.
    await today_card.get_by_role("button", name="Start a 25-minute focus").click()
    timer = today_card.get_by_role("timer", name="Focus timer")
    await expect(timer).to_have_text(re.compile(r"^2[45]:\d\d left$"))
    running = await ada.ok("{ currentFocusSession { status plannedMinutes } }")
    assert running["currentFocusSession"] == {"status": "RUNNING", "plannedMinutes": 25}
    await page.reload()
    await expect(timer).to_have_text(re.compile(r"^2[45]:\d\d left$"))
    await _every_control_reachable_by_keyboard(page)
    await offline_page.screenshot("web-today")
    await today_card.get_by_role("button", name="Finish focus").click()
    await expect(today_card.get_by_role("button", name="Start a 25-minute focus")).to_be_visible()
    assert (await ada.ok("{ currentFocusSession { id } }"))["currentFocusSession"] is None

    # Done in the goal's checklist on Home: off Today at once, from the same cached goal.
    await page.get_by_role("link", name="Home").click()
    goal = page.get_by_role("listitem", name="Get back to running")
    await goal.get_by_label("Book the physio").check()
    await goal.get_by_label("Buy new shoes").check()
    await expect(goal.get_by_text("50%")).to_be_visible()
    await page.get_by_role("link", name="Today").click()
    await expect(today_card.get_by_text("Nothing due today.")).to_be_visible()
    await page.set_viewport_size({"width": 390, "height": 844})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await offline_page.screenshot("web-today-done-phone")
    await _quiet(offline_page)


async def test_the_calendar_week_and_its_subscription_link(
    lifegraph: str, http: httpx.AsyncClient, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    # This week's Monday in the machine's zone, which the browser shares.
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    morning = datetime.combine(monday, dt_time(7)).astimezone()
    create = "mutation($i: CreateActivityInput!) { createActivity(input: $i) { id } }"
    await ada.ok(
        create,
        {
            "i": {
                "title": "Morning run",
                "startsAt": morning.isoformat(),
                "endsAt": (morning + timedelta(minutes=45)).isoformat(),
                "recurrence": "FREQ=DAILY;COUNT=10",
            }
        },
    )
    dentist = datetime.combine(monday + timedelta(days=9), dt_time(15)).astimezone()
    await ada.ok(
        create,
        {
            "i": {
                "title": "Dentist",
                "location": "High Street",
                "startsAt": dentist.isoformat(),
                "endsAt": (dentist + timedelta(hours=1)).isoformat(),
            }
        },
    )

    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    await page.get_by_role("link", name="Calendar").click()
    calendar = page.get_by_role("region", name="Calendar")
    days = calendar.get_by_role("list", name="Days").locator(":scope > li")
    await expect(days).to_have_count(7)
    for i in range(7):
        await expect(days.nth(i).get_by_role("listitem", name="Morning run")).to_have_count(1)
    await expect(calendar.get_by_role("listitem", name="Dentist")).to_have_count(0)

    # Next week: the series' last three mornings, and the one-off on Wednesday.
    await calendar.get_by_role("button", name="Next week").click()
    for i in range(7):
        runs = days.nth(i).get_by_role("listitem", name="Morning run")
        await expect(runs).to_have_count(1 if i < 3 else 0)
    await expect(days.nth(2).get_by_role("listitem", name="Dentist")).to_contain_text(
        "Dentist · High Street"
    )
    await calendar.get_by_role("button", name="Previous week").click()
    await calendar.get_by_role("button", name="Previous week").click()
    await expect(days.get_by_text("Free")).to_have_count(7)
    await calendar.get_by_role("button", name="This week").click()
    await expect(days.nth(0).get_by_role("listitem", name="Morning run")).to_have_count(1)

    # The .ics link works from outside the app; a new one retires it.
    feed = page.get_by_role("region", name="Subscribe in your calendar app")
    await feed.get_by_role("button", name="Get a subscription link").click()
    link = feed.get_by_label("Subscription link (.ics)")
    await expect(link).to_have_value(re.compile(r"/calendar/.+\.ics$"))
    first_url = await link.input_value()
    assert first_url.startswith(f"{lifegraph}/calendar/")
    ics = await http.get(first_url)
    assert ics.status_code == 200
    assert "BEGIN:VCALENDAR" in ics.text
    assert "Morning run" in ics.text
    await _every_control_reachable_by_keyboard(page)
    await offline_page.screenshot("web-calendar")
    await feed.get_by_role("button", name="Replace the subscription link").click()
    await expect(link).not_to_have_value(first_url)
    assert (await http.get(await link.input_value())).status_code == 200
    assert (await http.get(first_url)).status_code == 404
    await page.set_viewport_size({"width": 390, "height": 844})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await offline_page.screenshot("web-calendar-new-link-phone")
    await _quiet(offline_page)


async def test_community_post_about_a_goal_liked_saved_commented_and_followed(
    lifegraph: str,
    http: httpx.AsyncClient,
    new_client: NewClient,
    offline_page: OfflinePage,
    another_offline_page: OfflinePage,
) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    await grace.sign_up("Grace")
    await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "Swim a mile", "area": "HEALTH", "visibility": "PUBLIC"}},
    )
    # The first goal's achievement, read first: what the badge counts next is Grace's doing.
    unread = "{ unreadNotificationCount }"
    await eventually(lambda: ada.ok(unread), lambda data: data["unreadNotificationCount"] == 1)
    await ada.ok("mutation { markAllNotificationsRead { unreadCount } }")

    live_before = await _live_subscribers(http, lifegraph)
    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    await page.get_by_role("link", name="Community").click()
    text = f"Swam 400 m without stopping ({id(page)})"
    form = page.get_by_role("form", name="Share a post")
    await form.get_by_label("Post").fill(text)
    await form.get_by_label("Category").select_option("HEALTH")
    await form.get_by_label("About a goal").select_option(label="Swim a mile")
    await form.get_by_role("button", name="Post").click()
    await expect(form.get_by_role("status")).to_have_text("Posted.")
    badge = page.get_by_role("button", name=re.compile("^Notifications"))
    await expect(badge.get_by_label("0 unread")).to_be_visible()
    await _until_live(http, lifegraph, live_before, {"notifications": 1})

    # Grace finds it trending, follows Ada, likes, saves and comments on it.
    other = another_offline_page.page
    await other.goto(f"{lifegraph}/#/community")
    await _sign_in(other, f"grace-{id(grace)}@example.com")
    await other.get_by_role("button", name="Trending").click()
    post = other.get_by_role("listitem", name="Post by Ada").filter(has_text=text)
    await expect(post).to_contain_text("About: Swim a mile")
    await post.get_by_role("button", name="Follow Ada").click()
    await expect(post.get_by_role("button", name="Following Ada")).to_have_attribute(
        "aria-pressed", "true"
    )
    await expect(badge.get_by_label("1 unread")).to_be_visible()
    await post.get_by_role("button", name="Like").click()
    await expect(post).to_contain_text("1 like ")
    # The author's badge counts the like live, with no reload.
    await expect(badge.get_by_label("2 unread")).to_be_visible()
    await post.get_by_role("button", name="Save").click()
    await expect(post.get_by_role("button", name="Saved")).to_have_attribute("aria-pressed", "true")
    await post.get_by_role("button", name="Comments").click()
    await post.get_by_label("Add a comment").fill("Brilliant, keep going!")
    await post.get_by_role("button", name="Comment", exact=True).click()
    await expect(post.get_by_role("list", name="Comments")).to_contain_text(
        "Grace Brilliant, keep going!"
    )
    await expect(post).to_contain_text("1 comment")
    # Following Ada now, Grace has the post in her following feed too.
    await other.get_by_role("button", name="Following", exact=True).click()
    await expect(
        other.get_by_role("listitem", name="Post by Ada").filter(has_text=text)
    ).to_be_visible()
    await _every_control_reachable_by_keyboard(other)
    await another_offline_page.screenshot("web-community")

    # Ada reads the comment under her post; her own posts offer no "Follow".
    await page.get_by_role("button", name="Trending").click()
    own = page.get_by_role("listitem", name="Post by Ada").filter(has_text=text)
    await expect(own).to_contain_text("1 like")
    await expect(own.get_by_role("button", name=re.compile("^Follow"))).to_have_count(0)
    await own.get_by_role("button", name="Comments").click()
    await expect(own.get_by_role("list", name="Comments")).to_contain_text("Brilliant")
    await badge.click()
    panel = page.get_by_role("region", name="Notifications")
    await expect(panel).to_contain_text("Someone liked your post")
    await offline_page.screenshot("web-community-author")
    await _quiet(offline_page)
    await _quiet(another_offline_page)


async def test_insights_chart_balance_progress_habits_and_achievements(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {
            "i": {
                "title": "Swim a mile",
                "area": "HEALTH",
                "tasks": [{"title": "Swim 400 m"}, {"title": "Swim 800 m"}],
            }
        },
    )
    habit = await ada.ok(
        "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
        {"i": {"title": "Stretch"}},
    )
    await ada.ok(
        "mutation($i: CheckInInput!) { checkInHabit(input: $i) { id } }",
        {"i": {"habitId": habit["createHabit"]["id"]}},
    )
    # The analytics projections follow events: the first goal's badge is there once
    # they have caught up.
    await eventually(
        lambda: ada.ok("{ me { achievements { title } } }"),
        lambda data: bool(data["me"]["achievements"]),
    )

    page = offline_page.page
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    goal = page.get_by_role("listitem", name="Swim a mile")
    await goal.get_by_label("Swim 400 m").check()
    await expect(goal.get_by_text("50%")).to_be_visible()
    # The chart library is not part of the first page load.
    assert not any("InsightsScreen" in url for url in scripts)

    await page.get_by_role("link", name="Insights").click()
    balance = page.get_by_role("region", name="Life balance")
    await expect(balance.get_by_role("figure")).to_have_attribute(
        "aria-label", re.compile(r"^Life balance: Health \d+, ")
    )
    await expect(balance.locator("svg .recharts-radar-polygon")).to_have_count(1)
    progress = page.get_by_role("region", name="Progress over time")
    await expect(progress.get_by_role("figure")).to_have_attribute(
        "aria-label", "Progress: Swim a mile 50%"
    )
    await expect(progress.locator("svg .recharts-line")).to_have_count(1)
    habits = page.get_by_role("region", name="Habits, last 60 days")
    await expect(habits.get_by_role("listitem", name="Stretch: 1 of 60 days")).to_be_visible()
    achievements = page.get_by_role("region", name="Achievements")
    await expect(achievements.get_by_role("listitem", name="First goal")).to_be_visible()
    assert any("InsightsScreen" in url for url in scripts)
    await _every_control_reachable_by_keyboard(page)
    await offline_page.screenshot("web-insights")
    await page.set_viewport_size({"width": 390, "height": 844})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await offline_page.screenshot("web-insights-phone")
    await _quiet(offline_page)


async def test_the_coach_proposes_a_goal_and_sets_it_up_once_confirmed(
    lifegraph: str, http: httpx.AsyncClient, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    await expect(page.get_by_text("No goals yet")).to_be_visible()
    live_before = await _live_subscribers(http, lifegraph)
    await page.get_by_role("button", name="Talk to your coach").click()
    chat = page.get_by_role("region", name="Conversation with Coach")
    # The coach answers at once: ask once the conversation listens (new and changed
    # messages, typing, read receipts).
    await _until_live(http, lifegraph, live_before, {"chat:conversation": 4})
    await chat.get_by_role("textbox", name="Message").fill("I want to run a 5k by March")
    await chat.get_by_role("button", name="Send").click()
    log = chat.get_by_role("log")
    await expect(log).to_contain_text('Shall I create the goal "Run a 5k"')
    # Only proposed: nothing is on the board until it is confirmed.
    proposal = log.get_by_role("group", name='Coach proposal: goal "Run a 5k"')
    await expect(proposal.get_by_role("button", name="Decline")).to_be_visible()
    await expect(page.get_by_text("No goals yet")).to_be_visible()
    await _every_control_reachable_by_keyboard(page)
    await offline_page.screenshot("web-coach-proposal")
    await proposal.get_by_role("button", name="Confirm").click()
    await expect(log.get_by_text("Confirmed", exact=True)).to_be_visible()
    # Once the goals subgraph made it: the coach says so in the chat, and it is on the
    # goals board, with no reload.
    await expect(log).to_contain_text('Done! "Run a 5k" is on your goals board')
    goal = page.get_by_role("listitem", name="Run a 5k")
    await expect(goal.get_by_text("0%")).to_be_visible()
    assert await page.get_by_role("button", name="Talk to your coach").count() == 0
    await _every_control_reachable_by_keyboard(page)
    await offline_page.screenshot("web-coach")
    await _quiet(offline_page)


async def test_notification_preferences_and_quiet_hours(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    page = offline_page.page
    await page.goto(f"{lifegraph}/#/settings")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    settings = page.get_by_role("region", name="Notifications")
    likes_by_email = settings.get_by_label("Likes on your posts: Email")
    preferences = (
        "{ notificationPreferences { channels { kind channel enabled } quietHours { start end } } }"
    )

    async def stored(kind: str, channel: str) -> bool:
        channels = (await ada.ok(preferences))["notificationPreferences"]["channels"]
        return any(c["enabled"] for c in channels if c["kind"] == kind and c["channel"] == channel)

    was = await stored("POST_LIKED", "EMAIL")
    await expect(likes_by_email).to_be_checked(checked=was)
    # It follows the server: checked once the change is stored.
    await likes_by_email.click()
    await expect(likes_by_email).to_be_checked(checked=not was)
    await expect(likes_by_email).to_be_enabled()
    assert await stored("POST_LIKED", "EMAIL") is (not was)

    quiet = page.get_by_role("region", name="Quiet hours")
    await expect(quiet).to_contain_text("No quiet hours")
    await quiet.get_by_label("From").fill("22:30")
    await quiet.get_by_label("To").fill("06:45")
    await quiet.get_by_role("button", name="Save quiet hours").click()
    await expect(quiet).to_contain_text("Quiet from 22:30 to 06:45")
    stored_quiet = (await ada.ok(preferences))["notificationPreferences"]["quietHours"]
    assert stored_quiet == {"start": "22:30", "end": "06:45"}
    await page.reload()
    await expect(quiet.get_by_label("From")).to_have_value("22:30")
    await expect(likes_by_email).to_be_checked(checked=not was)
    await _every_control_reachable_by_keyboard(page)
    await offline_page.screenshot("web-settings")
    await quiet.get_by_role("button", name="Turn off quiet hours").click()
    await expect(quiet).to_contain_text("No quiet hours")
    assert (await ada.ok(preferences))["notificationPreferences"]["quietHours"] is None
    await page.set_viewport_size({"width": 390, "height": 844})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await offline_page.screenshot("web-settings-done-phone")
    await _quiet(offline_page)


async def test_two_step_sign_in_asks_for_the_code(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    grace = new_client()
    await grace.sign_up("Grace")
    enrolled = await grace.ok("mutation { enrollTotp { secret } }")
    totp = pyotp.TOTP(enrolled["enrollTotp"]["secret"])
    # A code is good once (no replay): sign in with the next step's, which the server
    # accepts as one step of clock drift whether or not a step boundary passes meanwhile.
    now = time.time()
    await grace.ok(
        "mutation($i: ConfirmTotpInput!) { confirmTotp(input: $i) { id } }",
        {"i": {"code": totp.at(now)}},
    )
    email = f"grace-{id(grace)}@example.com"  # as Client.sign_up names it

    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, email)
    form = page.get_by_role("form", name="Sign in")
    await expect(form.get_by_role("alert")).to_have_text(
        "Enter the code from your authenticator app."
    )
    await form.get_by_label("Authenticator code").fill(totp.at(now + totp.interval))
    await offline_page.screenshot("web-totp")
    await form.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_text("Hello, Grace")).to_be_visible()
    await offline_page.screenshot("web-totp-signed-in")
    await _quiet(offline_page)


async def test_two_step_sign_in_turned_on_in_settings_then_asked_for(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    email = f"ada-{id(ada)}@example.com"
    page = offline_page.page
    await page.goto(f"{lifegraph}/#/settings")
    await _sign_in(page, email)
    two_step = page.get_by_role("region", name="Two-step sign-in")
    await expect(two_step).to_contain_text("Off.")
    await two_step.get_by_role("button", name="Turn on two-step sign-in").click()

    form = two_step.get_by_role("form", name="Confirm two-step sign-in")
    await expect(form.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = await form.get_by_label("Secret key").inner_text()
    uri = await form.get_by_role("link", name="Open in an authenticator app").get_attribute("href")
    assert uri is not None
    assert uri.startswith("otpauth://totp/")
    assert f"secret={secret}" in uri
    totp = pyotp.TOTP(secret)
    now = time.time()
    # A code the app would not show (none of the steps the server accepts): refused, still off.
    accepted = {totp.at(now + drift * totp.interval) for drift in (-1, 0, 1)}
    wrong = next(c for c in (f"{n:06d}" for n in range(1_000_000)) if c not in accepted)
    await form.get_by_label("Code from the app").fill(wrong)
    await form.get_by_role("button", name="Confirm").click()
    await expect(form.get_by_role("alert")).to_have_text("The authentication code is not valid.")
    assert (await ada.ok("{ me { totpEnabled } }"))["me"]["totpEnabled"] is False
    await _every_control_reachable_by_keyboard(page)
    await offline_page.screenshot("web-totp-enrol")

    await form.get_by_label("Code from the app").fill(totp.at(now))
    await form.get_by_role("button", name="Confirm").click()
    await expect(two_step).to_contain_text("On: signing in asks for a code")
    assert (await ada.ok("{ me { totpEnabled } }"))["me"]["totpEnabled"] is True

    # Signing in again now takes the code; a code is good once, so the next step's.
    await page.get_by_role("button", name="Sign out").click()
    await _sign_in(page, email)
    sign_in = page.get_by_role("form", name="Sign in")
    await expect(sign_in.get_by_role("alert")).to_have_text(
        "Enter the code from your authenticator app."
    )
    await sign_in.get_by_label("Authenticator code").fill(totp.at(now + totp.interval))
    await sign_in.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_text("Hello, Ada")).to_be_visible()
    await expect(two_step).to_contain_text("On: signing in asks for a code")
    await offline_page.screenshot("web-totp-on")

    # And off again with the password.
    turn_off = two_step.get_by_role("form", name="Turn off two-step sign-in")
    await turn_off.get_by_label("Or your password").fill(PASSWORD)
    await turn_off.get_by_role("button", name="Turn off two-step sign-in").click()
    await expect(two_step).to_contain_text("Off.")
    assert (await ada.ok("{ me { totpEnabled } }"))["me"]["totpEnabled"] is False
    await offline_page.screenshot("web-totp-off")
    await _quiet(offline_page)


async def test_the_following_feed_shows_posts_of_people_followed(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada, grace = new_client(), new_client()
    await ada.sign_up("Ada")
    grace_id = await grace.sign_up("Grace")
    await ada.ok_once_known(
        "mutation($i: UserInput!) { followUser(input: $i) { id } }", {"i": {"userId": grace_id}}
    )
    await grace.ok(
        "mutation($i: CreatePostInput!) { createPost(input: $i) { id } }",
        {"i": {"text": "Ran my first 5k this morning!", "category": "HEALTH"}},
    )
    feed = "{ followingFeed(first: 5) { nodes { text } } }"
    await eventually(lambda: ada.ok(feed), lambda data: bool(data["followingFeed"]["nodes"]))

    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    post = page.get_by_role("region", name="Following").get_by_role("listitem")
    await expect(post).to_contain_text("Ran my first 5k this morning!")
    await expect(post).to_contain_text("Grace")
    await offline_page.screenshot("web-feed")
    await _quiet(offline_page)


async def test_a_like_from_a_follower_shows_on_the_badge_live(
    lifegraph: str,
    http: httpx.AsyncClient,
    new_client: NewClient,
    offline_page: OfflinePage,
    another_offline_page: OfflinePage,
) -> None:
    ada, grace = new_client(), new_client()
    ada_id = await ada.sign_up("Ada")
    await grace.sign_up("Grace")
    live_before = await _live_subscribers(http, lifegraph)
    await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "Learn the cello", "area": "CREATIVITY", "visibility": "PUBLIC"}},
    )
    # The first goal earns an achievement, notified a moment later: read it first, so
    # what the badge counts from here on is Grace's doing.
    unread = "{ unreadNotificationCount }"
    await eventually(lambda: ada.ok(unread), lambda data: data["unreadNotificationCount"] == 1)
    await ada.ok("mutation { markAllNotificationsRead { unreadCount } }")

    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    badge = page.get_by_role("button", name=re.compile("^Notifications"))
    await expect(badge.get_by_label("0 unread")).to_be_visible()
    goal = page.get_by_role("listitem", name="Learn the cello")
    await goal.get_by_role("button", name="Share with followers").click()
    await expect(goal.get_by_text("Shared with your followers.")).to_be_visible()

    # Grace follows Ada once Ada's page listens: the badge counts it without a reload.
    await _until_live(http, lifegraph, live_before, {"notifications": 1})
    await grace.ok_once_known(
        "mutation($i: UserInput!) { followUser(input: $i) { id } }", {"i": {"userId": ada_id}}
    )
    await expect(badge.get_by_label("1 unread")).to_be_visible(timeout=15_000)

    # Grace, in her own browser, likes Ada's post about the goal.
    other = another_offline_page.page
    await other.goto(f"{lifegraph}/")
    await _sign_in(other, f"grace-{id(grace)}@example.com")
    post = other.get_by_role("listitem", name="Post by Ada")
    await expect(post).to_contain_text('Working on "Learn the cello": 0% done.')
    await expect(post).to_contain_text("About: Learn the cello")
    await post.get_by_role("button", name="Like").click()
    await expect(post.get_by_role("button", name="Liked")).to_have_attribute("aria-pressed", "true")
    await expect(post).to_contain_text("1 like ")
    await another_offline_page.screenshot("web-liked")

    await expect(badge.get_by_label("2 unread")).to_be_visible(timeout=15_000)
    await badge.click()
    panel = page.get_by_role("region", name="Notifications")
    await expect(panel).to_contain_text("Someone liked your post")
    await expect(panel).to_contain_text("You have a new follower")
    await offline_page.screenshot("web-notifications")
    await panel.get_by_role("button", name="Mark all read").click()
    await expect(badge.get_by_label("0 unread")).to_be_visible()
    await _quiet(offline_page)
    await _quiet(another_offline_page)


async def test_a_second_device_stays_current_without_a_reload(
    lifegraph: str,
    http: httpx.AsyncClient,
    new_client: NewClient,
    offline_page: OfflinePage,
    another_offline_page: OfflinePage,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    await ada.ok(
        "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
        {"i": {"title": "Stretch"}},
    )
    laptop, phone = offline_page.page, another_offline_page.page
    await phone.set_viewport_size({"width": 390, "height": 844})
    for page in (laptop, phone):
        await page.goto(f"{lifegraph}/")
        await _sign_in(page, f"ada-{id(ada)}@example.com")
        await expect(page.get_by_role("listitem", name="Stretch")).to_contain_text("0 days streak")
    # Each page follows goals and habits. One viewer's identical subscriptions share an
    # upstream, so the router's own count says when both pages receive what happens.
    await eventually(lambda: _router_subscriptions(http, lifegraph, "goals"), lambda n: n == 4)

    # Checked in on the laptop: the phone's streak moves by itself.
    await (
        laptop.get_by_role("listitem", name="Stretch")
        .get_by_role("button", name="Check in")
        .click()
    )
    phone_habit = phone.get_by_role("listitem", name="Stretch")
    await expect(phone_habit).to_contain_text("1 day streak", timeout=15_000)
    await expect(phone_habit.get_by_role("button", name="Done today")).to_be_disabled()

    # A goal added on the phone appears on the laptop; its task ticked off there moves
    # the phone's bar.
    await phone.get_by_label("Goal title").fill("Read twelve books")
    await phone.get_by_label("Tasks (one per line)").fill("Pick the first\nJoin a club")
    await phone.get_by_role("button", name="Add goal").click()
    laptop_goal = laptop.get_by_role("listitem", name="Read twelve books")
    await expect(laptop_goal).to_be_visible(timeout=15_000)
    await laptop_goal.get_by_label("Pick the first").check()
    phone_goal = phone.get_by_role("listitem", name="Read twelve books")
    await expect(phone_goal.get_by_text("50%")).to_be_visible(timeout=15_000)
    await another_offline_page.screenshot("web-live-sync-phone")
    await offline_page.screenshot("web-live-sync-laptop")
    await _quiet(offline_page)
    await _quiet(another_offline_page)


async def test_goals_as_a_tree_started_from_a_template_with_progress_rolling_up(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    goals_progress = "{ me { goals(first: 50) { nodes { title progress } } } }"

    async def stored_progress() -> dict[str, int]:
        nodes = (await ada.ok(goals_progress))["me"]["goals"]["nodes"]
        return {node["title"]: node["progress"] for node in nodes}

    page = offline_page.page
    await page.goto(f"{lifegraph}/#/goals")
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    board = page.get_by_role("region", name="Goals")
    await expect(board.get_by_text("No goals yet")).to_be_visible()

    # The catalog's "Run a 5k": four tasks and two sub-goals, as the preview says.
    form = board.get_by_role("form", name="Goal from a template")
    # The form's one list; its label's name takes in the chosen template's title.
    await form.get_by_role("combobox").select_option("builtin-run-5k")
    preview = form.get_by_role("group", name="What this template sets up")
    await expect(preview).to_contain_text("Run a 5k: 4 tasks, 2 sub-goals")
    await expect(preview).to_contain_text("Build the base (3 tasks)")
    await form.get_by_role("button", name="Start this goal").click()

    root = board.get_by_role("listitem", name="Run a 5k")
    await expect(root.get_by_label("Run a 5k progress")).to_have_attribute("value", "0")
    sub_goals = root.get_by_role("list", name="Sub-goals of Run a 5k")
    base = sub_goals.get_by_role("listitem", name="Build the base")
    distance = sub_goals.get_by_role("listitem", name="Go the distance")
    await expect(base.get_by_role("heading", name="Build the base")).to_be_visible()
    await expect(distance.get_by_label("Week 7-9")).not_to_be_checked()
    await expect(root.get_by_role("button", name="0 of 2 sub-goals done")).to_be_visible()

    # Every task of a sub-goal done: it reads 100%, and the goal above moves with it,
    # to what the server rolled up, with no reload.
    for week in ("Week 1", "Week 2", "Week 3"):
        await base.get_by_label(week).check()
    await expect(base.get_by_label("Build the base progress")).to_have_attribute("value", "100")
    await eventually(stored_progress, lambda p: p["Run a 5k"] > 0)
    rolled_up = (await stored_progress())["Run a 5k"]
    await expect(root.get_by_label("Run a 5k progress")).to_have_attribute("value", str(rolled_up))
    await base.get_by_role("button", name="Mark goal complete").click()
    await expect(base.get_by_text("Completed")).to_be_visible()
    await expect(root.get_by_role("button", name="1 of 2 sub-goals done")).to_be_visible()

    # A sub-goal of a sub-goal, made here: three levels, each bar following the one below.
    await distance.get_by_role("button", name="Add a sub-goal").click()
    new_sub_goal = distance.get_by_role("form", name="New sub-goal of Go the distance")
    await new_sub_goal.get_by_label("Sub-goal title").fill("Race day")
    await new_sub_goal.get_by_label("Its tasks (one per line)").fill("Pin the number on")
    await new_sub_goal.get_by_role("button", name="Add sub-goal").click()
    race = distance.get_by_role("listitem", name="Race day")
    await expect(race.get_by_label("Race day progress")).to_have_attribute("value", "0")
    await expect(new_sub_goal).to_be_hidden()
    await race.get_by_label("Pin the number on").check()
    await expect(race.get_by_label("Race day progress")).to_have_attribute("value", "100")
    await eventually(stored_progress, lambda p: p["Go the distance"] > 0)
    stored = await stored_progress()
    await expect(distance.get_by_label("Go the distance progress")).to_have_attribute(
        "value", str(stored["Go the distance"])
    )
    await expect(root.get_by_label("Run a 5k progress")).to_have_attribute(
        "value", str(stored["Run a 5k"])
    )
    assert stored["Run a 5k"] > rolled_up
    await expect(root.get_by_role("button", name="1 of 3 sub-goals done")).to_be_visible()

    # The tree folds and unfolds; the board reads the same after a reload.
    fold = root.get_by_role("button", name="1 of 3 sub-goals done")
    await fold.click()
    await expect(fold).to_have_attribute("aria-expanded", "false")
    await expect(sub_goals).to_be_hidden()
    await fold.click()
    await expect(race).to_be_visible()
    await page.reload()
    await expect(race.get_by_label("Race day progress")).to_have_attribute("value", "100")
    await expect(root.get_by_label("Run a 5k progress")).to_have_attribute(
        "value", str(stored["Run a 5k"])
    )
    await _every_control_reachable_by_keyboard(page)
    await root.get_by_role("heading", name="Run a 5k").scroll_into_view_if_needed()
    await offline_page.screenshot("web-goals-tree")
    await page.set_viewport_size({"width": 390, "height": 844})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await _quiet(offline_page)


async def test_two_people_chat_live_both_ways_with_typing_shown(
    lifegraph: str,
    http: httpx.AsyncClient,
    new_client: NewClient,
    offline_page: OfflinePage,
    another_offline_page: OfflinePage,
) -> None:
    # Typing is live only, never stored: the helper returns once both pages listen.
    chat = await _open_direct_chat(
        lifegraph, http, new_client, offline_page.page, another_offline_page.page
    )
    ada_chat, grace_chat = chat.ada_chat, chat.grace_chat
    box = ada_chat.get_by_role("textbox", name="Message")
    typing = grace_chat.get_by_text("Ada is typing…")
    await box.press_sequentially("Hi Grace,")
    await expect(typing).to_be_visible()
    await another_offline_page.screenshot("web-chat-typing")
    await box.fill("Hi Grace, fancy a run tomorrow morning?")
    await ada_chat.get_by_role("button", name="Send").click()
    await expect(box).to_have_value("")
    await expect(grace_chat.get_by_role("log")).to_contain_text("Hi Grace, fancy a run")
    await expect(typing).to_be_hidden()
    # Grace has it on screen, so it is read: Ada sees the receipt.
    await expect(ada_chat.get_by_text("Seen by Grace")).to_be_visible()

    await grace_chat.get_by_role("textbox", name="Message").fill("Yes! 7am at the park.")
    await grace_chat.get_by_role("button", name="Send").click()
    await expect(ada_chat.get_by_role("log")).to_contain_text("Yes! 7am at the park.")
    await expect(grace_chat.get_by_role("log")).to_contain_text("Yes! 7am at the park.")
    await offline_page.screenshot("web-chat")
    await _quiet(offline_page)
    await _quiet(another_offline_page)


async def test_tabs_share_one_refresh_and_a_sign_out(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    first = offline_page.page
    await first.goto(f"{lifegraph}/")
    await _sign_in(first, f"ada-{id(ada)}@example.com")
    await expect(first.get_by_text("Hello, Ada")).to_be_visible()
    # A second tab of the same browser: signed in already, from the shared storage.
    second = await first.context.new_page()
    second_errors: list[str] = []
    second.on("console", lambda m: second_errors.append(m.text) if m.type == "error" else None)
    await second.goto(f"{lifegraph}/")
    await expect(second.get_by_text("Hello, Ada")).to_be_visible()

    # Both come back with an expired token at once. The refresh token rotates and a reused
    # one ends the session, so the tabs must renew once between them, not once each.
    refreshes = _refreshes(first)
    refreshes_of_second = _refreshes(second)
    await _set_session(first, expiresAt=0)
    await asyncio.gather(first.reload(), second.reload())
    for page in (first, second):
        await expect(page.get_by_role("heading", name="Goals")).to_be_visible()
        await expect(page.get_by_text("Hello, Ada")).to_be_visible()
    assert len(refreshes) + len(refreshes_of_second) == 1
    # Both tabs keep working on the renewed pair, and so does the next renewal: a tab
    # that had sent the rotated token again would have made the server end the session.
    for page in (first, second):
        await page.get_by_label("New daily habit").fill(f"Habit of {page is first}")
        await page.get_by_role("button", name="Add habit").click()
        await expect(page.get_by_role("listitem", name=f"Habit of {page is first}")).to_be_visible()
    await _set_session(second, expiresAt=0)
    await second.reload()
    await expect(second.get_by_role("listitem", name="Habit of True")).to_be_visible()
    assert len(refreshes) + len(refreshes_of_second) == 2

    # Signing out in one tab signs out the other.
    await first.get_by_role("button", name="Sign out").click()
    await expect(second.get_by_role("form", name="Sign up")).to_be_visible()
    await second.screenshot(
        path=str(await offline_page.screenshot("web-tabs-first")).replace(
            "web-tabs-first", "web-tabs-second"
        )
    )
    await _quiet(offline_page)
    assert second_errors == []


def _socket_tokens(page: Page) -> list[str]:
    """The token of every `connection_init` the page's WebSockets send, in order."""
    sent: list[str] = []

    def on_frame(payload: str | bytes) -> None:
        message = json.loads(payload)
        if message.get("type") == "connection_init":
            sent.append((message.get("payload") or {}).get("Authorization", ""))

    def watch(socket: WebSocket) -> None:
        socket.on("framesent", on_frame)

    page.on("websocket", watch)
    return sent


async def test_a_socket_whose_token_expires_renews_it_once_and_stays_live(
    settings: Settings, http: httpx.AsyncClient, offline_page: OfflinePage
) -> None:
    # Access tokens that expire while the page is subscribed. The page is told they last
    # an hour, so only the router's close at the token's `exp` (4419) can make it renew.
    # Long enough that a cold browser and a loaded machine are live on the first token
    # before it expires (20 s was not, on a fresh CI clone).
    ttl = 45
    async with serve_lifegraph(settings, access_token_ttl_seconds=ttl) as lifegraph:
        ada, grace = Client(http, lifegraph), Client(http, lifegraph)
        ada_id = await ada.sign_up("Ada")
        await grace.sign_up("Grace")
        login = await ada.ok(
            "mutation($i: LoginInput!) { login(input: $i) { accessToken refreshToken } }",
            {"i": {"email": f"ada-{id(ada)}@example.com", "password": PASSWORD}},
        )
        page = offline_page.page
        sockets = _socket_tokens(page)
        refreshes = _refreshes(page)
        live_before = await _live_subscribers(http, lifegraph)
        await page.goto(f"{lifegraph}/")
        await page.evaluate(
            _PUT_SESSION, {**login["login"], "expiresAt": (time.time() + 3600) * 1000}
        )
        await page.reload()
        badge = page.get_by_role("button", name=re.compile("^Notifications"))
        await expect(badge.get_by_label("0 unread")).to_be_visible()
        await _until_live(http, lifegraph, live_before, {"notifications": 1})

        async def connections() -> int:
            return len(sockets)

        # Live on the first token, before it expired. Playwright reports a sent frame to
        # the test a little after the router may have it: the frame is awaited, not assumed.
        await eventually(connections, lambda n: n >= 1)
        assert sockets == [f"Bearer {login['login']['accessToken']}"]
        assert refreshes == []

        # At `exp` the router closes the socket; the app renews once and connects again
        # with the new token. The old subscription ended with its socket, well before the
        # new one's `connection_init` (graphql-ws waits a second or more to reconnect), so
        # one live subscriber from here on is the new socket's.
        await eventually(connections, lambda n: n == 2, within=ttl + 30)
        assert sockets[1] != sockets[0]
        assert len(refreshes) == 1
        await _until_live(http, lifegraph, live_before, {"notifications": 1})

        # Live updates go on: Grace's follow reaches the badge with no reload.
        await grace.ok_once_known(
            "mutation($i: UserInput!) { followUser(input: $i) { id } }", {"i": {"userId": ada_id}}
        )
        await expect(badge.get_by_label("1 unread")).to_be_visible()
        await badge.click()
        await expect(page.get_by_role("region", name="Notifications")).to_contain_text(
            "You have a new follower"
        )
        assert len(sockets) == 2
        await offline_page.screenshot("web-socket-renewed")
        await _quiet(offline_page)


async def test_the_app_page_and_its_assets_are_served_by_lifegraph(lifegraph: str) -> None:
    async with httpx.AsyncClient() as client:
        page = await client.get(f"{lifegraph}/")
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["cache-control"] == "no-cache"
        assert page.headers["x-content-type-options"] == "nosniff"
        script = re.search(r'src="(/assets/[^"]+\.js)"', page.text)
        assert script is not None
        asset = await client.get(f"{lifegraph}{script.group(1)}")
        assert asset.status_code == 200
        assert "immutable" in asset.headers["cache-control"]
        assert asset.headers["x-content-type-options"] == "nosniff"
        missing = await client.get(f"{lifegraph}/assets/nope.js")
        assert missing.status_code == 404
        # GraphiQL and the API stay where they were.
        graphiql = await client.get(f"{lifegraph}/graphql", headers={"accept": "text/html"})
        assert "graphiql" in graphiql.text.lower()
        answer = await client.post(f"{lifegraph}/graphql", json={"query": "{ __typename }"})
        assert json.loads(answer.text)["data"] == {"__typename": "Query"}
