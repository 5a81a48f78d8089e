"""A real headless Chromium (Debian's package) driven by Playwright, with the internet cut off."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Page, Route, async_playwright, expect

# The whole system as `lifegraph up` runs it; shared with the e2e tests.
from tests.e2e.conftest import http, lifegraph, new_client  # noqa: F401

SCREENSHOTS = Path(__file__).parents[2] / ".artifacts" / "screenshots"
# Playwright's 5 s default is short for a whole system on a busy two-core CI machine;
# a wait that succeeds returns as soon as it does.
expect.set_options(timeout=15_000)
_CHROMIUM_NAMES = ("chromium", "chromium-browser")

# Collects what a page refused under its CSP, before any page script runs.
_WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def chromium_executable() -> str:
    for name in _CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "tests/browser need Debian's Chromium: apt-get install -y chromium "
        "(.ci/run installs it when missing). These tests do not skip.",
        pytrace=False,
    )


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        # Root in a container has no user namespaces for Chromium's sandbox.
        launched = await playwright.chromium.launch(
            executable_path=chromium_executable(), args=["--no-sandbox"]
        )
        try:
            yield launched
        finally:
            await launched.close()


@dataclass
class OfflinePage:
    """A page whose requests to anything but 127.0.0.1 are refused and remembered."""

    page: Page
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    async def csp_violations(self) -> list[str]:
        found: list[str] = await self.page.evaluate("window.__cspViolations")
        return found

    async def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        await self.page.screenshot(path=str(path))
        return path


@asynccontextmanager
async def open_offline_page(browser: Browser) -> AsyncIterator[OfflinePage]:
    """A page in a context of its own: its own storage, as another person's browser."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    offline = OfflinePage(page)

    async def only_loopback(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            await route.continue_()
        else:
            offline.blocked.append(route.request.url)
            await route.abort("internetdisconnected")

    await context.route("**/*", only_loopback)
    await context.add_init_script(_WATCH_CSP)
    page.on("console", lambda m: offline.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: offline.errors.append(str(e)))
    try:
        yield offline
    finally:
        await context.close()


@pytest.fixture
async def offline_page(browser: Browser) -> AsyncIterator[OfflinePage]:
    async with open_offline_page(browser) as offline:
        yield offline


@pytest.fixture
async def another_offline_page(browser: Browser) -> AsyncIterator[OfflinePage]:
    """A second person's browser next to `offline_page`'s."""
    async with open_offline_page(browser) as offline:
        yield offline
