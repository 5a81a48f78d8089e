"""Reading every record a user owns in one subgraph's database, as plain JSON values."""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from bson import Decimal128, ObjectId

from common.db import Database

# A runaway collection must not take the process with it: past this many rows per
# collection the part says it was cut (`truncated`), which the archive then shows.
MAX_ROWS_PER_COLLECTION = 50_000


@dataclass(frozen=True, slots=True)
class Owned:
    """A collection whose rows belong to the user named in `owner_field`.

    `omit` lists fields never exported (password hashes, token digests): secrets the
    user does not need and must not leak through an archive.

    ```python
    Owned("goals", "owner_id")
    Owned("users", "_id", omit=("password_hash",))
    ```
    """

    collection: str
    owner_field: str
    omit: tuple[str, ...] = ()


async def gather(database: Database, user_id: str, owned: Sequence[Owned]) -> dict[str, Any]:
    """`{collections: {name: [rows]}, truncated: [names]}` for `user_id`."""
    collections: dict[str, list[Any]] = {}
    truncated: list[str] = []
    for item in owned:
        projection = {name: False for name in item.omit} or None
        cursor = database[item.collection].find(
            {item.owner_field: _owner_value(item.owner_field, user_id)}, projection
        )
        rows = [plain(row) async for row in cursor.limit(MAX_ROWS_PER_COLLECTION + 1)]
        if len(rows) > MAX_ROWS_PER_COLLECTION:
            rows = rows[:MAX_ROWS_PER_COLLECTION]
            truncated.append(item.collection)
        collections.setdefault(item.collection, []).extend(rows)
    return {"collections": collections, "truncated": truncated}


def _owner_value(field_name: str, user_id: str) -> object:
    # A document keyed by the user (users' own row) may store the id as an ObjectId.
    if field_name == "_id" and ObjectId.is_valid(user_id):
        return {"$in": [user_id, ObjectId(user_id)]}
    return user_id


def plain(value: Any) -> Any:
    """BSON values as JSON ones: ids as strings, times in ISO 8601, bytes in base64."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, ObjectId | Decimal128 | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    return value
