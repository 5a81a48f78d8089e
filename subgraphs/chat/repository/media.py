"""Chat's projection of completed attachments and voice messages (docs/media.md)."""

from __future__ import annotations

from common.media_refs import MediaRefs
from subgraphs.chat.models import CompletedMedia

CHAT_PURPOSES = frozenset({"CHAT_ATTACHMENT", "VOICE_MESSAGE"})


class CompletedMediaRepository(MediaRefs[CompletedMedia]):
    model = CompletedMedia
    purposes = CHAT_PURPOSES
