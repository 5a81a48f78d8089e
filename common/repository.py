"""The one repository base: all database access goes through a subclass of it."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from beanie import Document, PydanticObjectId, SortDirection
from bson import ObjectId
from bson.errors import InvalidId
from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common.errors import BadUserInput

D = TypeVar("D", bound=Document)

MAX_PAGE_SIZE = 100


def parse_object_id(value: str) -> PydanticObjectId | None:
    """None for strings that cannot be ids: such an id matches nothing rather than erroring."""
    try:
        return PydanticObjectId(value)
    except (InvalidId, TypeError):
        return None


@dataclass(frozen=True, slots=True)
class PageRequest:
    first: int = 20
    after: str | None = None

    def __post_init__(self) -> None:
        if not 0 < self.first <= MAX_PAGE_SIZE:
            raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}.", field="first")


@dataclass(frozen=True, slots=True)
class Page(Generic[D]):
    items: list[D]
    has_next_page: bool
    cursors: list[str]


class Repository(Generic[D]):
    model: ClassVar[type[Document]]

    # Every method takes `session=`, so a service's unit of work (its writes, the
    # reads they depend on, the outbox rows of its events) runs in one transaction.

    async def get(self, id: str, *, session: AsyncClientSession | None = None) -> D | None:
        oid = parse_object_id(id)
        if oid is None:
            return None
        found: D | None = await self.model.get(oid, session=session)
        return found

    async def get_many(
        self, ids: Iterable[str], *, session: AsyncClientSession | None = None
    ) -> dict[str, D]:
        oids = [oid for oid in map(parse_object_id, ids) if oid is not None]
        if not oids:
            return {}
        found: list[D] = await self.model.find({"_id": {"$in": oids}}, session=session).to_list()
        return {str(doc.id): doc for doc in found}

    async def set_fields(
        self,
        id: str,
        fields: Mapping[str, Any],
        *,
        where: Mapping[str, Any] | None = None,
        before: bool = False,
        session: AsyncClientSession | None = None,
    ) -> D | None:
        """`$set` fields on one document atomically; returns it as it is now (or, with
        `before`, as it was). None when no document with that id matches `where`."""
        oid = parse_object_id(id)
        if oid is None:
            return None
        raw = await self.model.get_pymongo_collection().find_one_and_update(
            {**(where or {}), "_id": oid},
            {"$set": dict(fields)},
            return_document=ReturnDocument.BEFORE if before else ReturnDocument.AFTER,
            session=session,
        )
        if raw is None:
            return None
        doc: D = self.model.model_validate(raw)
        return doc

    async def insert(self, doc: D, *, session: AsyncClientSession | None = None) -> D:
        await doc.insert(session=session)
        return doc

    async def save(self, doc: D, *, session: AsyncClientSession | None = None) -> D:
        await doc.save(session=session)
        return doc

    async def delete(self, doc: D, *, session: AsyncClientSession | None = None) -> None:
        await doc.delete(session=session)

    async def delete_where(
        self, query: Mapping[str, Any], *, session: AsyncClientSession | None = None
    ) -> int:
        result = await self.model.get_pymongo_collection().delete_many(dict(query), session=session)
        return result.deleted_count

    async def page(
        self,
        query: Mapping[str, Any],
        request: PageRequest,
        *,
        sort_field: str = "_id",
        descending: bool = True,
    ) -> Page[D]:
        """Keyset pagination on (sort_field, _id): stable while documents are inserted.

        The cursor holds the last row's sort value and id, so a page is one
        bounded, index-backed query however deep the client has paged.
        """
        direction = SortDirection.DESCENDING if descending else SortDirection.ASCENDING
        filters: list[dict[str, Any]] = [dict(query)]
        if request.after:
            value, last_id = _decode_cursor(request.after)
            op = "$lt" if descending else "$gt"
            if sort_field == "_id":
                filters.append({"_id": {op: last_id}})
            else:
                filters.append(
                    {"$or": [{sort_field: {op: value}}, {sort_field: value, "_id": {op: last_id}}]}
                )
        sort: list[tuple[str, SortDirection]] = [(sort_field, direction)]
        if sort_field != "_id":
            sort.append(("_id", direction))
        rows = (
            await self.model.find({"$and": filters} if len(filters) > 1 else filters[0])
            .sort(sort)
            .limit(request.first + 1)
            .to_list()
        )
        items = rows[: request.first]
        raw = [doc.model_dump(by_alias=True) for doc in items]
        cursors = [
            _encode_cursor(r.get(sort_field) if sort_field != "_id" else None, r["_id"])
            for r in raw
        ]
        return Page(items=items, has_next_page=len(rows) > request.first, cursors=cursors)


def cursor_of(doc: Document, sort_field: str = "_id") -> str:
    """The cursor `page` gives `doc`, for items reaching clients outside a page (subscriptions)."""
    raw = doc.model_dump(by_alias=True)
    return _encode_cursor(raw.get(sort_field) if sort_field != "_id" else None, raw["_id"])


def _encode_cursor(value: Any, oid: Any) -> str:
    if isinstance(value, datetime):
        encoded: Any = {"d": value.isoformat()}
    else:
        encoded = {"v": value}
    payload = json.dumps([encoded, str(oid)], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[Any, ObjectId]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        encoded, oid = json.loads(raw)
        value = datetime.fromisoformat(encoded["d"]) if "d" in encoded else encoded["v"]
        return value, ObjectId(oid)
    except (ValueError, KeyError, TypeError, InvalidId) as exc:
        raise BadUserInput("The cursor is not valid.", field="after") from exc


def ordered(ids: Sequence[str], found: Mapping[str, D]) -> list[D | None]:
    """Results in the order of `ids`, as a DataLoader must return them."""
    return [found.get(i) for i in ids]
