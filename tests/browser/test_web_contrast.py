"""Every screen's text meets WCAG 2.1 AA contrast against what is behind it."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page, expect

from tests.browser.conftest import OfflinePage
from tests.browser.test_web_app import _quiet, _sign_in
from tests.e2e.conftest import Client, NewClient

# For each visible element with its own text: its colour, the first opaque background
# behind it (walking up the tree; the page's is white), and whether it counts as large
# text (AA asks 4.5:1, or 3:1 from 24 px, or 18.66 px bold). Disabled controls are
# exempt (WCAG 1.4.3), as are elements whose background is an image or gradient.
_CONTRASTS = """() => {
    const rgba = (text) => {
        const m = text.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return null;
        const [r, g, b, a = "1"] = m[1].split(",").map((s) => s.trim());
        return [Number(r), Number(g), Number(b), Number(a)];
    };
    const luminance = ([r, g, b]) => {
        const lin = (c) => {
            const s = c / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const backgroundOf = (element) => {
        for (let node = element; node; node = node.parentElement) {
            const style = getComputedStyle(node);
            if (style.backgroundImage !== "none") return null;
            const colour = rgba(style.backgroundColor);
            if (colour && colour[3] === 1) return colour;
        }
        return [255, 255, 255, 1];
    };
    const found = [];
    for (const element of document.querySelectorAll("body *")) {
        const own = [...element.childNodes].some(
            (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "");
        if (!own || element.closest("[disabled], [hidden]")) continue;
        const rect = element.getBoundingClientRect();
        const style = getComputedStyle(element);
        if (rect.width === 0 || rect.height === 0 || style.visibility === "hidden") continue;
        const colour = rgba(style.color);
        const background = backgroundOf(element);
        if (!colour || !background) continue;
        // A translucent text colour blends with the background first.
        const a = colour[3];
        const blended = [0, 1, 2].map((i) => colour[i] * a + background[i] * (1 - a));
        const [hi, lo] = [luminance(blended), luminance(background)].sort((x, y) => y - x);
        const size = parseFloat(style.fontSize);
        const bold = Number(style.fontWeight) >= 700;
        found.push({
            text: element.textContent.trim().slice(0, 40),
            ratio: (hi + 0.05) / (lo + 0.05),
            large: size >= 24 || (bold && size >= 18.66),
        });
    }
    return found;
}"""


async def _low_contrast(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = await page.evaluate(_CONTRASTS)
    assert found, "no text was measured"
    return [f for f in found if f["ratio"] < (3.0 if f["large"] else 4.5)]


async def test_every_screen_meets_aa_contrast(
    lifegraph: str, new_client: NewClient, offline_page: OfflinePage
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    created = await ada.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {
            "i": {
                "title": "Run a 10k",
                "area": "HEALTH",
                "tasks": [{"title": "Buy shoes"}, {"title": "Run 5k"}],
            }
        },
    )
    goal_id = created["createGoal"]["id"]
    await ada.ok(
        "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id } }",
        {"i": {"goalId": goal_id, "taskId": await _first_task(ada, goal_id), "done": True}},
    )
    await ada.ok(
        "mutation($i: CreateHabitInput!) { createHabit(input: $i) { id } }",
        {"i": {"title": "Stretch"}},
    )
    page = offline_page.page
    await page.goto(f"{lifegraph}/")
    # The sign-up and sign-in screen first.
    await expect(page.get_by_role("form", name="Sign up")).to_be_visible()
    failures: dict[str, list[dict[str, Any]]] = {}
    if low := await _low_contrast(page):
        failures["sign-in"] = low
    await _sign_in(page, f"ada-{id(ada)}@example.com")
    await expect(page.get_by_role("listitem", name="Run a 10k")).to_be_visible()
    for name in ("Home", "Today", "Goals", "Calendar", "Community", "Insights", "Settings"):
        await page.get_by_role("link", name=name, exact=True).click()
        await expect(page.get_by_role("link", name=name, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        # Whatever is still loading shows a status; wait for it to settle.
        await expect(page.get_by_role("status")).to_have_count(0, timeout=15_000)
        if low := await _low_contrast(page):
            failures[name] = low
    assert failures == {}
    await _quiet(offline_page)


async def _first_task(client: Client, goal_id: str) -> str:
    found = await client.ok("query($id: ID!) { goal(id: $id) { tasks { id } } }", {"id": goal_id})
    task_id: str = found["goal"]["tasks"][0]["id"]
    return task_id
