"""The chat subgraph's GraphQL object types, entities included."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated

import strawberry

from common.auth import sees_profile
from common.errors import Forbidden
from common.graphql.media import Media
from common.graphql.pagination import Connection, connection_from_page
from common.repository import PageRequest
from subgraphs.chat.domain import cursors
from subgraphs.chat.models import Attachment as AttachmentDoc
from subgraphs.chat.models import Conversation as ConversationDoc
from subgraphs.chat.models import ConversationKind as ConversationKindModel
from subgraphs.chat.models import Message as MessageDoc
from subgraphs.chat.models import MessageAuthor as MessageAuthorModel
from subgraphs.chat.models import ProfileCard
from subgraphs.chat.schema.context import Info, loader, viewer_id
from subgraphs.chat.schema.proposals import CoachProposal
from subgraphs.chat.service.live import (
    ConversationSignal,
    MessageSignal,
    ReadSignal,
    TypingSignal,
)


@strawberry.enum(description="What a conversation is.")
class ConversationKind(Enum):
    DIRECT = strawberry.enum_value(ConversationKindModel.DIRECT, description="Two users.")
    GROUP = strawberry.enum_value(
        ConversationKindModel.GROUP, description="Several users, managed by admins."
    )
    COACH = strawberry.enum_value(
        ConversationKindModel.COACH, description="A user and their AI coach."
    )


@strawberry.enum(description="Who wrote a message.")
class MessageAuthor(Enum):
    USER = strawberry.enum_value(MessageAuthorModel.USER, description="A user (see `sender`).")
    COACH = strawberry.enum_value(MessageAuthorModel.COACH, description="The AI coach.")


@strawberry.enum(description="Why a conversation changed.")
class ConversationUpdateReason(Enum):
    CREATED = strawberry.enum_value("created", description="It was created with you in it.")
    MESSAGE = strawberry.enum_value("message", description="A message was added.")
    READ = strawberry.enum_value("read", description="Your read position moved.")
    MEMBERS = strawberry.enum_value("members", description="Its members or admins changed.")
    REMOVED = strawberry.enum_value("removed", description="You are no longer a member.")


@strawberry.type(description="A file attached to a message (stored elsewhere, referenced here).")
class Attachment:
    url: str = strawberry.field(description="Where the file is (http or https).")
    mime_type: str = strawberry.field(description="The file's MIME type.")
    size_bytes: int = strawberry.field(description="The file's size in bytes.")
    name: str | None = strawberry.field(description="The file name to show, if any.")

    @classmethod
    def from_doc(cls, doc: AttachmentDoc) -> Attachment:
        return cls(url=doc.url, mime_type=doc.mime_type, size_bytes=doc.size_bytes, name=doc.name)


@strawberry.federation.type(keys=["id"], description="A LifeGraph user (owned by users).")
class User:
    id: strawberry.ID = strawberry.field(description="The user's id.")
    # Set where chat provides the card fields (`Message.sender`, `TypingIndicator.user`).
    card: strawberry.Private[ProfileCard | None] = None
    # Whether the viewer may see the card's avatar, decided where the card is attached.
    avatar_visible: strawberry.Private[bool] = False

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> User:
        return cls(id=id)

    @strawberry.federation.field(
        external=True, description="Name shown to other members (owned by users)."
    )
    def display_name(self) -> str:
        return _card(self).display_name

    @strawberry.federation.field(
        external=True, description="URL of the avatar image; null if hidden or unset."
    )
    def avatar_url(self) -> str | None:
        card = _card(self)
        return card.avatar_url if self.avatar_visible else None

    @strawberry.field(description="Your conversations, most recently active first (only your own).")
    async def conversations(
        self,
        info: Info,
        first: Annotated[int, strawberry.argument(description="Page size, 1-100.")] = 20,
        after: Annotated[
            str | None, strawberry.argument(description="`endCursor` of the previous page.")
        ] = None,
    ) -> Connection[Conversation]:
        viewer = await _self_only(info, str(self.id))
        page = await info.context.services.conversations.conversations_of(
            viewer, PageRequest(first, after)
        )
        return connection_from_page(page, Conversation.from_doc)

    @strawberry.field(description="Unread messages across all your conversations (only your own).")
    async def unread_total(self, info: Info) -> int:
        viewer = await _self_only(info, str(self.id))
        return await info.context.services.reads.unread_total(viewer)


async def _with_card(info: Info, card: ProfileCard) -> User:
    # The rule users applies to its own field, so both answer alike.
    visible = sees_profile(await info.context.viewer(), card.user_id, card.privacy)
    return User(id=strawberry.ID(card.user_id), card=card, avatar_visible=visible)


def _card(user: User) -> ProfileCard:
    if user.card is None:
        # The router asks chat for these fields only where chat provides them, and
        # those always carry a card; anything else is a bug in planning or in chat.
        raise RuntimeError(f"no card for user {user.id} where none is provided")
    return user.card


async def _self_only(info: Info, user_id: str) -> str:
    viewer = await viewer_id(info)
    if viewer != user_id:
        raise Forbidden("You can only see your own conversations.")
    return viewer


@strawberry.federation.type(keys=["id"], description="A chat message.")
class Message:
    id: strawberry.ID = strawberry.field(description="The message's id.")
    conversation_id: strawberry.ID = strawberry.field(description="Its conversation.")
    author: MessageAuthor = strawberry.field(description="Whether a user or the coach wrote it.")
    text: str = strawberry.field(description="The text; empty once deleted.")
    attachment: Attachment | None = strawberry.field(description="An attached file, if any.")
    client_message_id: str | None = strawberry.field(
        description="The id the sending client chose to make its send idempotent."
    )
    reply_to: strawberry.ID | None = strawberry.field(
        description="For coach replies: the message answered."
    )
    is_streaming: bool = strawberry.field(
        description="True while the coach is still writing this message."
    )
    created_at: datetime = strawberry.field(description="When it was sent (UTC).")
    edited_at: datetime | None = strawberry.field(description="When it was last edited.")
    deleted_at: datetime | None = strawberry.field(description="When its author deleted it.")
    cursor: str = strawberry.field(
        description="Its position in the history: pass as `after` to catch up from here."
    )
    proposal: CoachProposal | None = strawberry.field(
        description="For coach messages: what the coach offers to do, awaiting your answer."
    )
    transcript: str | None = strawberry.field(
        description="What its voice messages say, once transcribed; null without a "
        "transcription provider."
    )
    sender_id: strawberry.Private[str | None]
    attachment_ids: strawberry.Private[list[str]]
    # From a live signal: the sender's card as announced, read once for all subscribers
    # (None: the coach, or a sender chat does not know); else `sender` loads it.
    announced: strawberry.Private[tuple[ProfileCard | None] | None] = None

    @classmethod
    def from_signal(cls, signal: MessageSignal) -> Message:
        message = cls.from_doc(signal.message)
        if signal.announced:
            message.announced = (signal.sender,)
        return message

    @classmethod
    def from_doc(cls, doc: MessageDoc) -> Message:
        return cls(
            id=strawberry.ID(str(doc.id)),
            conversation_id=strawberry.ID(doc.conversation_id),
            author=MessageAuthor(doc.author),
            text=doc.text,
            attachment=Attachment.from_doc(doc.attachment) if doc.attachment else None,
            client_message_id=doc.client_message_id,
            reply_to=strawberry.ID(doc.reply_to) if doc.reply_to else None,
            is_streaming=doc.streaming,
            created_at=doc.created_at,
            edited_at=doc.edited_at,
            deleted_at=doc.deleted_at,
            cursor=cursors.encode(doc.seq),
            proposal=CoachProposal.from_doc(doc.proposal) if doc.proposal else None,
            sender_id=doc.sender_id,
            transcript=doc.transcript,
            attachment_ids=doc.attachment_ids,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Message | None:
        viewer = await viewer_id(info)
        messages = info.context.services.messages
        doc = await loader(
            info, "chat.message", lambda ids: messages.visible_messages(viewer, ids)
        ).load(str(id))
        return cls.from_doc(doc) if doc else None

    @strawberry.field(
        description="Uploaded files and voice messages (completeUpload), in order; a file "
        "already removed is null. On a coach reply to a voice message: the reply spoken "
        "(a VOICE_MESSAGE with its durationSeconds), added a moment after the text when a "
        "speech provider is configured. Media signs their URLs for the conversation's "
        "members only."
    )
    def attachments(self) -> list[Media | None]:
        return [Media(id=strawberry.ID(media_id)) for media_id in self.attachment_ids]

    @strawberry.field(description="Whether its author deleted it.")
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @strawberry.federation.field(
        provides=["displayName avatarUrl"],
        description=(
            "Who sent it; null for the coach and for deleted accounts. `displayName` and"
            " `avatarUrl` come with the message; other fields from the users subgraph."
        ),
    )
    async def sender(self, info: Info) -> User | None:
        if self.sender_id is None:
            return None
        if self.announced is not None:
            card = self.announced[0]
        else:
            profiles = info.context.services.profiles
            card = await loader(info, "chat.profile", profiles.cards).load(self.sender_id)
        return await _with_card(info, card) if card else None


@strawberry.type(description="How far a member has read.")
class ReadReceipt:
    user: User = strawberry.field(description="The member.")
    last_read_message_id: strawberry.ID | None = strawberry.field(
        description="The newest message they have read; null when none yet."
    )
    read_at: datetime | None = strawberry.field(description="When they read it.")

    @classmethod
    def from_signal(cls, signal: ReadSignal) -> ReadReceipt:
        return cls(
            user=User(id=strawberry.ID(signal.user_id)),
            last_read_message_id=strawberry.ID(signal.message_id),
            read_at=signal.at,
        )


@strawberry.federation.type(keys=["id"], description="A conversation: direct, group or coach.")
class Conversation:
    id: strawberry.ID = strawberry.field(description="The conversation's id.")
    kind: ConversationKind = strawberry.field(description="Direct, group or coach.")
    title: str | None = strawberry.field(description="A group's title; null for direct chats.")
    created_at: datetime = strawberry.field(description="When it was created (UTC).")
    last_activity_at: datetime = strawberry.field(description="When its last message was sent.")
    member_ids: strawberry.Private[list[str]]
    admin_ids: strawberry.Private[list[str]]
    last_message_id: strawberry.Private[str | None]

    @classmethod
    def from_doc(cls, doc: ConversationDoc) -> Conversation:
        return cls(
            id=strawberry.ID(str(doc.id)),
            kind=ConversationKind(doc.kind),
            title=doc.title,
            created_at=doc.created_at,
            last_activity_at=doc.last_activity_at,
            member_ids=doc.member_ids,
            admin_ids=doc.admin_ids,
            last_message_id=doc.last_message_id,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Conversation | None:
        viewer = await viewer_id(info)
        conversations = info.context.services.conversations
        doc = await loader(
            info, "chat.conversation", lambda ids: conversations.visible_conversations(viewer, ids)
        ).load(str(id))
        return cls.from_doc(doc) if doc else None

    @strawberry.field(description="Its members.")
    def members(self) -> list[User]:
        return [User(id=strawberry.ID(m)) for m in self.member_ids]

    @strawberry.field(description="Members who may add and remove members (groups only).")
    def admins(self) -> list[User]:
        return [User(id=strawberry.ID(a)) for a in self.admin_ids]

    @strawberry.field(description="The newest message, if any.")
    async def last_message(self, info: Info) -> Message | None:
        if self.last_message_id is None:
            return None
        messages = info.context.services.messages
        doc = await loader(info, "chat.last_message", messages.get_many).load(self.last_message_id)
        return Message.from_doc(doc) if doc else None

    @strawberry.field(description="Messages from others you have not read yet.")
    async def unread_count(self, info: Info) -> int:
        viewer = await viewer_id(info)
        reads = info.context.services.reads
        count = await loader(
            info, "chat.unread", lambda ids: reads.unread_counts(viewer, ids)
        ).load(str(self.id))
        return count or 0

    @strawberry.field(description="How far each member has read.")
    async def read_receipts(self, info: Info) -> list[ReadReceipt]:
        states = await info.context.services.reads.read_receipts(str(self.id))
        return [
            ReadReceipt(
                user=User(id=strawberry.ID(s.user_id)),
                last_read_message_id=(
                    strawberry.ID(s.last_read_message_id) if s.last_read_message_id else None
                ),
                read_at=s.read_at,
            )
            for s in states
        ]


@strawberry.type(description="Someone started or stopped typing.")
class TypingIndicator:
    conversation_id: strawberry.ID = strawberry.field(description="Where they are typing.")
    is_typing: bool = strawberry.field(description="True when they started, false when stopped.")
    at: datetime = strawberry.field(description="When (UTC).")
    card: strawberry.Private[ProfileCard]

    @classmethod
    def from_signal(cls, signal: TypingSignal) -> TypingIndicator:
        return cls(
            conversation_id=strawberry.ID(signal.conversation_id),
            is_typing=signal.is_typing,
            at=signal.at,
            card=signal.user,
        )

    @strawberry.federation.field(
        provides=["displayName avatarUrl"],
        description=(
            "Who is typing. `displayName` and `avatarUrl` come with the indicator;"
            " other fields from the users subgraph."
        ),
    )
    async def user(self, info: Info) -> User:
        return await _with_card(info, self.card)


@strawberry.type(description="One of your conversations changed.")
class ConversationUpdate:
    conversation_id: strawberry.ID = strawberry.field(description="The conversation.")
    reason: ConversationUpdateReason = strawberry.field(description="What changed.")

    @classmethod
    def from_signal(cls, signal: ConversationSignal) -> ConversationUpdate:
        return cls(
            conversation_id=strawberry.ID(signal.conversation_id),
            reason=ConversationUpdateReason(signal.reason),
        )

    @strawberry.field(description="The conversation as it is now; null once you are not a member.")
    async def conversation(self, info: Info) -> Conversation | None:
        viewer = await viewer_id(info)
        found = await info.context.services.conversations.visible_conversations(
            viewer, [str(self.conversation_id)]
        )
        doc = found.get(str(self.conversation_id))
        return Conversation.from_doc(doc) if doc else None
