"""Media storage: one document per upload, from its presigned URL to its verified object."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from beanie import Document
from pymongo import ASCENDING, DESCENDING, IndexModel

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
    # The post a POST_MEDIA upload went out in (`community.post_media.changed`): the post's
    # audience may read it. None: not posted (yet), so its owner's alone.
    post_id: str | None = None

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


class ExportStatus(StrEnum):
    PENDING = "PENDING"  # parts still coming
    READY = "READY"  # the archive is stored and downloadable until `expires_at`
    FAILED = "FAILED"  # a part never came before the deadline
    EXPIRED = "EXPIRED"  # was READY; its download window closed (shown, never stored)


class ExportJob(Document):
    """A user's data export: the parts received from the subgraphs, then the archive."""

    owner_id: str
    status: ExportStatus = ExportStatus.PENDING
    include_media: bool = True
    # Subgraphs whose part arrived (common/export/keys.py, PARTS).
    parts: list[str] = []
    requested_at: datetime
    # Still PENDING past this, the job counts as FAILED and another may start.
    deadline: datetime
    ready_at: datetime | None = None
    expires_at: datetime | None = None
    archive_key: str | None = None
    byte_size: int | None = None
    # The owner's id while the job runs, None after: a unique index on it lets one
    # job per owner run, decided by the server even for concurrent requests.
    running: str | None = None
    # The archive and parts were deleted (past expiry or deadline); the row stays as history.
    purged: bool = False

    class Settings:
        name = "exports"
        indexes = [
            IndexModel([("owner_id", ASCENDING), ("requested_at", DESCENDING)]),
            IndexModel(
                [("running", ASCENDING)],
                unique=True,
                partialFilterExpression={"running": {"$type": "string"}},
            ),
        ]


class PostAudience(Document):
    """A post with media as community last told: its author and moderation status."""

    post_id: str
    author_id: str
    status: str  # community's: published, held, hidden, removed
    as_of: datetime

    class Settings:
        name = "post_audience"
        indexes = [IndexModel([("post_id", ASCENDING)], unique=True)]


class AuthorPrivacy(Document):
    """Who may see a member's posts (`users.user.updated`); no row: public, users' default."""

    user_id: str
    privacy: str  # public, followers, private
    as_of: datetime

    class Settings:
        name = "author_privacy"
        indexes = [IndexModel([("user_id", ASCENDING)], unique=True)]


class RelationKind(StrEnum):
    FOLLOW = "follow"  # from_id follows to_id
    BLOCK = "block"  # from_id blocked to_id


class Relation(Document):
    """A follow or a block, from community's events. Undone ones stay with `active` false,
    so an older event arriving late cannot bring them back."""

    kind: RelationKind
    from_id: str
    to_id: str
    active: bool
    as_of: datetime

    class Settings:
        name = "relations"
        indexes = [
            IndexModel(
                [("kind", ASCENDING), ("from_id", ASCENDING), ("to_id", ASCENDING)], unique=True
            ),
            IndexModel([("to_id", ASCENDING)]),
        ]


MODELS: list[type[Document]] = [
    StoredMedia,
    ConversationReaders,
    ExportJob,
    PostAudience,
    AuthorPrivacy,
    Relation,
]
