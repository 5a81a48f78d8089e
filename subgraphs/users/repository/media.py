"""The users subgraph's projection of completed avatars (from the media subgraph's events)."""

from __future__ import annotations

from common.media_refs import MediaRefs
from subgraphs.users.models import CompletedMedia

AVATAR_PURPOSE = "AVATAR"


class CompletedMediaRepository(MediaRefs[CompletedMedia]):
    model = CompletedMedia
    purposes = frozenset({AVATAR_PURPOSE})
