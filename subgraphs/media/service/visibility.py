"""Who may read which media, decided for a whole batch in a handful of queries.

Checked each time a URL is signed (docs/media.md): avatars by anyone signed in; a post's
photos by exactly those who may see the post (`common.post_audience`, the rule community
applies); chat files by their owner and the conversation's members.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from common.errors import NotFound
from common.post_audience import PostView, sees_post
from subgraphs.media.domain.purposes import Purpose
from subgraphs.media.models import MediaState, StoredMedia
from subgraphs.media.repository.audience import (
    PostAudienceRepository,
    PrivacyRepository,
    RelationRepository,
)
from subgraphs.media.repository.media import MediaRepository
from subgraphs.media.repository.readers import ReadersRepository

# A member's privacy before users told media anything: users' default.
DEFAULT_PRIVACY = "public"


@dataclass(frozen=True, slots=True)
class Reader:
    user_id: str | None
    moderator: bool = False


@dataclass(frozen=True, slots=True)
class AudienceRepos:
    posts: PostAudienceRepository
    privacy: PrivacyRepository
    relations: RelationRepository


class VisibilityService:
    def __init__(
        self, media: MediaRepository, readers: ReadersRepository, audience: AudienceRepos
    ) -> None:
        self._media = media
        self._readers = readers
        self._audience = audience

    async def visible(self, reader: Reader, media_id: str) -> StoredMedia:
        """Ready media the reader may see; NOT_FOUND otherwise (existence is not told)."""
        doc = (await self.visible_many(reader, [media_id])).get(media_id)
        if doc is None:
            raise NotFound("No such media.")
        return doc

    async def visible_many(self, reader: Reader, media_ids: list[str]) -> dict[str, StoredMedia]:
        """Those of `media_ids` the reader may see, by id (for the DataLoader)."""
        if reader.user_id is None:
            return {}
        found = await self._media.get_many(media_ids)
        docs = [doc for doc in found.values() if doc.state is MediaState.READY]
        conversations = await self._conversations(reader.user_id, docs)
        posts = await self._posts(reader, docs)
        return {
            str(doc.id): doc
            for doc in docs
            if _may_read(reader.user_id, doc, conversations=conversations, posts=posts)
        }

    async def _conversations(self, viewer_id: str, docs: Iterable[StoredMedia]) -> set[str]:
        ids = sorted({d.conversation_id for d in docs if d.conversation_id is not None})
        return await self._readers.readable_among(ids, viewer_id) if ids else set()

    async def _posts(self, reader: Reader, docs: Iterable[StoredMedia]) -> set[str]:
        """The posts, among those the docs went out in, that the reader may see."""
        post_ids = sorted({d.post_id for d in docs if d.post_id is not None})
        if not post_ids or reader.user_id is None:
            return set()
        posts = await self._audience.posts.of_posts(post_ids)
        authors = sorted({p.author_id for p in posts.values()})
        privacy = await self._audience.privacy.of_users(authors)
        followed, blocked = await self._audience.relations.ties(reader.user_id, authors)
        seen: set[str] = set()
        for post_id, post in posts.items():
            view = PostView(
                author_id=post.author_id,
                status=post.status,
                privacy=privacy.get(post.author_id, DEFAULT_PRIVACY),
                follows_author=post.author_id in followed,
                blocked=post.author_id in blocked,
            )
            if sees_post(view, viewer_id=reader.user_id, moderator=reader.moderator):
                seen.add(post_id)
        return seen


def _may_read(
    viewer_id: str, doc: StoredMedia, *, conversations: set[str], posts: set[str]
) -> bool:
    if doc.post_id is not None:
        # Posted: the post's rule alone, for its author too (a removed post hides them).
        return doc.post_id in posts
    if doc.owner_id == viewer_id:
        return True
    if doc.purpose is Purpose.AVATAR:
        return True
    # A photo not posted yet is its owner's; a chat file is also its conversation's.
    return doc.conversation_id is not None and doc.conversation_id in conversations
