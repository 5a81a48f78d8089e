"""All reads and writes of media documents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from common.repository import Repository, parse_object_id
from subgraphs.media.models import MediaState, StoredMedia


class MediaRepository(Repository[StoredMedia]):
    model = StoredMedia

    async def usage(self, owner_id: str, *, since: datetime) -> tuple[int, int]:
        """(bytes held by the owner's uploads, uploads the owner started since `since`)."""
        pipeline: list[dict[str, Any]] = [
            {"$match": {"owner_id": owner_id}},
            {
                "$group": {
                    "_id": None,
                    "bytes": {"$sum": "$byte_size"},
                    "recent": {"$sum": {"$cond": [{"$gte": ["$created_at", since]}, 1, 0]}},
                }
            },
        ]
        collection = self.model.get_pymongo_collection()
        rows = await (await collection.aggregate(pipeline)).to_list()
        if not rows:
            return 0, 0
        return int(rows[0]["bytes"]), int(rows[0]["recent"])

    async def of_owner(self, owner_id: str, *, limit: int) -> list[StoredMedia]:
        found: list[StoredMedia] = (
            await self.model.find({"owner_id": owner_id}).limit(limit).to_list()
        )
        return found

    async def ready_of_owner(self, owner_id: str) -> list[StoredMedia]:
        """Every verified file of the owner's (bounded by the storage quota)."""
        query = {"owner_id": owner_id, "state": MediaState.READY.value}
        found: list[StoredMedia] = await self.model.find(query).sort("created_at").to_list()
        return found

    async def of_owner_among(self, owner_id: str, media_ids: list[str]) -> list[StoredMedia]:
        oids = [oid for m in media_ids if (oid := parse_object_id(m)) is not None]
        found: list[StoredMedia] = await self.model.find(
            {"_id": {"$in": oids}, "owner_id": owner_id}
        ).to_list()
        return found

    async def attach_to_conversation(
        self, owner_id: str, media_ids: list[str], conversation_id: str
    ) -> None:
        oids = [oid for m in media_ids if (oid := parse_object_id(m)) is not None]
        await self.model.get_pymongo_collection().update_many(
            {"_id": {"$in": oids}, "owner_id": owner_id},
            {"$set": {"conversation_id": conversation_id}},
        )

    async def attach_to_post(self, owner_id: str, media_ids: list[str], post_id: str) -> None:
        oids = [oid for m in media_ids if (oid := parse_object_id(m)) is not None]
        await self.model.get_pymongo_collection().update_many(
            {"_id": {"$in": oids}, "owner_id": owner_id}, {"$set": {"post_id": post_id}}
        )

    async def pending_before(self, cutoff: datetime, *, limit: int) -> list[StoredMedia]:
        query = {"state": MediaState.PENDING.value, "created_at": {"$lt": cutoff}}
        found: list[StoredMedia] = await self.model.find(query).limit(limit).to_list()
        return found
