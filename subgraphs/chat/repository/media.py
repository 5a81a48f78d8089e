"""Chat's projection of completed attachments and voice messages (docs/media.md)."""

from __future__ import annotations

from collections.abc import Sequence

from pymongo.asynchronous.client_session import AsyncClientSession

from common.media_refs import MediaRefs
from subgraphs.chat.models import CompletedMedia

VOICE_MESSAGE = "VOICE_MESSAGE"
CHAT_PURPOSES = frozenset({"CHAT_ATTACHMENT", VOICE_MESSAGE})


class CompletedMediaRepository(MediaRefs[CompletedMedia]):
    model = CompletedMedia
    purposes = CHAT_PURPOSES

    async def any_voice(
        self, media_ids: Sequence[str], *, session: AsyncClientSession | None = None
    ) -> bool:
        """Whether one of these media is a voice message."""
        if not media_ids:
            return False
        query = {"media_id": {"$in": list(media_ids)}, "purpose": VOICE_MESSAGE}
        return await self.count_where(query, session=session) > 0
