"""Messages: sending, editing, deleting and reading history."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from common.errors import BadUserInput, Conflict, Forbidden, NotFound
from common.events import AfterCommit, Event, OutboxTransaction
from common.events.catalog import (
    MediaCompleted,
    MessageAttached,
    MessageDeleted,
    MessageSent,
    VoiceTranscribed,
)
from common.repository import Page, PageRequest
from common.search import query_terms, search_terms
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
    CompletedMediaRepository,
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
        media: CompletedMediaRepository,
    ) -> None:
        self._media = media
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
        attachment_ids: Sequence[str] = (),
        client_message_id: str | None = None,
        sender_name: str | None = None,
    ) -> Message:
        """Post as `viewer`; `sender_name` (from their token) introduces them to chat's
        cards if users' registration event has not arrived yet. `attachment_ids` are
        completed uploads of the viewer's, attached to no other message."""
        stored_attachment = validation.attachment(attachment)
        media_ids = validation.attachment_ids(attachment_ids)
        body = validation.message_text(
            text, has_attachment=stored_attachment is not None or bool(media_ids)
        )
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
                attachment_ids=media_ids,
                search_terms=search_terms(body),
                client_message_id=client_id,
                created_at=utcnow(),
            )
            appended = await self._appender.append(draft, member=viewer, session=tx.session)
            if not appended.created:
                return appended
            message = appended.message
            message_id = str(message.id)
            if media_ids:
                # In this transaction: a failed check stores no message, and two sends
                # of one id conflict, the second then finding it attached.
                await self._media.attach(
                    viewer,
                    media_ids,
                    holder=holder(message_id),
                    field="attachmentIds",
                    session=tx.session,
                )
                await tx.publish(_attached(message, viewer, appended.members))
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
            # A voice message without text is answered once its transcript arrives.
            if to_coach and body:
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
            if to_coach and body:
                self.coach_question_stored()
        return appended.message

    async def edit(self, viewer: str, message_id: str, text: str) -> Message:
        message = await self._own_message(viewer, message_id)
        if message.deleted_at is not None:
            raise Conflict("A deleted message cannot be edited.")
        message.text = validation.message_text(
            text, has_attachment=message.attachment is not None or bool(message.attachment_ids)
        )
        message.search_terms = _terms(message)
        message.edited_at = utcnow()
        await self._messages.save(message)
        await self._appender.announce_updated(message)
        return message

    async def delete(self, viewer: str, message_id: str) -> Message:
        message = await self._own_message(viewer, message_id)
        if message.deleted_at is None:
            media_ids = message.attachment_ids
            # A tombstone keeps the history's shape; the content itself is gone.
            message.text = ""
            message.attachment = None
            message.attachment_ids = []
            message.transcript = None
            message.search_terms = []
            message.deleted_at = utcnow()

            async def work(tx: OutboxTransaction) -> None:
                await self._messages.save(message, session=tx.session)
                if media_ids:
                    await self._media.release([holder(message_id)], session=tx.session)
                    # Media removes the files once this commits (idempotently).
                    await tx.publish(_deleted(message, viewer, media_ids))

            await self._appender.appending(message.conversation_id, work)
            await self._appender.announce_updated(message)
        return message

    async def transcribed(
        self, voice: VoiceTranscribed, *, session: AsyncClientSession
    ) -> AfterCommit | None:
        """Store a voice message's transcript; a voice question to the coach is then
        answered like text. In the transaction recording the event as processed."""
        message = await self._messages.get(voice.message_id, session=session)
        if (
            message is None
            or message.deleted_at is not None
            or message.sender_id != voice.owner_id
            or voice.media_id not in message.attachment_ids
        ):
            return None  # deleted meanwhile, or not what the event claims
        parts = [p for p in (message.transcript, voice.text) if p]
        message.transcript = "\n".join(parts)
        message.search_terms = _terms(message)
        await self._messages.set_fields(
            voice.message_id,
            {"transcript": message.transcript, "search_terms": message.search_terms},
            session=session,
        )
        # The sender may have left the group since: the transcript is stored all the same.
        conversation = (
            await self._conversations.visible_conversations(
                voice.owner_id, [message.conversation_id]
            )
        ).get(message.conversation_id)
        to_coach = (
            conversation is not None
            and conversation.kind is ConversationKind.COACH
            and not message.text
        )
        if to_coach:
            job = CoachReplyJob(
                user_id=voice.owner_id,
                conversation_id=message.conversation_id,
                message_id=voice.message_id,
                available_at=utcnow(),
            )
            await self._jobs.insert(job, session=session)

        async def announce() -> None:
            await self._appender.announce_updated(message)
            if to_coach:
                self.coach_question_stored()

        return announce

    async def record_media(self, media: MediaCompleted) -> None:
        """Remember a completed upload (`media.media.completed`) for `attachmentIds` checks."""
        await self._media.record(media)

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

    async def search(
        self, viewer: str, conversation_id: str, query: str, request: PageRequest
    ) -> Page[Message]:
        """The conversation's messages (text or voice transcript) matching every word."""
        terms = query_terms(query)
        await self._conversations.member_conversation(viewer, conversation_id)
        return await self._messages.search(conversation_id, terms, request)

    async def get_many(self, ids: list[str]) -> dict[str, Message]:
        return await self._messages.get_many(ids)

    async def visible_messages(self, viewer: str, ids: list[str]) -> dict[str, Message]:
        found = await self._messages.get_many(ids)
        conversations = await self._conversations.visible_conversations(
            viewer, list({m.conversation_id for m in found.values()})
        )
        return {k: m for k, m in found.items() if m.conversation_id in conversations}


def _terms(message: Message) -> list[str]:
    return search_terms("\n".join(p for p in (message.text, message.transcript) if p))


def holder(message_id: str) -> str:
    """What a message's media are attached to in the projection."""
    return f"message:{message_id}"


def _attached(message: Message, sender: str, members: list[str]) -> Event:
    return Event.of(
        "chat.message.attached",
        user_id=sender,
        data=MessageAttached(
            conversation_id=message.conversation_id,
            message_id=str(message.id),
            sender_id=sender,
            media_ids=message.attachment_ids,
            member_ids=members,
        ),
    )


def _deleted(message: Message, sender: str, media_ids: list[str]) -> Event:
    return Event.of(
        "chat.message.deleted",
        user_id=sender,
        data=MessageDeleted(
            conversation_id=message.conversation_id,
            message_id=str(message.id),
            sender_id=sender,
            media_ids=media_ids,
        ),
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
