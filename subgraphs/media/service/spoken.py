"""The coach's replies to voice messages, said aloud and kept as voice messages
(`chat.coach.speech_requested`; docs/media.md "Spoken replies").

Best effort: the text reply is chat's and is delivered already. A provider that fails
(refused URL, timeout, error status, too much or unreadable audio) is logged and the
request dropped: a reply spoken minutes late after retries is worth less than the
dead letters it would leave. What fails on our side (storage, the database) raises, so
the event is retried as usual.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from datetime import datetime

import httpx
from beanie import PydanticObjectId
from pymongo.errors import DuplicateKeyError

from common.events import Event, OutboxPublisher
from common.events.catalog import CoachSpeechRequested, CoachSpeechStored
from common.openai_compat import ResponseTooLarge
from common.urlguard import RefusedUrl
from subgraphs.media.domain.audio import NotAudio, duration_seconds
from subgraphs.media.domain.images import Size
from subgraphs.media.domain.purposes import POLICIES, Purpose
from subgraphs.media.domain.sniff import HEAD_BYTES, sniff
from subgraphs.media.models import MediaState, StoredMedia
from subgraphs.media.repository.media import MediaRepository
from subgraphs.media.repository.readers import ReadersRepository
from subgraphs.media.service.speech import Speaker
from subgraphs.media.service.uploads import UploadService, object_key

log = logging.getLogger(__name__)

SPEECH_FAILURES = (httpx.HTTPError, RefusedUrl, ResponseTooLarge, NotAudio)


def spoken_media_id(message_id: str) -> str:
    """The media id of a reply's audio, derived from the reply: a redelivered request
    finds it stored instead of asking the provider again or keeping a second copy."""
    digest = hashlib.sha256(f"lifegraph:coach-speech:{message_id}".encode()).digest()
    return str(PydanticObjectId(digest[:12]))


class SpokenReplies:
    def __init__(
        self,
        uploads: UploadService,
        media: MediaRepository,
        readers: ReadersRepository,
        publisher: OutboxPublisher,
        speaker: Speaker,
    ) -> None:
        self._uploads = uploads
        self._media = media
        self._readers = readers
        self._publisher = publisher
        self._speaker = speaker

    async def requested(self, request: CoachSpeechRequested, at: datetime) -> None:
        """Say the reply, keep it as the asker's voice message readable by the members
        (as of `at`), and tell chat; a provider failure leaves the reply text only."""
        media_id = spoken_media_id(request.message_id)
        doc = await self._media.get(media_id)
        if doc is None:
            try:
                doc = await self._keep(media_id, request, await self._speaker.speak(request.text))
            except SPEECH_FAILURES as exc:
                log.warning(
                    "coach reply %s stays text only: speech failed: %r", request.message_id, exc
                )
                return
        await self._readers.replace(request.conversation_id, request.member_ids, at)
        await self._publisher.publish(
            Event.of(
                "media.coach_speech.stored",
                user_id=request.user_id,
                data=CoachSpeechStored(
                    media_id=media_id,
                    conversation_id=request.conversation_id,
                    message_id=request.message_id,
                    user_id=request.user_id,
                    duration_seconds=doc.duration_seconds,
                ),
            )
        )

    async def _keep(self, media_id: str, request: CoachSpeechRequested, data: bytes) -> StoredMedia:
        """Verify the provider's bytes as a voice upload's are (sniffed, then parsed), then
        store the object before its record: a crash in between is redone under the same key."""
        content_type = sniff(data[:HEAD_BYTES])
        if content_type is None or content_type not in POLICIES[Purpose.VOICE_MESSAGE].types:
            raise NotAudio(f"the provider's answer is not voice audio ({content_type})")
        duration = await asyncio.to_thread(duration_seconds, data, content_type)
        key = object_key(request.user_id, media_id, Size.ORIGINAL)
        await self._uploads.storage.put(key, data, content_type=content_type)
        now = self._uploads.clock()
        doc = StoredMedia(
            id=PydanticObjectId(media_id),
            owner_id=request.user_id,
            purpose=Purpose.VOICE_MESSAGE,
            state=MediaState.READY,
            declared_type=content_type,
            content_type=content_type,
            byte_size=len(data),
            checksum_sha256=hashlib.sha256(data).hexdigest(),
            duration_seconds=duration,
            keys={Size.ORIGINAL.value: key},
            created_at=now,
            upload_expires_at=now,
            completed_at=now,
            conversation_id=request.conversation_id,
        )
        try:
            return await self._media.insert(doc)
        except DuplicateKeyError:
            # Another delivery of the same request stored it first (same id, same key).
            stored = await self._media.get(media_id)
            if stored is None:
                raise
            return stored
