"""Messages: sending, editing, deleting and reading history."""

from __future__ import annotations

from collections.abc import Callable

from pymongo.errors import DuplicateKeyError

from common.errors import BadUserInput, Conflict, Forbidden, NotFound
from common.events import Event, OutboxTransaction
from common.events.catalog import MessageSent
from common.repository import Page, PageRequest
from subgraphs.chat.domain import cursors, validation
from subgraphs.chat.models import (
    CoachReplyJob,
    ConversationKind,
    Message,
    MessageAuthor,
    utcnow,
)
from subgraphs.chat.repository import (
    CoachReplyJobRepository,
    MessageRepository,
    ReadStateRepository,
)
from subgraphs.chat.service.appending import Appended, Appender
from subgraphs.chat.service.conversations import ConversationService

PREVIEW_CHARS = 140


class MessageService:
    def __init__(
        self,
        *,
        conversations: ConversationService,
        appender: Appender,
        messages: MessageRepository,
        reads: ReadStateRepository,
        jobs: CoachReplyJobRepository,
    ) -> None:
        self._conversations = conversations
        self._appender = appender
        self._messages = messages
        self._reads = reads
        self._jobs = jobs
        # Wakes the coach worker once a question is committed (it also polls).
        self.coach_question_stored: Callable[[], None] = lambda: None

    async def send(
        self,
        viewer: str,
        conversation_id: str,
        text: str,
        *,
        attachment: validation.AttachmentInput | None = None,
        client_message_id: str | None = None,
        sender_name: str | None = None,
    ) -> Message:
        """Post as `viewer`; `sender_name` (from their token) introduces them to chat's
        cards if users' registration event has not arrived yet."""
        stored_attachment = validation.attachment(attachment)
        body = validation.message_text(text, has_attachment=stored_attachment is not None)
        client_id = validation.client_message_id(client_message_id)
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
            appended = await self._appender.append(draft, member=viewer, session=tx.session)
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
            appended = await self._appender.appending(conversation_id, work)
        except DuplicateKeyError:
            if client_id is None:
                raise
            # A concurrent retry with the same client id committed first: its message is the one.
            existing = await self._messages.by_client_id(conversation_id, viewer, client_id)
            if existing is None:
                raise
            return existing
        if appended.created:
            await self._appender.announce_added(
                appended.message, appended.members, sender_name=sender_name
            )
            if to_coach:
                self.coach_question_stored()
        return appended.message

    async def edit(self, viewer: str, message_id: str, text: str) -> Message:
        message = await self._own_message(viewer, message_id)
        if message.deleted_at is not None:
            raise Conflict("A deleted message cannot be edited.")
        message.text = validation.message_text(text, has_attachment=message.attachment is not None)
        message.edited_at = utcnow()
        await self._messages.save(message)
        await self._appender.announce_updated(message)
        return message

    async def delete(self, viewer: str, message_id: str) -> Message:
        message = await self._own_message(viewer, message_id)
        if message.deleted_at is None:
            # A tombstone keeps the history's shape; the content itself is gone.
            message.text = ""
            message.attachment = None
            message.deleted_at = utcnow()
            await self._messages.save(message)
            await self._appender.announce_updated(message)
        return message

    async def _own_message(self, viewer: str, message_id: str) -> Message:
        message = await self._messages.get(message_id)
        if message is None:
            raise NotFound("Message not found.")
        await self._conversations.member_conversation(viewer, message.conversation_id)
        if message.author is not MessageAuthor.USER or message.sender_id != viewer:
            raise Forbidden("Only the author can change a message.")
        return message

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
