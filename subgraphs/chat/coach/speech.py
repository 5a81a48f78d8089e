"""The coach's spoken replies (docs/chat.md "Spoken replies"): a voice question's final
reply asks media to say it, and the audio media stored is attached to that reply.

Chat does not know whether media has a speech provider: without one the request is
consumed by nobody and the reply stays text, as it always is first.
"""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import AfterCommit, Event
from common.events.catalog import CoachSpeechRequested, CoachSpeechStored
from subgraphs.chat.models import Conversation, Message, MessageAuthor
from subgraphs.chat.repository import CompletedMediaRepository, MessageRepository
from subgraphs.chat.service.appending import Appender


class CoachSpeech:
    def __init__(
        self,
        *,
        media: CompletedMediaRepository,
        message_store: MessageRepository,
        appender: Appender,
    ) -> None:
        self._media = media
        self._messages = message_store
        self._appender = appender

    async def request(
        self,
        conversation: Conversation,
        question: Message,
        reply: Message,
        session: AsyncClientSession,
    ) -> Event | None:
        """The speech request for `reply`, when `question` was a voice message: one who
        spoke expects to be answered aloud, one who typed does not."""
        if question.sender_id is None or not reply.text:
            return None
        if not await self._media.any_voice(question.attachment_ids, session=session):
            return None
        return Event.of(
            "chat.coach.speech_requested",
            user_id=question.sender_id,
            data=CoachSpeechRequested(
                conversation_id=str(conversation.id),
                message_id=str(reply.id),
                user_id=question.sender_id,
                member_ids=conversation.member_ids,
                text=reply.text,
            ),
        )

    async def attach(
        self, stored: CoachSpeechStored, *, session: AsyncClientSession
    ) -> AfterCommit | None:
        """Attach the stored audio to the reply, once, in the transaction recording the
        event as processed; members see the reply updated after the commit."""
        message = await self._messages.get(stored.message_id, session=session)
        if (
            message is None
            or message.author is not MessageAuthor.COACH
            or message.conversation_id != stored.conversation_id
            or message.deleted_at is not None
            or stored.media_id in message.attachment_ids
        ):
            return None  # gone with an erased account, or attached by an earlier delivery
        message.attachment_ids = [*message.attachment_ids, stored.media_id]
        await self._messages.set_fields(
            stored.message_id, {"attachment_ids": message.attachment_ids}, session=session
        )

        async def announce() -> None:
            await self._appender.announce_updated(message)

        return announce
