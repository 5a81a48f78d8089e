"""Keeps media's projection of post audiences current from community's and users' events.

Every write is newest-wins by event time, so redeliveries and late, older events change
nothing; each handler is idempotent and needs no transaction.
"""

from __future__ import annotations

from datetime import datetime

from common.events.catalog import PostMediaStatus
from subgraphs.media.models import RelationKind
from subgraphs.media.repository.media import MediaRepository
from subgraphs.media.service.visibility import AudienceRepos


class AudienceService:
    def __init__(self, media: MediaRepository, audience: AudienceRepos) -> None:
        self._media = media
        self._audience = audience

    async def post_status(self, post: PostMediaStatus, at: datetime) -> None:
        # The status first: the photos are their owner's alone until they name the post.
        await self._audience.posts.record(post.post_id, post.author_id, post.status, at)
        await self._media.attach_to_post(post.author_id, post.media_ids, post.post_id)

    async def privacy_changed(self, user_id: str, privacy: str, at: datetime) -> None:
        await self._audience.privacy.record(user_id, privacy, at)

    async def relation_changed(
        self, kind: RelationKind, from_id: str, to_id: str, *, active: bool, at: datetime
    ) -> None:
        await self._audience.relations.record(kind, from_id, to_id, active=active, as_of=at)

    async def erase(self, user_id: str) -> None:
        """The user's rows go with the account (their media are erased beside this)."""
        await self._audience.posts.delete_author(user_id)
        await self._audience.privacy.delete_user(user_id)
        await self._audience.relations.delete_user(user_id)
