"""Media tied to posts and messages, from community's and chat's events (docs/media.md)."""

from __future__ import annotations

from datetime import datetime

from common.events import Event, OutboxPublisher
from common.events.catalog import MessageAttached, VoiceTranscribed
from subgraphs.media.domain.images import Size
from subgraphs.media.domain.purposes import Purpose
from subgraphs.media.models import MediaState
from subgraphs.media.repository.media import MediaRepository
from subgraphs.media.repository.readers import ReadersRepository
from subgraphs.media.service.transcription import Transcriber
from subgraphs.media.service.uploads import UploadService


class AttachmentService:
    def __init__(
        self,
        uploads: UploadService,
        media: MediaRepository,
        readers: ReadersRepository,
        publisher: OutboxPublisher,
        transcriber: Transcriber | None = None,
    ) -> None:
        self._uploads = uploads
        self._media = media
        self._readers = readers
        self._publisher = publisher
        self._transcriber = transcriber

    async def sent_in(self, sent: MessageAttached, at: datetime) -> None:
        """Media sent in a conversation: its members (as of `at`) may read them, and
        voice messages are transcribed when a provider is configured."""
        await self._readers.replace(sent.conversation_id, sent.member_ids, at)
        await self._media.attach_to_conversation(
            sent.sender_id, sent.media_ids, sent.conversation_id
        )
        if self._transcriber is not None:
            await self._transcribe(self._transcriber, sent)

    async def members_changed(
        self, conversation_id: str, member_ids: list[str], at: datetime
    ) -> None:
        await self._readers.replace(conversation_id, member_ids, at)

    async def owner_removed(self, owner_id: str, media_ids: list[str]) -> int:
        """Their post or message went: so do its files. Only the owner's own ids count."""
        return await self._uploads.remove_owned(owner_id, media_ids)

    async def _transcribe(self, transcriber: Transcriber, sent: MessageAttached) -> None:
        for doc in await self._media.of_owner_among(sent.sender_id, sent.media_ids):
            if doc.purpose is not Purpose.VOICE_MESSAGE or doc.state is not MediaState.READY:
                continue
            text = doc.transcript
            if text is None:
                # A failure raises: the event is redelivered with back-off, then dead-lettered.
                data = await self._uploads.storage.get(doc.keys[Size.ORIGINAL.value])
                text = await transcriber.transcribe(data, doc.content_type or doc.declared_type)
                # Kept, so a redelivery publishes the same text without asking again.
                await self._media.set_fields(str(doc.id), {"transcript": text})
            await self._publisher.publish(
                Event.of(
                    "media.voice.transcribed",
                    user_id=sent.sender_id,
                    data=VoiceTranscribed(
                        media_id=str(doc.id),
                        owner_id=sent.sender_id,
                        conversation_id=sent.conversation_id,
                        message_id=sent.message_id,
                        text=text,
                    ),
                )
            )
