"""Reading the development mailbox that `common.mail.DevMailbox` writes: list, open, clear.

The mails carry live reset and verification links, so they are shown only to the
developer (the `lifegraph mail` command and the `/dev/mail` page), never logged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from common.mail import dev_mailbox_directory

# Only web links become clickable: a mail must not turn into a `javascript:` anchor.
LINK = re.compile(r"https?://[^\s<>\"']+")
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True, slots=True)
class DevMail:
    """One mail in the development mailbox; `id` is its file name without `.eml`."""

    id: str
    received: datetime
    sender: str
    to: str
    subject: str
    text: str


class DevMailboxReader:
    """The mails under `<data_dir>/mail`, newest first.

    >>> DevMailboxReader(settings.data_dir).list()[0].subject
    """

    def __init__(self, data_dir: Path) -> None:
        self.directory = dev_mailbox_directory(data_dir)

    def list(self) -> list[DevMail]:
        return [_read(path) for path in self._files()]

    def get(self, mail_id: str) -> DevMail | None:
        # Matched against the files present, never joined into a path: no traversal.
        return next((_read(p) for p in self._files() if p.stem == mail_id), None)

    def clear(self) -> int:
        files = list(self._files())
        for path in files:
            path.unlink(missing_ok=True)
        return len(files)

    def _files(self) -> Iterator[Path]:
        if not self.directory.is_dir():
            return iter(())
        # DevMailbox names files by a UTC stamp, so the name orders them by time.
        return iter(sorted(self.directory.glob("*.eml"), key=lambda p: p.name, reverse=True))


def split_links(text: str) -> Iterator[tuple[str, bool]]:
    """`text` in order as (piece, is_link) pairs, the links being http(s) URLs."""
    position = 0
    for found in LINK.finditer(text):
        if found.start() > position:
            yield text[position : found.start()], False
        yield found.group(), True
        position = found.end()
    if position < len(text):
        yield text[position:], False


def _read(path: Path) -> DevMail:
    message = BytesParser(_class=EmailMessage, policy=policy.default).parsebytes(path.read_bytes())
    body = message.get_body(("plain",))
    return DevMail(
        id=path.stem,
        received=_received(path),
        sender=str(message["From"] or ""),
        to=str(message["To"] or ""),
        subject=str(message["Subject"] or ""),
        text=body.get_content() if isinstance(body, EmailMessage) else "",
    )


def _received(path: Path) -> datetime:
    try:
        return datetime.strptime(path.stem.split("-", 1)[0], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        # A file dropped in by hand: its modification time will do.
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
