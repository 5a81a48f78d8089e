"""Community's projection of completed post media (docs/media.md)."""

from __future__ import annotations

from common.media_refs import MediaRefs
from subgraphs.community.models import CompletedMedia

POST_MEDIA = "POST_MEDIA"


class CompletedMediaRepository(MediaRefs[CompletedMedia]):
    model = CompletedMedia
    purposes = frozenset({POST_MEDIA})
