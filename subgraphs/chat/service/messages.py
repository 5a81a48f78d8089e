"""Messages: sending, the coach's posts, editing, deleting and history.

Every message takes its position (`seq`) in the transaction that inserts it,
together with whatever must not be lost with it: the conversation's newest
message, the sender's read position, `chat.message.sent`, a pending coach reply.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from beanie import PydanticObjectId
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError, PyMongoError

from common.errors import BadUserInput, Conflict, Forbidden, NotFound
from common.events import Event, OutboxPublisher, OutboxTransaction
from common.events.catalog import MessageSent
from common.repository import Page, PageRequest
from subgraphs.chat import cursors, inputs
from subgraphs.chat.lanes import Lanes
from subgraphs.chat.live import LiveFeed
from subgraphs.chat.models import (
    CoachReplyJob,
    Conversation,
    ConversationKind,
    Message,
    MessageAuthor,
    utcnow,
)
from subgraphs.chat.repository import (
    CoachReplyJobRepository,
    ConversationRepository,
    MessageRepository,
    ReadStateRepository,
)
from subgraphs.chat.service.conversations import ConversationService

T = TypeVar("T")

PREVIEW_CHARS = 140
APPEND_ATTEMPTS = 60
APPEND_BACKOFF_CAP_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class Appended:
    message: Message
    # False when a message with the same client id was already there (a retry).
    created: bool
    # The conversation's members when the message took its position.
    members: list[str]


class MessageService:
    def __init__(
        self,
        *,
        conversations: ConversationService,
        conversation_store: ConversationRepository,
        messages: MessageRepository,
        reads: ReadStateRepository,
        jobs: CoachReplyJobRepository,
        feed: LiveFeed,
        publisher: OutboxPublisher,
    ) -> None:
        self._conversations = conversations
        self._conversation_store = conversation_store
        self._messages = messages
        self._reads = reads
        self._jobs = jobs
        self._feed = feed
        self._publisher = publisher
        self._lanes = Lanes()
        # Wakes the coach worker once a question is committed (it also polls).
        self.coach_question_stored: Callable[[], None] = lambda: None

    # Appending: the one way a message gets its position

    async def appending(
        self, conversation_id: str, work: Callable[[OutboxTransaction], Awaitable[T]]
    ) -> T:
        """Run `work` in a transaction, one per conversation at a time in this process.

        Appends from other replicas conflict on the conversation's counter; the
        loser re-runs with a short, capped, jittered backoff. A busy conversation
        needs many more re-runs than the kit's exponential backoff allows for.
        """
        async with self._lanes.hold(conversation_id):
            for attempt in range(1, APPEND_ATTEMPTS + 1):
                try:
                    async with self._publisher.transaction() as tx:
                        return await work(tx)
                except PyMongoError as exc:
                    transient = exc.has_error_label("TransientTransactionError")
                    if not transient or attempt == APPEND_ATTEMPTS:
                        raise
                backoff = min(APPEND_BACKOFF_CAP_SECONDS, 0.002 * 2**attempt)
                await asyncio.sleep(random.uniform(0, backoff))  # noqa: S311
        raise AssertionError("unreachable")

    async def append(
        self, draft: Message, *, member: str | None, session: AsyncClientSession
    ) -> Appended:
        """Insert `draft` at the conversation's next position, or find the retry's original."""
        if draft.client_message_id is not None:
            existing = await self._messages.by_client_id(
                draft.conversation_id, draft.sender_id, draft.client_message_id, session=session
            )
            if existing is not None:
                return Appended(existing, created=False, members=[])
        draft.id = PydanticObjectId()
        taken = await self._conversation_store.take_seq(
            draft.conversation_id,
            message_id=str(draft.id),
            at=draft.created_at,
            member=member,
            session=session,
        )
        if taken is None:
            if member is not None:
                raise Forbidden("Only members can post in this conversation.")
            raise NotFound("Conversation not found.")
        draft.seq, members = taken
        await self._messages.insert(draft, session=session)
        return Appended(draft, created=True, members=members)

    async def announce_added(self, message: Message, members: list[str]) -> None:
        await self._feed.message("added", message)
        await self._feed.conversation_changed(message.conversation_id, members, "message")

    async def announce_updated(self, message: Message) -> None:
        await self._feed.message("updated", message)

    # Users

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
        conversation = await self._conversations.member_conversation(viewer, conversation_id)
        if client_id is not None:
            existing = await self._messages.by_client_id(conversation_id, viewer, client_id)
            if existing is not None:
                return existing
        to_coach = conversation.kind is ConversationKind.COACH

        async def work(tx: OutboxTransaction) -> Appended:
            draft = Message(
                conversation_id=conversation_id,
                seq=0,
                author=MessageAuthor.USER,
                sender_id=viewer,
                text=body,
                attachment=stored_attachment,
                client_message_id=client_id,
                created_at=utcnow(),
            )
            appended = await self.append(draft, member=viewer, session=tx.session)
            if not appended.created:
                return appended
            message = appended.message
            message_id = str(message.id)
            await self._reads.advance(
                conversation_id,
                viewer,
                message.seq,
                message_id,
                message.created_at,
                session=tx.session,
            )
            recipients = [m for m in appended.members if m != viewer]
            if recipients:
                await tx.publish(_sent(message, viewer, recipients))
            if to_coach:
                job = CoachReplyJob(
                    user_id=viewer,
                    conversation_id=conversation_id,
                    message_id=message_id,
                    available_at=message.created_at,
                )
                await self._jobs.insert(job, session=tx.session)
            return appended

        try:
            appended = await self.appending(conversation_id, work)
        except DuplicateKeyError:
            if client_id is None:
                raise
            # A concurrent retry with the same client id committed first: its message is the one.
            existing = await self._messages.by_client_id(conversation_id, viewer, client_id)
            if existing is None:
                raise
            return existing
        if appended.created:
            await self.announce_added(appended.message, appended.members)
            if to_coach:
                self.coach_question_stored()
        return appended.message

    async def edit(self, viewer: str, message_id: str, text: str) -> Message:
        message = await self._own_message(viewer, message_id)
        if message.deleted_at is not None:
            raise Conflict("A deleted message cannot be edited.")
        message.text = inputs.message_text(text, has_attachment=message.attachment is not None)
        message.edited_at = utcnow()
        await self._messages.save(message)
        await self.announce_updated(message)
        return message

    async def delete(self, viewer: str, message_id: str) -> Message:
        message = await self._own_message(viewer, message_id)
        if message.deleted_at is None:
            # A tombstone keeps the history's shape; the content itself is gone.
            message.text = ""
            message.attachment = None
            message.deleted_at = utcnow()
            await self._messages.save(message)
            await self.announce_updated(message)
        return message

    async def _own_message(self, viewer: str, message_id: str) -> Message:
        message = await self._messages.get(message_id)
        if message is None:
            raise NotFound("Message not found.")
        await self._conversations.member_conversation(viewer, message.conversation_id)
        if message.author is not MessageAuthor.USER or message.sender_id != viewer:
            raise Forbidden("Only the author can change a message.")
        return message

    # The coach

    async def post_as_coach(
        self,
        conversation: Conversation,
        text: str,
        *,
        reply_to: str | None = None,
        streaming: bool = False,
        client_message_id: str | None = None,
    ) -> Appended:
        """A coach message in its own transaction, announced once committed."""
        conversation_id = str(conversation.id)

        async def work(tx: OutboxTransaction) -> Appended:
            draft = coach_draft(
                conversation_id,
                text,
                reply_to=reply_to,
                streaming=streaming,
                client_message_id=client_message_id,
            )
            return await self.append(draft, member=None, session=tx.session)

        appended = await self.appending(conversation_id, work)
        if appended.created:
            await self.announce_added(appended.message, appended.members)
        return appended

    async def set_coach_text(self, message: Message, text: str, *, streaming: bool) -> Message:
        await self._messages.set_text(str(message.id), text, streaming=streaming)
        updated: Message = message.model_copy(update={"text": text, "streaming": streaming})
        await self.announce_updated(updated)
        return updated

    # Reading

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
        PageRequest(first)  # the page size bounds
        await self._conversations.member_conversation(viewer, conversation_id)
        if after is not None:
            # Catch-up, oldest first, read at one point in time: a message is only
            # visible once every lower position is, so nothing below is skipped.
            seq = cursors.decode(after, field="after")
            async with self._messages.snapshot() as session:
                return await self._messages.history(
                    conversation_id, first=first, beyond=seq, newest_first=False, session=session
                )
        beyond = cursors.decode(before, field="before") if before is not None else None
        return await self._messages.history(
            conversation_id, first=first, beyond=beyond, newest_first=True
        )

    async def get_many(self, ids: list[str]) -> dict[str, Message]:
        return await self._messages.get_many(ids)

    async def visible_messages(self, viewer: str, ids: list[str]) -> dict[str, Message]:
        found = await self._messages.get_many(ids)
        conversations = await self._conversations.visible_conversations(
            viewer, list({m.conversation_id for m in found.values()})
        )
        return {k: m for k, m in found.items() if m.conversation_id in conversations}


def coach_draft(
    conversation_id: str,
    text: str,
    *,
    reply_to: str | None = None,
    streaming: bool = False,
    client_message_id: str | None = None,
) -> Message:
    return Message(
        conversation_id=conversation_id,
        seq=0,
        author=MessageAuthor.COACH,
        sender_id=None,
        text=text,
        client_message_id=client_message_id,
        reply_to=reply_to,
        streaming=streaming,
        created_at=utcnow(),
    )


def _sent(message: Message, sender: str, recipients: list[str]) -> Event:
    return Event.of(
        "chat.message.sent",
        user_id=sender,
        data=MessageSent(
            conversation_id=message.conversation_id,
            message_id=str(message.id),
            sender_id=sender,
            recipient_ids=recipients,
            preview=_preview(message),
        ),
    )


def _preview(message: Message) -> str:
    if message.text:
        return message.text[:PREVIEW_CHARS]
    return "Sent an attachment"
