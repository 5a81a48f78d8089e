"""Conversations, messages, read state and live streams: the chat domain, free of GraphQL."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from typing import Protocol

from pymongo.errors import DuplicateKeyError

from common.errors import BadUserInput, Conflict, Forbidden, NotFound
from common.events import Event, EventPublisher
from common.events.catalog import MessageSent
from common.repository import Page, PageRequest
from subgraphs.chat import inputs
from subgraphs.chat.live import (
    ConversationSignal,
    ConversationStreamSignal,
    LiveFeed,
    LiveStream,
    UpdateReason,
    conversation_channel,
    conversation_signals,
    user_channel,
    user_signals,
)
from subgraphs.chat.models import (
    Attachment,
    Conversation,
    ConversationKind,
    Message,
    MessageAuthor,
    ReadState,
    utcnow,
)
from subgraphs.chat.repository import (
    ConversationRepository,
    MessageRepository,
    ReadStateRepository,
)

log = logging.getLogger(__name__)

PREVIEW_CHARS = 140


class CoachInbox(Protocol):
    """Where user messages to the coach go to be answered (the coach service)."""

    def submit(self, conversation: Conversation, message: Message) -> None: ...


def direct_key(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"direct:{first}:{second}"


def coach_key(user_id: str) -> str:
    return f"coach:{user_id}"


class ChatService:
    def __init__(
        self,
        *,
        conversations: ConversationRepository,
        messages: MessageRepository,
        reads: ReadStateRepository,
        feed: LiveFeed,
        publisher: EventPublisher,
    ) -> None:
        self.conversations = conversations
        self.messages = messages
        self._reads = reads
        self._feed = feed
        self._publisher = publisher
        self.coach: CoachInbox | None = None

    # Conversations

    async def start_direct(self, viewer: str, other: str) -> Conversation:
        other = inputs.user_id(other)
        if other == viewer:
            raise BadUserInput("A direct conversation needs another user.", field="userId")
        return await self._create_unique(
            Conversation(
                kind=ConversationKind.DIRECT,
                unique_key=direct_key(viewer, other),
                member_ids=sorted((viewer, other)),
                created_by=viewer,
            )
        )

    async def open_coach(self, viewer: str) -> Conversation:
        existing = await self.conversations.get_by_key(coach_key(viewer))
        if existing is not None:
            return existing
        return await self._create_unique(
            Conversation(
                kind=ConversationKind.COACH,
                unique_key=coach_key(viewer),
                title="Coach",
                member_ids=[viewer],
                created_by=viewer,
            )
        )

    async def create_group(
        self, viewer: str, title: str, member_ids: Sequence[str]
    ) -> Conversation:
        others = [m for m in inputs.user_ids(member_ids, field="memberIds") if m != viewer]
        if not others:
            raise BadUserInput("A group needs at least one other member.", field="memberIds")
        if len(others) + 1 > inputs.MAX_GROUP_MEMBERS:
            raise BadUserInput("That group is too large.", field="memberIds")
        return await self._create_unique(
            Conversation(
                kind=ConversationKind.GROUP,
                unique_key=f"group:{uuid.uuid4().hex}",
                title=inputs.title(title),
                member_ids=[viewer, *others],
                admin_ids=[viewer],
                created_by=viewer,
            )
        )

    async def _create_unique(self, candidate: Conversation) -> Conversation:
        conversation, created = await self.conversations.insert_unless_exists(candidate)
        if created:
            await self._reads.ensure(str(conversation.id), conversation.member_ids)
            await self._feed.conversation_changed(
                str(conversation.id), conversation.member_ids, "created"
            )
        return conversation

    async def add_members(
        self, viewer: str, conversation_id: str, user_ids: Sequence[str]
    ) -> Conversation:
        conversation = await self._group_admin(viewer, conversation_id)
        new = [u for u in inputs.user_ids(user_ids) if u not in conversation.member_ids]
        if len(conversation.member_ids) + len(new) > inputs.MAX_GROUP_MEMBERS:
            raise BadUserInput("That group would be too large.", field="userIds")
        if new:
            await self.conversations.add_members(conversation_id, new)
            await self._reads.ensure(conversation_id, new)
        refreshed = await self._reload(conversation_id)
        await self._feed.conversation_changed(conversation_id, refreshed.member_ids, "members")
        return refreshed

    async def remove_member(self, viewer: str, conversation_id: str, user_id: str) -> Conversation:
        """Admins remove anyone; any member may remove themselves (leave)."""
        conversation = await self.member_conversation(viewer, conversation_id)
        if conversation.kind is not ConversationKind.GROUP:
            raise BadUserInput("Only group conversations have members to remove.")
        if user_id != viewer and viewer not in conversation.admin_ids:
            raise Forbidden("Only a group admin can remove members.")
        if user_id not in conversation.member_ids:
            raise NotFound("That user is not a member of this conversation.")
        await self._drop_member(conversation, user_id)
        return await self._reload(conversation_id)

    async def _drop_member(self, conversation: Conversation, user_id: str) -> None:
        conversation_id = str(conversation.id)
        await self.conversations.remove_member(conversation_id, user_id)
        await self._reads.delete_for(user_id=user_id, conversation_id=conversation_id)
        remaining = [m for m in conversation.member_ids if m != user_id]
        admins = [a for a in conversation.admin_ids if a != user_id]
        if conversation.kind is ConversationKind.GROUP and remaining and not admins:
            # A group never ends up without an admin: the longest-standing member takes over.
            await self.conversations.add_admin(conversation_id, remaining[0])
        await self._feed.members_removed(conversation_id, [user_id])
        await self._feed.conversation_changed(conversation_id, [user_id], "removed")
        await self._feed.conversation_changed(conversation_id, remaining, "members")

    async def member_conversation(self, viewer: str, conversation_id: str) -> Conversation:
        conversation = await self.conversations.get(conversation_id)
        if conversation is None:
            raise NotFound("Conversation not found.")
        if viewer not in conversation.member_ids:
            raise Forbidden("Only members can see this conversation.")
        return conversation

    async def visible_conversations(self, viewer: str, ids: list[str]) -> dict[str, Conversation]:
        found = await self.conversations.get_many(ids)
        return {k: c for k, c in found.items() if viewer in c.member_ids}

    async def conversations_of(self, viewer: str, request: PageRequest) -> Page[Conversation]:
        return await self.conversations.page_for_member(viewer, request)

    async def _group_admin(self, viewer: str, conversation_id: str) -> Conversation:
        conversation = await self.member_conversation(viewer, conversation_id)
        if conversation.kind is not ConversationKind.GROUP:
            raise BadUserInput("Only group conversations have members to manage.")
        if viewer not in conversation.admin_ids:
            raise Forbidden("Only a group admin can do that.")
        return conversation

    async def _reload(self, conversation_id: str) -> Conversation:
        conversation = await self.conversations.get(conversation_id)
        if conversation is None:
            raise NotFound("Conversation not found.")
        return conversation

    # Messages

    async def send(
        self,
        viewer: str,
        conversation_id: str,
        text: str,
        *,
        attachment: inputs.AttachmentInput | None = None,
        client_message_id: str | None = None,
    ) -> Message:
        stored_attachment = inputs.attachment(attachment)
        body = inputs.message_text(text, has_attachment=stored_attachment is not None)
        client_id = inputs.client_message_id(client_message_id)
        conversation = await self.member_conversation(viewer, conversation_id)
        message, created = await self._store(
            conversation, MessageAuthor.USER, viewer, body, stored_attachment, client_id
        )
        if not created:
            return message
        await self._reads.advance(conversation_id, viewer, message.seq, str(message.id), utcnow())
        await self._announce(conversation, message)
        recipients = [m for m in conversation.member_ids if m != viewer]
        if recipients:
            await self._publisher.publish(
                Event.of(
                    "chat.message.sent",
                    user_id=viewer,
                    data=MessageSent(
                        conversation_id=conversation_id,
                        message_id=str(message.id),
                        sender_id=viewer,
                        recipient_ids=recipients,
                        preview=_preview(message),
                    ),
                )
            )
        if conversation.kind is ConversationKind.COACH and self.coach is not None:
            self.coach.submit(conversation, message)
        return message

    async def post_as_coach(
        self,
        conversation: Conversation,
        text: str,
        *,
        reply_to: str | None = None,
        streaming: bool = False,
        client_message_id: str | None = None,
    ) -> Message:
        message, created = await self._store(
            conversation,
            MessageAuthor.COACH,
            None,
            text,
            None,
            client_message_id,
            reply_to=reply_to,
            streaming=streaming,
        )
        if created:
            await self._announce(conversation, message)
        return message

    async def stream_coach_text(self, message: Message, text: str, *, streaming: bool) -> Message:
        await self.messages.append_text(str(message.id), text, streaming=streaming)
        updated: Message = message.model_copy(update={"text": text, "streaming": streaming})
        await self._feed.message("updated", updated)
        return updated

    async def _store(
        self,
        conversation: Conversation,
        author: MessageAuthor,
        sender: str | None,
        text: str,
        attachment: Attachment | None,
        client_id: str | None,
        *,
        reply_to: str | None = None,
        streaming: bool = False,
    ) -> tuple[Message, bool]:
        """Insert a message, or return the one a previous try with the same client id stored."""
        conversation_id = str(conversation.id)
        if client_id is not None:
            existing = await self.messages.by_client_id(conversation_id, sender, client_id)
            if existing is not None:
                return existing, False
        now = utcnow()
        seq = await self.conversations.next_seq(conversation_id, now)
        message = Message(
            conversation_id=conversation_id,
            seq=seq,
            author=author,
            sender_id=sender,
            text=text,
            attachment=attachment,
            client_message_id=client_id,
            reply_to=reply_to,
            streaming=streaming,
            created_at=now,
        )
        try:
            await self.messages.insert(message)
        except DuplicateKeyError:
            # A concurrent retry won the unique index; its message is the one.
            assert client_id is not None
            existing = await self.messages.by_client_id(conversation_id, sender, client_id)
            if existing is None:
                raise
            return existing, False
        await self.conversations.set_last_message(conversation_id, str(message.id), seq)
        return message, True

    async def _announce(self, conversation: Conversation, message: Message) -> None:
        await self._feed.message("added", message)
        await self._feed.conversation_changed(
            str(conversation.id), conversation.member_ids, "message"
        )

    async def edit(self, viewer: str, message_id: str, text: str) -> Message:
        message = await self._own_message(viewer, message_id)
        if message.deleted_at is not None:
            raise Conflict("A deleted message cannot be edited.")
        message.text = inputs.message_text(text, has_attachment=message.attachment is not None)
        message.edited_at = utcnow()
        await self.messages.save(message)
        await self._feed.message("updated", message)
        return message

    async def delete(self, viewer: str, message_id: str) -> Message:
        message = await self._own_message(viewer, message_id)
        if message.deleted_at is None:
            # A tombstone keeps the history's shape; the content itself is gone.
            message.text = ""
            message.attachment = None
            message.deleted_at = utcnow()
            await self.messages.save(message)
            await self._feed.message("updated", message)
        return message

    async def _own_message(self, viewer: str, message_id: str) -> Message:
        message = await self.messages.get(message_id)
        if message is None:
            raise NotFound("Message not found.")
        await self.member_conversation(viewer, message.conversation_id)
        if message.author is not MessageAuthor.USER or message.sender_id != viewer:
            raise Forbidden("Only the author can change a message.")
        return message

    async def history(
        self,
        viewer: str,
        conversation_id: str,
        *,
        first: int,
        before: str | None,
        after: str | None,
    ) -> Page[Message]:
        if before is not None and after is not None:
            raise BadUserInput("Pass `before` or `after`, not both.", field="after")
        await self.member_conversation(viewer, conversation_id)
        if after is not None:
            # Catch-up: what came after the client's last message, oldest first.
            return await self.messages.history(
                conversation_id, PageRequest(first, after), newest_first=False
            )
        return await self.messages.history(
            conversation_id, PageRequest(first, before), newest_first=True
        )

    async def visible_messages(self, viewer: str, ids: list[str]) -> dict[str, Message]:
        found = await self.messages.get_many(ids)
        conversations = await self.visible_conversations(
            viewer, list({m.conversation_id for m in found.values()})
        )
        return {k: m for k, m in found.items() if m.conversation_id in conversations}

    # Read state

    async def mark_read(
        self, viewer: str, conversation_id: str, message_id: str | None
    ) -> Conversation:
        conversation = await self.member_conversation(viewer, conversation_id)
        if message_id is None:
            if conversation.last_message_id is None:
                return conversation
            target_id, seq = conversation.last_message_id, conversation.last_message_seq
        else:
            message = await self.messages.get(message_id)
            if message is None or message.conversation_id != conversation_id:
                raise NotFound("Message not found in this conversation.", field="messageId")
            target_id, seq = message_id, message.seq
        if await self._reads.advance(conversation_id, viewer, seq, target_id, utcnow()):
            await self._feed.conversation_changed(conversation_id, [viewer], "read")
        return conversation

    async def unread_counts(self, viewer: str, conversation_ids: list[str]) -> dict[str, int]:
        states = await self._reads.for_user(viewer, conversation_ids)
        upto = [(c, states[c].last_read_seq if c in states else 0) for c in conversation_ids]
        counts = await self.messages.unread_counts(viewer, upto)
        return {c: counts.get(c, 0) for c in conversation_ids}

    async def unread_total(self, viewer: str) -> int:
        states = await self._reads.all_for_user(viewer)
        counts = await self.messages.unread_counts(
            viewer, [(s.conversation_id, s.last_read_seq) for s in states]
        )
        return sum(counts.values())

    async def read_receipts(self, conversation_id: str) -> list[ReadState]:
        return await self._reads.for_conversation(conversation_id)

    # Typing and live streams

    async def typing(self, viewer: str, conversation_id: str, is_typing: bool) -> None:
        await self.member_conversation(viewer, conversation_id)
        await self._feed.typing(conversation_id, viewer, is_typing, utcnow())

    async def watch_conversation(
        self, viewer: str, conversation_id: str
    ) -> LiveStream[ConversationStreamSignal]:
        # Subscribe before the membership check: a removal published in between is not missed.
        stack, subscription = await self._feed.subscribe(conversation_channel(conversation_id))
        try:
            await self.member_conversation(viewer, conversation_id)
        except BaseException:
            await stack.aclose()
            raise
        return LiveStream(stack, conversation_signals(subscription, viewer))

    async def watch_own_conversations(self, viewer: str) -> LiveStream[ConversationSignal]:
        stack, subscription = await self._feed.subscribe(user_channel(viewer))
        return LiveStream(stack, user_signals(subscription))

    # Erasure

    async def erase_user(self, user_id: str) -> None:
        """Remove every trace of a user; safe to run again (a redelivered event finds nothing)."""
        for conversation in await self.conversations.all_for_member(user_id):
            conversation_id = str(conversation.id)
            if conversation.kind is ConversationKind.COACH:
                await self.messages.delete_in(conversation_id)
                await self._reads.delete_in(conversation_id)
                await self.conversations.delete(conversation)
                await self._feed.members_removed(conversation_id, [user_id])
            else:
                await self._drop_member(conversation, user_id)
        await self.messages.delete_by_sender(user_id)
        await self._reads.delete_for(user_id=user_id)
        log.info("erased chat data of a deleted user", extra={"user_id": user_id})


def _preview(message: Message) -> str:
    if message.text:
        return message.text[:PREVIEW_CHARS]
    return "Sent an attachment"


__all__ = ["ChatService", "CoachInbox", "UpdateReason"]
