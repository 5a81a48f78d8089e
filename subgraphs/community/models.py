"""Community documents. Counters live on the documents they count and move only by `$inc`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from beanie import Document
from pydantic import Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from common.media_refs import MEDIA_REF_INDEXES, MediaRef


def utc_now() -> datetime:
    return datetime.now(UTC)


class Category(StrEnum):
    HEALTH = "health"
    FINANCE = "finance"
    FAMILY = "family"
    CAREER = "career"
    LEARNING = "learning"
    CREATIVITY = "creativity"
    GENERAL = "general"


class Privacy(StrEnum):
    PUBLIC = "public"
    FOLLOWERS = "followers"
    PRIVATE = "private"


class ContentStatus(StrEnum):
    PUBLISHED = "published"
    # Caught by the word filter, waiting for a moderator; visible to its author only.
    HELD = "held"
    HIDDEN = "hidden"
    REMOVED = "removed"


class Post(Document):
    author_id: str
    text: str
    category: Category
    media_urls: list[str] = Field(default_factory=list)
    # Verified uploads (media subgraph ids), attached when the post was written.
    media_ids: list[str] = Field(default_factory=list)
    goal_id: str | None = None
    status: ContentStatus = ContentStatus.PUBLISHED
    # Copied from the author's profile so feeds filter privacy inside one query;
    # the users.user.updated consumer rewrites it on every post of the author.
    author_privacy: Privacy = Privacy.PUBLIC
    like_count: int = 0
    comment_count: int = 0
    # Trending: log10(1 + likes + 2 * comments) + created_epoch_seconds / 45000.
    # `age_base` is the second term, fixed at creation; see docs/community.md.
    age_base: float = 0.0
    hot_score: float = 0.0
    search_terms: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)
    edited_at: datetime | None = None
    # Set by every like, comment and save: each of those writes the post, so a
    # concurrent delete conflicts with it instead of leaving orphans behind.
    activity_at: datetime | None = None

    class Settings:
        name = "posts"
        indexes = [
            IndexModel([("author_id", ASCENDING), ("_id", DESCENDING)]),
            IndexModel([("status", ASCENDING), ("category", ASCENDING), ("_id", DESCENDING)]),
            IndexModel(
                [
                    ("status", ASCENDING),
                    ("author_privacy", ASCENDING),
                    ("hot_score", DESCENDING),
                    ("_id", DESCENDING),
                ]
            ),
            IndexModel([("goal_id", ASCENDING), ("_id", DESCENDING)]),
            IndexModel([("search_terms", ASCENDING), ("_id", DESCENDING)]),
        ]


class Comment(Document):
    post_id: str
    post_author_id: str
    author_id: str
    # None for a top-level comment; replies always point at a top-level comment.
    parent_id: str | None = None
    text: str
    status: ContentStatus = ContentStatus.PUBLISHED
    created_at: datetime = Field(default_factory=utc_now)
    edited_at: datetime | None = None
    # Top-level comments only: set whenever a reply is added, changed or deleted,
    # so thread changes and moderation of the thread conflict (exact counts).
    thread_touched_at: datetime | None = None

    class Settings:
        name = "comments"
        indexes = [
            IndexModel([("post_id", ASCENDING), ("parent_id", ASCENDING), ("_id", ASCENDING)]),
            IndexModel([("parent_id", ASCENDING), ("_id", ASCENDING)]),
            IndexModel([("author_id", ASCENDING)]),
        ]


class Like(Document):
    post_id: str
    user_id: str
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "likes"
        indexes = [
            IndexModel([("post_id", ASCENDING), ("user_id", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING)]),
        ]


class Save(Document):
    post_id: str
    user_id: str
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "saves"
        indexes = [
            IndexModel([("user_id", ASCENDING), ("post_id", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("_id", DESCENDING)]),
            IndexModel([("post_id", ASCENDING)]),
        ]


class Follow(Document):
    follower_id: str
    followee_id: str
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "follows"
        indexes = [
            IndexModel([("follower_id", ASCENDING), ("followee_id", ASCENDING)], unique=True),
            IndexModel([("followee_id", ASCENDING), ("_id", DESCENDING)]),
            IndexModel([("follower_id", ASCENDING), ("_id", DESCENDING)]),
        ]


class Block(Document):
    blocker_id: str
    blocked_id: str
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "blocks"
        indexes = [
            IndexModel([("blocker_id", ASCENDING), ("blocked_id", ASCENDING)], unique=True),
            IndexModel([("blocked_id", ASCENDING)]),
        ]


class Profile(Document):
    """This subgraph's projection of a user: privacy, name for search, social counters."""

    user_id: str
    display_name: str = ""
    privacy: Privacy = Privacy.PUBLIC
    search_terms: list[str] = Field(default_factory=list)
    follower_count: int = 0
    following_count: int = 0
    warning_count: int = 0
    # Time of the users event last applied: older redeliveries are ignored.
    synced_at: datetime | None = None
    # A tombstone: a deleted user's late events must not bring the profile back.
    deleted: bool = False
    # Bumped by every write this user makes (and by blocks involving them): two
    # transactions about one user always conflict, so an erasure, a block or a
    # privacy change never slips past a concurrent write (no write skew).
    write_seq: int = 0

    class Settings:
        name = "profiles"
        indexes = [
            IndexModel([("user_id", ASCENDING)], unique=True),
            IndexModel([("search_terms", ASCENDING), ("_id", DESCENDING)]),
        ]


class GoalRef(Document):
    """This subgraph's projection of a goal, from the goals subgraph's events."""

    goal_id: str
    owner_id: str
    title: str = ""
    visibility: Privacy = Privacy.PRIVATE
    # A tombstone: links to a deleted goal stay hidden and late events are ignored.
    deleted: bool = False
    # Time of the goals event last applied: older redeliveries are ignored.
    synced_at: datetime

    class Settings:
        name = "goal_refs"
        indexes = [
            IndexModel([("goal_id", ASCENDING)], unique=True),
            IndexModel([("owner_id", ASCENDING)]),
        ]


@dataclass(frozen=True, slots=True)
class GoalAccess:
    """Who may see a goal: the three fields of its `GoalRef` that every feed page checks.

    Built from the stored row without a beanie document: a page of posts reads one
    per linked goal, and validating whole documents was most of that read's cost.
    """

    owner_id: str
    visibility: Privacy
    deleted: bool

    @classmethod
    def of_row(cls, row: Mapping[str, Any]) -> GoalAccess:
        # The same defaults as `GoalRef`, whose writes made the row.
        return cls(
            owner_id=row["owner_id"],
            visibility=Privacy(row.get("visibility", Privacy.PRIVATE)),
            deleted=bool(row.get("deleted", False)),
        )


class TargetType(StrEnum):
    POST = "post"
    COMMENT = "comment"


class CaseStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class Report(Document):
    target_type: TargetType
    target_id: str
    reporter_id: str
    reason: str
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "reports"
        indexes = [
            IndexModel(
                [("target_type", ASCENDING), ("target_id", ASCENDING), ("reporter_id", ASCENDING)],
                unique=True,
            ),
            IndexModel([("reporter_id", ASCENDING)]),
        ]


class ModerationCase(Document):
    """One queue entry per reported or held piece of content, however many reports it got."""

    target_type: TargetType
    target_id: str
    target_author_id: str
    status: CaseStatus = CaseStatus.OPEN
    held: bool = False
    report_count: int = 0
    reasons: list[str] = Field(default_factory=list)
    opened_at: datetime = Field(default_factory=utc_now)
    resolved_at: datetime | None = None

    class Settings:
        name = "moderation_cases"
        indexes = [
            IndexModel([("target_type", ASCENDING), ("target_id", ASCENDING)], unique=True),
            IndexModel([("status", ASCENDING), ("_id", ASCENDING)]),
        ]


class ModerationActionKind(StrEnum):
    HIDE = "hide"
    REMOVE = "remove"
    RESTORE = "restore"
    WARN = "warn"


class ModerationAction(Document):
    """The audit log: append-only, kept even after the content or its author is gone."""

    moderator_id: str
    action: ModerationActionKind
    target_type: TargetType
    target_id: str
    target_author_id: str
    reason: str
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "moderation_actions"
        indexes = [
            IndexModel([("target_id", ASCENDING), ("_id", DESCENDING)]),
        ]


class CompletedMedia(MediaRef):
    """Completed POST_MEDIA uploads (`media.media.completed`), and the post each is on."""

    class Settings:
        name = "completed_media"
        indexes = MEDIA_REF_INDEXES


MODELS: list[type[Document]] = [
    Post,
    Comment,
    Like,
    Save,
    Follow,
    Block,
    Profile,
    GoalRef,
    Report,
    ModerationCase,
    ModerationAction,
    CompletedMedia,
]
