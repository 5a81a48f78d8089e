"""Media storage: one document per upload, from its presigned URL to its verified object."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from beanie import Document
from pymongo import ASCENDING, IndexModel

from subgraphs.media.domain.purposes import Purpose


class MediaState(StrEnum):
    PENDING = "PENDING"  # URL handed out, object not verified yet
    READY = "READY"  # verified, cleaned, thumbnailed


class StoredMedia(Document):
    owner_id: str
    purpose: Purpose
    state: MediaState = MediaState.PENDING
    declared_type: str
    # The sniffed type, once verified.
    content_type: str | None = None
    byte_size: int
    checksum_sha256: str  # hex, as the client declared it
    width: int | None = None
    height: int | None = None
    # Audio: its length, read from the container (None where unreadable, e.g. WebM).
    duration_seconds: float | None = None
    # Voice messages: the provider's transcript, once made (docs/media.md).
    transcript: str | None = None
    # Storage key per size ("ORIGINAL", "SMALL", "MEDIUM").
    keys: dict[str, str] = {}
    created_at: datetime
    upload_expires_at: datetime
    completed_at: datetime | None = None
    # The conversation a chat upload was sent in (`chat.message.attached`): its members
    # may read it. None: not attached to a message (yet).
    conversation_id: str | None = None

    class Settings:
        name = "media"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("created_at", ASCENDING)]),
            IndexModel([("state", ASCENDING), ("created_at", ASCENDING)]),
        ]


class ConversationReaders(Document):
    """Who may read a conversation's attachments: its members, from chat's events."""

    conversation_id: str
    member_ids: list[str]
    # Time of the chat event applied: an older one arriving late changes nothing.
    as_of: datetime

    class Settings:
        name = "conversation_readers"
        indexes = [IndexModel([("conversation_id", ASCENDING)], unique=True)]


MODELS: list[type[Document]] = [StoredMedia, ConversationReaders]
