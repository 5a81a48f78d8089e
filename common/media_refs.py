"""Media ids a subgraph accepts in its mutations, checked without a call to media.

A subgraph that attaches media to its own objects (community's posts, chat's messages)
keeps the completed media it heard of (`media.media.completed`) in a collection of its
own, and attaches each id to at most one object, in the transaction that stores that
object (docs/media.md). Each subgraph subclasses `MediaRef` with its collection's name:
a document class belongs to one database.

```python
class CompletedMedia(MediaRef):
    class Settings:
        name = "completed_media"
        indexes = MEDIA_REF_INDEXES


class CompletedMediaRepository(MediaRefs[CompletedMedia]):
    model = CompletedMedia
    purposes = frozenset({"POST_MEDIA"})


# the consumer of MEDIA_COMPLETED: await refs.record(MediaCompleted.model_validate(event.data))
await refs.attach(owner_id, media_ids, holder=f"post:{post_id}", field="mediaIds", session=s)
```
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from beanie import Document
from pymongo import IndexModel
from pymongo.asynchronous.client_session import AsyncClientSession

from common.errors import BadUserInput, Conflict, NotFound
from common.events.catalog import MediaCompleted
from common.repository import Repository

MEDIA_COMPLETED = "media.media.completed"


class MediaRef(Document):
    media_id: str
    owner_id: str
    purpose: str
    # What it is attached to ("post:<id>", "message:<id>"); None while free.
    holder: str | None = None


MEDIA_REF_INDEXES = [
    IndexModel("media_id", unique=True),
    IndexModel("owner_id"),
    IndexModel("holder"),
]

R = TypeVar("R", bound=MediaRef)


class MediaInUse(Conflict):
    """A media id already attached to another post or message: upload the file again."""

    code = "MEDIA_IN_USE"


class MediaRefs(Repository[R], Generic[R]):
    """The projection of completed media and the claims on it, for one subgraph."""

    # The purposes this subgraph attaches; other media are not recorded.
    purposes: ClassVar[frozenset[str]]

    async def record(self, media: MediaCompleted) -> None:
        """Apply `media.media.completed`; idempotent (a redelivery writes the same)."""
        if media.purpose not in self.purposes:
            return
        await self.model.get_pymongo_collection().update_one(
            {"media_id": media.media_id},
            {"$set": {"owner_id": media.owner_id, "purpose": media.purpose}},
            upsert=True,
        )

    async def find(self, media_id: str) -> R | None:
        found = await self._read({"media_id": media_id}, session=None)
        return found[0] if found else None

    async def _read(self, query: dict[str, Any], *, session: AsyncClientSession | None) -> list[R]:
        # A free upload's row has no `holder`: it is read as None here, not left to the
        # model's default. init_beanie also initialises this shared base, setting a query
        # attribute per field on it (`MediaRef.holder == "holder"`); pydantic takes those
        # for defaults in any subclass defined later, so a missing holder read "holder"
        # and a free upload looked attached (MEDIA_IN_USE). See docs/media.md.
        rows = self.model.get_pymongo_collection().find(query, session=session)
        return [self.model.model_validate({"holder": None, **row}) async for row in rows]

    async def attach(
        self,
        owner_id: str,
        media_ids: Sequence[str],
        *,
        holder: str,
        field: str,
        purposes: Collection[str] | None = None,
        session: AsyncClientSession | None,
    ) -> None:
        """Attach every id to `holder`, or raise and attach none.

        Unknown, another user's, not yet completed (its event still on its way) and
        other purposes' ids are one `NOT_FOUND`, which tells nothing about others'
        media; an id attached elsewhere is `MEDIA_IN_USE`. Run it in the transaction
        that writes `holder`: a concurrent claim of the same id conflicts with it.
        """
        if len(set(media_ids)) != len(media_ids):
            raise BadUserInput("The same media id is given twice.", field=field)
        allowed = self.purposes if purposes is None else frozenset(purposes)
        by_id = {
            ref.media_id: ref
            for ref in await self._read({"media_id": {"$in": list(media_ids)}}, session=session)
        }
        for index, media_id in enumerate(media_ids):
            ref = by_id.get(media_id)
            if ref is None or ref.owner_id != owner_id or ref.purpose not in allowed:
                raise NotFound(
                    "No completed upload of yours for this has this id.",
                    field=field,
                    index=index,
                )
            if ref.holder is not None and ref.holder != holder:
                raise MediaInUse(
                    "This media is already attached elsewhere.", field=field, index=index
                )
        if not media_ids:
            return
        await self.model.get_pymongo_collection().update_many(
            {"media_id": {"$in": list(media_ids)}},
            {"$set": {"holder": holder}},
            session=session,
        )

    async def release(
        self, holders: Sequence[str], *, session: AsyncClientSession | None = None
    ) -> None:
        """Forget the media of deleted holders (media removes the files by event)."""
        if holders:
            await self.delete_where({"holder": {"$in": list(holders)}}, session=session)

    async def forget_owner(
        self, owner_id: str, *, session: AsyncClientSession | None = None
    ) -> None:
        await self.delete_where({"owner_id": owner_id}, session=session)
