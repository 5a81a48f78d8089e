"""Validation of what clients send: bounded text, safe attachments, well-formed ids."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from common import validation
from common.errors import BadUserInput
from subgraphs.chat.models import Attachment

MAX_TEXT = 4000
MAX_TITLE = 100
MAX_GROUP_MEMBERS = 256
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
MAX_URL = 2048
MAX_ATTACHMENT_IDS = 10
_USER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_CLIENT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_MIME = re.compile(r"^[a-z]+/[a-z0-9][a-z0-9.+-]{0,100}$")


@dataclass(frozen=True, slots=True)
class AttachmentInput:
    url: str
    mime_type: str
    size_bytes: int
    name: str | None = None


def message_text(text: str, *, has_attachment: bool) -> str:
    cleaned = text.strip()
    if not cleaned and not has_attachment:
        raise BadUserInput("A message needs text or an attachment.", field="text")
    if len(cleaned) > MAX_TEXT:
        raise BadUserInput(f"A message is at most {MAX_TEXT} characters.", field="text")
    return cleaned


def attachment(value: AttachmentInput | None) -> Attachment | None:
    if value is None:
        return None
    parts = urlsplit(value.url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(value.url) > MAX_URL:
        raise BadUserInput(
            "An attachment URL must be an http(s) URL with a host.", field="attachment.url"
        )
    mime = value.mime_type.strip().lower()
    if not _MIME.match(mime):
        raise BadUserInput("The MIME type is not valid.", field="attachment.mimeType")
    if not 0 < value.size_bytes <= MAX_ATTACHMENT_BYTES:
        raise BadUserInput(
            f"An attachment is 1 byte to {MAX_ATTACHMENT_BYTES} bytes.",
            field="attachment.sizeBytes",
        )
    name = value.name.strip() if value.name else None
    if name is not None and len(name) > 255:
        raise BadUserInput("An attachment name is at most 255 characters.", field="attachment.name")
    return Attachment(url=value.url, mime_type=mime, size_bytes=value.size_bytes, name=name or None)


def client_message_id(value: str | None) -> str | None:
    if value is None:
        return None
    if not _CLIENT_ID.match(value):
        raise BadUserInput(
            "clientMessageId is 1-64 letters, digits or _ . : -", field="clientMessageId"
        )
    return value


def user_id(value: str, *, field: str = "userId") -> str:
    if not _USER_ID.match(value):
        raise BadUserInput("That is not a valid user id.", field=field)
    return value


def user_ids(values: Sequence[str], *, field: str = "userIds") -> list[str]:
    # Refused before each id is looked at: a list far past any group is not read through.
    validation.items(values, field=field, max_items=MAX_GROUP_MEMBERS)
    unique = list(dict.fromkeys(user_id(v, field=field) for v in values))
    if len(unique) > MAX_GROUP_MEMBERS:
        raise BadUserInput(f"A group has at most {MAX_GROUP_MEMBERS} members.", field=field)
    return unique


def title(value: str) -> str:
    cleaned = value.strip()
    if not 0 < len(cleaned) <= MAX_TITLE:
        raise BadUserInput(f"A title is 1 to {MAX_TITLE} characters.", field="title")
    return cleaned


def attachment_ids(values: Sequence[str]) -> list[str]:
    validation.items(values, field="attachmentIds", max_items=MAX_ATTACHMENT_IDS)
    return [v.strip() for v in values]
