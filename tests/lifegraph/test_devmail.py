"""`/dev/mail` on the embedded app: mails with clickable links, escaped, and only locally."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from common.mail import DevMailbox
from common.settings import Settings
from lifegraph.embedded import create_embedded_app

LINK = "http://127.0.0.1:4000/verify-email?token=tok-77&next=1"
HOSTILE = '<script>alert("x")</script>'


async def _get(settings: Settings, path: str) -> httpx.Response:
    app = create_embedded_app(settings, {}, supergraph_sdl=None)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get(path)


async def test_the_list_links_to_each_mail_and_the_mail_links_are_anchors(tmp_path: Path) -> None:
    settings = Settings(environment="development", data_dir=tmp_path)
    mailbox = DevMailbox(settings)
    await mailbox.send(
        to="ada@example.org",
        subject=f"Confirm {HOSTILE}",
        text=f"Confirm: {LINK}\nBody {HOSTILE} and javascript:alert(1)\n",
    )

    listing = await _get(settings, "/dev/mail")
    assert listing.status_code == 200
    assert listing.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in listing.headers["content-security-policy"]
    assert "ada@example.org" in listing.text
    assert "<script>" not in listing.text
    (href,) = re.findall(r'href="(/dev/mail/[^"]+)"', listing.text)

    page = await _get(settings, href)
    assert page.status_code == 200
    escaped = LINK.replace("&", "&amp;")
    assert f'<a href="{escaped}">{escaped}</a>' in page.text
    assert "<script>" not in page.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page.text
    # Only http(s) URLs turn into anchors.
    assert page.text.count("<a href=") == 2  # the link and "All mail"


async def test_an_unknown_mail_is_404(tmp_path: Path) -> None:
    settings = Settings(environment="development", data_dir=tmp_path)
    assert (await _get(settings, "/dev/mail")).status_code == 200
    assert (await _get(settings, "/dev/mail/20260101T000000000000Z-00000000")).status_code == 404


async def test_no_dev_mail_page_in_production(tmp_path: Path) -> None:
    development = Settings(environment="development", data_dir=tmp_path)
    await DevMailbox(development).send(to="ada@example.org", subject="Hi", text="Hi.")
    (mail,) = (tmp_path / "mail").glob("*.eml")

    production = development.model_copy(update={"environment": "production"})
    assert (await _get(production, "/dev/mail")).status_code == 404
    assert (await _get(production, f"/dev/mail/{mail.stem}")).status_code == 404
