"""The one repository base: all database access goes through a subclass of it.

```python
from common.repository import Page, PageRequest, Repository


class GoalRepository(Repository[GoalDoc]):
    model = GoalDoc

    async def page_for_owner(self, owner_id: str, request: PageRequest) -> Page[GoalDoc]:
        return await self.page({"owner_id": owner_id}, request)
```
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import UnionType
from typing import Any, ClassVar, Generic, TypeVar, Union, cast, get_args, get_origin

from beanie import Document, PydanticObjectId, SortDirection
from beanie.odm.utils.encoder import Encoder
from beanie.odm.utils.parsing import parse_obj
from bson import ObjectId
from bson.errors import InvalidId
from pydantic.fields import FieldInfo
from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common import cursors
from common.errors import BadUserInput

D = TypeVar("D", bound=Document)

MAX_PAGE_SIZE = 100


def parse_object_id(value: str) -> PydanticObjectId | None:
    """None for strings that cannot be ids: such an id matches nothing rather than erroring.

    ```python
    oid = parse_object_id(goal_id)
    if oid is None:
        raise NotFound("Goal not found.")
    ```
    """
    try:
        return PydanticObjectId(value)
    except (InvalidId, TypeError):
        return None


@dataclass(frozen=True, slots=True)
class PageRequest:
    """A client's `first`/`after` arguments, checked: `first` is 1 to `MAX_PAGE_SIZE`.

    `after` is a cursor that `Repository.page` signed; a forged or foreign one is
    `BadUserInput`, never a query operator.

    ```python
    request = PageRequest(first=first, after=after)  # in the resolver
    page = await services.goals.mine(viewer, request)
    ```
    """

    first: int = 20
    after: str | None = None

    def __post_init__(self) -> None:
        if not 0 < self.first <= MAX_PAGE_SIZE:
            raise BadUserInput(f"`first` must be between 1 and {MAX_PAGE_SIZE}.", field="first")


@dataclass(frozen=True, slots=True)
class Page(Generic[D]):
    """One page of documents, with a cursor per item for the next request's `after`.

    ```python
    page = await repository.page({"owner_id": owner_id}, PageRequest(first=10))
    connection_from_page(page, GoalType.from_doc)  # the GraphQL connection
    ```
    """

    items: list[D]
    has_next_page: bool
    cursors: list[str]
    # Keyset pages know only that they were asked for past a cursor: items came before.
    has_previous_page: bool = False


class Repository(Generic[D]):
    """Typed access to one beanie model; subclasses add the queries their service needs.

    Ids are strings at this boundary: one that is not an ObjectId finds nothing.

    ```python
    class PostRepository(Repository[Post]):
        model = Post

    posts = PostRepository()
    post = await posts.get(post_id, session=tx.session)
    ```
    """

    model: ClassVar[type[Document]]

    # Every method takes `session=`, so a service's unit of work (its writes, the
    # reads they depend on, the outbox rows of its events) runs in one transaction.

    async def get(self, id: str, *, session: AsyncClientSession | None = None) -> D | None:
        """The document with this id, or None.

        ```python
        goal = await goals.get(goal_id)
        ```
        """
        oid = parse_object_id(id)
        if oid is None:
            return None
        # Not `model.get`: it re-derives the id's class from the model's annotations on
        # every call (~30% of its samples on the home screen); `oid` is already one.
        found: D | None = await self.model.find_one({"_id": oid}, session=session)
        return found

    async def get_many(
        self, ids: Iterable[str], *, session: AsyncClientSession | None = None
    ) -> dict[str, D]:
        """The documents found among `ids`, by id: one query, for DataLoaders.

        ```python
        loader = batch_loader(posts.get_many)  # common.graphql.loaders
        ```
        """
        oids = [oid for oid in map(parse_object_id, ids) if oid is not None]
        if not oids:
            return {}
        # PyMongo's cursor, not beanie's `find`: its query builder re-encodes a filter that
        # is BSON already (a fifth of this read's samples); documents are built as `find` does.
        cursor = self.model.get_pymongo_collection().find({"_id": {"$in": oids}}, session=session)
        found = [cast("D", parse_obj(self.model, raw)) for raw in await cursor.to_list()]
        return {str(doc.id): doc for doc in found}

    async def count_where(
        self, query: Mapping[str, Any], *, session: AsyncClientSession | None = None
    ) -> int:
        """How many documents match `query` (plain BSON: strings, numbers, ids).

        One `count_documents`, as beanie's `find(...).count()` sends, without building
        its query object on every call (a count is on the home screen).

        ```python
        active = await goals.count_where({"owner_id": owner_id, "status": "active"})
        ```
        """
        collection = self.model.get_pymongo_collection()
        return await collection.count_documents(dict(query), session=session)

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
        `before`, as it was). None when no document with that id matches `where`.

        ```python
        done = await goals.set_fields(goal_id, {"status": "done"}, where={"owner_id": me})
        ```
        """
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
        """Insert a new document; it comes back with its id.

        ```python
        goal = await goals.insert(GoalDoc(owner_id=me, title=title), session=tx.session)
        ```
        """
        await doc.insert(session=session)
        return doc

    async def save(self, doc: D, *, session: AsyncClientSession | None = None) -> D:
        """Write the whole document (inserted when new); prefer `set_fields` for a change.

        ```python
        goal.title = title
        await goals.save(goal, session=tx.session)
        ```
        """
        await doc.save(session=session)
        return doc

    async def delete(self, doc: D, *, session: AsyncClientSession | None = None) -> None:
        """Delete this document.

        ```python
        await goals.delete(goal, session=tx.session)
        ```
        """
        await doc.delete(session=session)

    async def delete_where(
        self, query: Mapping[str, Any], *, session: AsyncClientSession | None = None
    ) -> int:
        """Delete every document matching `query`; returns how many went.

        ```python
        removed = await comments.delete_where({"post_id": post_id}, session=tx.session)
        ```
        """
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

        ```python
        page = await posts.page({"status": "published"}, request, sort_field="hot_score")
        ```
        """
        direction = SortDirection.DESCENDING if descending else SortDirection.ASCENDING
        filters: list[dict[str, Any]] = [dict(query)]
        if request.after:
            value, last_id = _decode_cursor(request.after, self.model, sort_field)
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
        # PyMongo's cursor, as in `get_many`: beanie's `find` built a query object and
        # resolved its paths per call. Callers' filters may hold what only beanie can
        # encode (enums, expressions), so they go through beanie's encoder as `find` did.
        encoder = Encoder(custom_encoders=self.model.get_settings().bson_encoders)
        query_doc = encoder.encode({"$and": filters} if len(filters) > 1 else filters[0])
        cursor = self.model.get_pymongo_collection().find(
            query_doc, sort=sort, limit=request.first + 1
        )
        rows = [cast("D", parse_obj(self.model, raw)) for raw in await cursor.to_list()]
        items = rows[: request.first]
        # The two values are read off each document: dumping it whole cost far more.
        attribute = None if sort_field == "_id" else _attribute(self.model, sort_field)
        tokens = [
            _encode_cursor(getattr(doc, attribute, None) if attribute else None, doc.id, sort_field)
            for doc in items
        ]
        return Page(
            items=items,
            has_next_page=len(rows) > request.first,
            cursors=tokens,
            has_previous_page=request.after is not None,
        )


def _attribute(model: type[Document], stored_name: str) -> str:
    """The attribute holding the field stored as `stored_name` (its alias, or its name)."""
    fields: dict[str, FieldInfo] = model.model_fields
    for name, info in fields.items():
        if stored_name in (info.alias, name):
            return name
    return stored_name


def _encode_cursor(value: Any, oid: Any, sort_field: str) -> str:
    if isinstance(value, datetime):
        encoded: Any = {"d": value.isoformat()}
    else:
        encoded = {"v": value}
    payload = json.dumps([encoded, str(oid)], separators=(",", ":"))
    return cursors.sign(payload.encode(), context=sort_field)


def _decode_cursor(cursor: str, model: type[Document], sort_field: str) -> tuple[Any, ObjectId]:
    """The (sort value, id) of a cursor we signed for this sort field, of the field's type.

    The type check stands even if the key leaked: a value reaching the query is a
    scalar of the sort field's own type, never an operator document.
    """
    payload = cursors.verify(cursor, context=sort_field, field="after")
    invalid = BadUserInput("The cursor is not valid.", field="after")
    try:
        encoded, oid = json.loads(payload)
        value = datetime.fromisoformat(encoded["d"]) if "d" in encoded else encoded["v"]
        last_id = ObjectId(oid)
    except (ValueError, KeyError, TypeError, InvalidId) as exc:
        raise invalid from exc
    if sort_field != "_id" and not _fits(value, _field_types(model, sort_field)):
        raise invalid
    return value, last_id


_SCALARS: tuple[type, ...] = (str, int, float, datetime)
_INT64 = 2**63


def _field_types(model: type[Document], name: str) -> tuple[type, ...]:
    """The scalar types a sort field may hold (NoneType when it is optional)."""
    info = model.model_fields.get(name)
    if info is None:
        return (*_SCALARS, type(None))
    annotation = info.annotation
    members = (
        get_args(annotation) if get_origin(annotation) in (Union, UnionType) else (annotation,)
    )
    # JSON brings enums back as their plain values.
    types = tuple(_plain(m) for m in members if isinstance(m, type))
    return (*types, float) if int in types or float in types else types


def _plain(kind: type) -> type:
    for base in (str, datetime):
        if issubclass(kind, base):
            return base
    return int if issubclass(kind, int) and kind is not bool else kind


def _fits(value: Any, types: tuple[type, ...]) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False
    if isinstance(value, int) and not isinstance(value, bool) and not -_INT64 <= value < _INT64:
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if isinstance(value, int) and float in types:
        return True
    return isinstance(value, types) and isinstance(value, (*_SCALARS, bool, type(None)))
