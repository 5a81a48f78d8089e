"""The chat subgraph's documents: conversations, messages, read state, senders' cards and the
coach's memory."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from beanie import Document
from pydantic import BaseModel, Field
from pymongo import ASCENDING, DESCENDING, IndexModel

from common.events.catalog import LifeArea, Privacy
from common.media_refs import MEDIA_REF_INDEXES, MediaRef


def utcnow() -> datetime:
    return datetime.now(UTC)


class ConversationKind(StrEnum):
    DIRECT = "direct"
    GROUP = "group"
    COACH = "coach"


class Conversation(Document):
    kind: ConversationKind
    # DIRECT: "direct:<a>:<b>" with the pair sorted; COACH: "coach:<user>"; GROUP: "group:<uuid>".
    # One unique index on it makes "one direct conversation per pair" hold under races.
    unique_key: str
    title: str | None = None
    member_ids: list[str]
    admin_ids: list[str] = Field(default_factory=list)
    created_by: str
    # Messages take their position from this counter, $inc'ed in the transaction that
    # inserts them: a total order per conversation, committed in that order.
    last_seq: int = 0
    last_message_id: str | None = None
    last_message_seq: int = 0
    last_activity_at: datetime = Field(default_factory=utcnow)
    created_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "conversations"
        indexes = [
            IndexModel([("unique_key", ASCENDING)], unique=True),
            IndexModel([("member_ids", ASCENDING), ("last_activity_at", DESCENDING)]),
        ]


class Attachment(BaseModel):
    url: str
    mime_type: str
    size_bytes: int
    name: str | None = None


class MessageAuthor(StrEnum):
    USER = "user"
    COACH = "coach"


class ProposalKind(StrEnum):
    """One per coach tool (`coach/tools.py`)."""

    GOAL = "goal"
    CHECK_IN = "check_in"
    TRACKER_ENTRY = "tracker_entry"
    GOAL_PROGRESS = "goal_progress"
    TASK_DONE = "task_done"
    SCHEDULE = "schedule"


class ProposalStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    EXPIRED = "expired"


class CoachProposal(BaseModel):
    """Something the coach offers to do, done only once the user confirms it.

    Kept on the coach's message so the offer and its fate travel with it (history,
    `messageUpdated`). A pending proposal past `expires_at` is expired: it reads as
    EXPIRED and can no longer be confirmed.
    """

    # Derived from the question answered: a re-run after a crash proposes the same thing.
    id: str
    kind: ProposalKind
    title: str | None = None
    area: LifeArea | None = None
    # ISO dates, like `CoachGoal`'s.
    due_date: str | None = None
    habit: str | None = None
    day: str | None = None
    # The user's habit, checked against the coach's context when proposed (None on
    # check-ins proposed before check-ins went to goals: those stay coach memory).
    habit_id: str | None = None
    # TRACKER_ENTRY: a goals tracker metric, its value and (spending) currency.
    metric: str | None = None
    value: float | None = None
    currency: str | None = None
    # GOAL_PROGRESS: the user's goal (its title in `title`) and the new percentage;
    # SCHEDULE: the goal a block is for, if any.
    goal_id: str | None = None
    progress: int | None = None
    # TASK_DONE: the user's standalone task (its title in `title`).
    task_id: str | None = None
    # SCHEDULE: a calendar block (`title`), or a focus block when `focus`.
    starts_at: datetime | None = None
    duration_minutes: int | None = None
    focus: bool = False
    status: ProposalStatus = ProposalStatus.PENDING
    expires_at: datetime
    decided_at: datetime | None = None

    def status_at(self, now: datetime) -> ProposalStatus:
        """The status as of `now`: a pending proposal past its time has expired."""
        if self.status is ProposalStatus.PENDING and self.expires_at <= now:
            return ProposalStatus.EXPIRED
        return self.status


class Message(Document):
    conversation_id: str
    seq: int
    author: MessageAuthor = MessageAuthor.USER
    # None for the coach.
    sender_id: str | None
    text: str
    attachment: Attachment | None = None
    # Verified uploads (media subgraph ids): files and voice messages.
    attachment_ids: list[str] = Field(default_factory=list)
    # What its voice messages say (`media.voice.transcribed`); None until transcribed,
    # and for good without a transcription provider.
    transcript: str | None = None
    # The keyword index of its text and transcript (`common.search`; no `$text`).
    search_terms: list[str] = Field(default_factory=list)
    client_message_id: str | None = None
    # The user message a coach reply answers.
    reply_to: str | None = None
    streaming: bool = False
    # What the coach offers to do in this message (coach messages only).
    proposal: CoachProposal | None = None
    created_at: datetime = Field(default_factory=utcnow)
    edited_at: datetime | None = None
    deleted_at: datetime | None = None

    class Settings:
        name = "messages"
        indexes = [
            # History pages by seq alone; unique, so no two messages ever share a position.
            IndexModel(
                [("conversation_id", ASCENDING), ("seq", DESCENDING)],
                unique=True,
                name="conversation_seq",
            ),
            # Idempotent sends: a retry with the same client id can never insert a second row.
            IndexModel(
                [
                    ("conversation_id", ASCENDING),
                    ("sender_id", ASCENDING),
                    ("client_message_id", 1),
                ],
                unique=True,
                partialFilterExpression={"client_message_id": {"$type": "string"}},
                name="idempotent_send",
            ),
            IndexModel([("sender_id", ASCENDING)]),
            IndexModel(
                [
                    ("conversation_id", ASCENDING),
                    ("search_terms", ASCENDING),
                    ("_id", DESCENDING),
                ],
                name="conversation_search",
            ),
            # Confirm and decline find the message by its proposal's id.
            IndexModel(
                [("proposal.id", ASCENDING)],
                unique=True,
                partialFilterExpression={"proposal.id": {"$type": "string"}},
                name="proposal_id",
            ),
        ]


class ReadState(Document):
    conversation_id: str
    user_id: str
    last_read_seq: int = 0
    last_read_message_id: str | None = None
    read_at: datetime | None = None

    class Settings:
        name = "read_states"
        indexes = [
            IndexModel([("conversation_id", ASCENDING), ("user_id", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING)]),
        ]


class ProfileCard(BaseModel):
    """What chat shows of a user beside their messages: the fields `Message.sender`
    provides, and whether others may see the avatar."""

    user_id: str
    display_name: str
    avatar_url: str | None = None
    privacy: Privacy = "public"


class Profile(Document):
    """Chat's copy of a user's card, kept from users' events so a message reaches its
    subscribers with the sender's name without a call to users per subscriber."""

    user_id: str
    display_name: str
    avatar_url: str | None = None
    # Users' default for a new account: its registration event carries no privacy.
    privacy: Privacy = "public"
    # Time of the users event last applied, so an older redelivery changes nothing;
    # None while only the sender's own token introduced them.
    synced_at: datetime | None = None
    # A tombstone: a deleted user's late events must not bring the card back.
    deleted: bool = False

    class Settings:
        name = "profiles"
        indexes = [IndexModel([("user_id", ASCENDING)], unique=True)]

    def card(self) -> ProfileCard:
        return ProfileCard(
            user_id=self.user_id,
            display_name=self.display_name,
            avatar_url=self.avatar_url,
            privacy=self.privacy,
        )


class CoachGoal(Document):
    """A goal the coach asked the goals subgraph to create, and its id once created."""

    request_id: str
    user_id: str
    conversation_id: str
    title: str
    area: str
    # ISO dates: BSON has no date type, and a string sorts and compares the same.
    due_date: str | None = None
    goal_id: str | None = None
    requested_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "coach_goals"
        indexes = [
            IndexModel([("request_id", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("requested_at", DESCENDING)]),
        ]


class CoachCheckIn(Document):
    """A habit check-in the user told the coach about (the coach's own memory, not the habit)."""

    user_id: str
    habit: str
    day: str
    at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "coach_checkins"
        indexes = [
            IndexModel(
                [("user_id", ASCENDING), ("habit", ASCENDING), ("day", ASCENDING)], unique=True
            ),
        ]


class ContextGoal(Document):
    """One of the user's goals as goals announced it (`goals.goal.*`): what the coach
    may mention and act on. A deleted goal is a tombstone, so late events stay ignored."""

    user_id: str
    goal_id: str
    title: str = ""
    area: str = "learning"
    status: str = "active"
    progress: int = 0
    deleted: bool = False
    as_of: datetime | None = None

    class Settings:
        name = "coach_context_goals"
        indexes = [
            IndexModel([("goal_id", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("status", ASCENDING)]),
        ]


class ContextTask(Document):
    """One of the user's standalone tasks (`goals.todo_task.changed`); deleted: a tombstone."""

    user_id: str
    task_id: str
    title: str = ""
    completed: bool = False
    due_day: str | None = None
    deleted: bool = False
    as_of: datetime | None = None

    class Settings:
        name = "coach_context_tasks"
        indexes = [
            IndexModel([("task_id", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("completed", ASCENDING), ("due_day", ASCENDING)]),
        ]


class ContextHabit(Document):
    """One of the user's habits (`goals.habit.changed`) with its streaks as the last
    check-in event left them (`goals.habit.checked_in` / `check_in_undone`)."""

    user_id: str
    habit_id: str
    title: str = ""
    deleted: bool = False
    as_of: datetime | None = None
    current_streak: int = 0
    longest_streak: int = 0
    last_day: str | None = None
    streaks_as_of: datetime | None = None

    class Settings:
        name = "coach_context_habits"
        indexes = [
            IndexModel([("habit_id", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING)]),
        ]


class ContextCheckIn(Document):
    """A day a habit was checked in, kept for `CONTEXT_DAYS` so the coach sees recent ones."""

    user_id: str
    habit_id: str
    day: str

    class Settings:
        name = "coach_context_checkins"
        indexes = [
            IndexModel([("habit_id", ASCENDING), ("day", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING), ("day", ASCENDING)]),
        ]


class CoachReplyJob(Document):
    """A reply the coach owes: written with the user's message, deleted with the reply.

    A worker claims it by pushing `available_at` a lease ahead under a fresh
    `claim` token; a worker that dies leaves it to be claimed again once the
    lease lapses. Only the holder of the current claim may finish it.
    """

    user_id: str
    conversation_id: str
    message_id: str
    available_at: datetime
    claim: str | None = None
    attempts: int = 0
    created_at: datetime = Field(default_factory=utcnow)

    class Settings:
        name = "coach_reply_jobs"
        indexes = [
            IndexModel([("available_at", ASCENDING)]),
            IndexModel([("message_id", ASCENDING)], unique=True),
            IndexModel([("user_id", ASCENDING)]),
        ]


class CompletedMedia(MediaRef):
    """Completed chat uploads (`media.media.completed`), and the message each is on."""

    class Settings:
        name = "completed_media"
        indexes = MEDIA_REF_INDEXES


MODELS: list[type[Document]] = [
    Conversation,
    Message,
    ReadState,
    Profile,
    CoachGoal,
    CoachCheckIn,
    ContextGoal,
    ContextTask,
    ContextHabit,
    ContextCheckIn,
    CoachReplyJob,
    CompletedMedia,
]
