"""`/dev/mail`: the development mailbox as plain pages, so links in mails are one click away.

Served by `lifegraph up` in development and test only: the mails hold live reset and
verification links. Everything from a mail is HTML-escaped; only http(s) URLs become
anchors.
"""

from __future__ import annotations

import asyncio
from html import escape
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from common.settings import CommonSettings
from lifegraph.mailbox import DevMail, DevMailboxReader, split_links

# No scripts, styles or frames: the page is markup and links.
_HEADERS = {
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "cache-control": "no-store",
}


def dev_mail_routes(settings: CommonSettings) -> list[BaseRoute]:
    """The `/dev/mail` routes in development and test; none elsewhere (so they 404)."""
    if not settings.local_environment:
        return []
    mailbox = DevMailboxReader(settings.data_dir)

    async def index(_: Request) -> Response:
        mails = await asyncio.to_thread(mailbox.list)
        return _page("Development mail", _list(mails, mailbox.directory))

    async def message(request: Request) -> Response:
        mail = await asyncio.to_thread(mailbox.get, request.path_params["mail_id"])
        if mail is None:
            return _page("No such mail", "<p>No such mail.</p>", status_code=404)
        return _page(mail.subject, _message(mail))

    return [
        Route("/dev/mail", index, methods=["GET", "HEAD"]),
        Route("/dev/mail/{mail_id}", message, methods=["GET", "HEAD"]),
    ]


def _list(mails: list[DevMail], directory: Path) -> str:
    if not mails:
        return f"<p>No mail yet in <code>{escape(str(directory))}</code>.</p>"
    rows = "".join(
        f"<tr><td>{mail.received:%Y-%m-%d %H:%M:%S}</td><td>{escape(mail.to)}</td>"
        f'<td><a href="/dev/mail/{escape(mail.id)}">{escape(mail.subject) or "(no subject)"}'
        "</a></td></tr>"
        for mail in mails
    )
    return (
        f"<p>Newest first, from <code>{escape(str(directory))}</code>.</p>"
        "<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _message(mail: DevMail) -> str:
    body = "".join(
        f'<a href="{escape(piece)}">{escape(piece)}</a>' if is_link else escape(piece)
        for piece, is_link in split_links(mail.text)
    )
    return (
        '<p><a href="/dev/mail">All mail</a></p><dl>'
        f"<dt>Received</dt><dd>{mail.received:%Y-%m-%d %H:%M:%S} UTC</dd>"
        f"<dt>From</dt><dd>{escape(mail.sender)}</dd>"
        f"<dt>To</dt><dd>{escape(mail.to)}</dd>"
        f"</dl><pre>{body}</pre>"
    )


def _page(title: str, content: str, *, status_code: int = 200) -> HTMLResponse:
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        f"<body><h1>{escape(title)}</h1>{content}</body></html>"
    )
    return HTMLResponse(html, status_code=status_code, headers=_HEADERS)
