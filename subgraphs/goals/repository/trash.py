"""The trash: rows of deleted items, and the raw copies of the documents they hold."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import bson
from beanie import Document
from bson.codec_options import CodecOptions

from common.repository import Page, PageRequest, Repository
from subgraphs.goals.models import TrashDoc, TrashedDocument
from subgraphs.goals.repository._raw import Session, collection

RawDoc = dict[str, Any]
# Timezone-aware, as every other read of the goals database.
_CODEC: CodecOptions[RawDoc] = CodecOptions(tz_aware=True)


def collection_name(model: type[Document]) -> str:
    return collection(model).name


def encode(collection_name: str, raw: Mapping[str, Any]) -> TrashedDocument:
    return TrashedDocument(collection=collection_name, bson=bson.encode(raw))


def decode(document: TrashedDocument) -> RawDoc:
    return bson.decode(document.bson, codec_options=_CODEC)


class TrashRepository(Repository[TrashDoc]):
    model = TrashDoc

    async def snapshot(
        self, model: type[Document], query: Mapping[str, Any], *, session: Session = None
    ) -> list[TrashedDocument]:
        """The documents `query` matches, exactly as stored (ids and times included)."""
        name = collection_name(model)
        rows = await collection(model).find(dict(query), session=session).to_list()
        return [encode(name, row) for row in rows]

    async def write_back(self, documents: Mapping[str, list[RawDoc]], *, session: Session) -> None:
        """Insert raw documents into their collections (a duplicate id raises)."""
        database = collection(TrashDoc).database
        for name, rows in documents.items():
            if rows:
                await database[name].insert_many(rows, session=session)

    async def live_page(self, owner_id: str, now: datetime, request: PageRequest) -> Page[TrashDoc]:
        return await self.page({"owner_id": owner_id, "purge_at": {"$gt": now}}, request)

    async def live_item(
        self, owner_id: str, item_id: str, now: datetime, *, session: Session = None
    ) -> TrashDoc | None:
        query = {"owner_id": owner_id, "item_id": item_id, "purge_at": {"$gt": now}}
        return await TrashDoc.find_one(query, session=session)

    async def holding_goal(
        self, owner_id: str, goal_id: str, now: datetime, *, session: Session = None
    ) -> TrashDoc | None:
        query = {"owner_id": owner_id, "goal_ids": goal_id, "purge_at": {"$gt": now}}
        return await TrashDoc.find_one(query, session=session)

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)

    async def delete_expired(self, now: datetime, *, session: Session = None) -> int:
        return await self.delete_where({"purge_at": {"$lte": now}}, session=session)


def by_collection(row: TrashDoc) -> dict[str, list[RawDoc]]:
    grouped: dict[str, list[RawDoc]] = defaultdict(list)
    for document in row.documents:
        grouped[document.collection].append(decode(document))
    return grouped
