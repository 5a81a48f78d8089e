"""Facts: one row per countable thing a user did, keyed by a natural id."""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from common.repository import Repository
from subgraphs.analytics.models import Fact, FactKind
from subgraphs.analytics.repository.base import ASC, Session

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Facts(Repository[Fact]):
    model = Fact

    async def put(
        self,
        key: str,
        *,
        kind: FactKind,
        user_id: str,
        at: datetime,
        value: float = 0.0,
        goal_id: str | None = None,
        area: str | None = None,
        session: Session,
    ) -> None:
        row = {
            "key": key,
            "kind": kind,
            "user_id": user_id,
            "at": at,
            "value": value,
            "goal_id": goal_id,
            "area": area,
        }
        await Fact.get_pymongo_collection().update_one(
            {"key": key}, {"$set": row}, upsert=True, session=session
        )

    async def toggle(
        self,
        key: str,
        *,
        kind: FactKind,
        user_id: str,
        at: datetime,
        goal_id: str | None = None,
        value: float = 0.0,
        day: str | None = None,
        toggled: datetime | None = None,
        session: Session,
    ) -> None:
        """A fact whose kind flips back and forth (`like`/`unlike`): the newest event wins.

        An event no newer than the stored one changes nothing, so likes and
        unlikes applied in any order (retries, a rebuild) end in the same state.
        """
        collection = Fact.get_pymongo_collection()
        # Microseconds: stored datetimes keep only milliseconds, too coarse to order
        # a like and an unlike made in the same millisecond.
        # `toggled` (default `at`) is the event's time, when `at` says something else.
        micros = ((toggled or at) - _EPOCH) // timedelta(microseconds=1)
        stored = await collection.find_one({"key": key}, {"toggled_at": 1}, session=session)
        if stored is not None and stored.get("toggled_at", 0) >= micros:
            return
        row = {"kind": kind, "user_id": user_id, "at": at, "value": value, "toggled_at": micros}
        row |= {"goal_id": goal_id, "area": None, "day": day}
        await collection.update_one({"key": key}, {"$set": row}, upsert=True, session=session)

    async def cap(self, key_prefix: str, kind: FactKind, value: float, *, session: Session) -> None:
        """No fact of `kind` whose key starts with `key_prefix` is worth more than `value`."""
        collection = Fact.get_pymongo_collection()
        # Found by the key's range alone, then sifted here: with any other predicate
        # beside it the embedded database scans every fact (~1,000 with 12 users),
        # where the range alone is a seek of the key index to the habit's check-ins.
        cursor = collection.find(
            {"key": _prefix_range(key_prefix)}, {"kind": 1, "value": 1}, session=session
        )
        over = [
            row["_id"]
            async for row in cursor
            if row.get("kind") == kind and _number(row.get("value")) > value
        ]
        if over:
            await collection.update_many(
                {"_id": {"$in": over}}, {"$set": {"value": value}}, session=session
            )

    async def first(
        self,
        key: str,
        *,
        kind: FactKind,
        user_id: str,
        at: datetime,
        goal_id: str | None = None,
        session: Session,
    ) -> None:
        """A fact that keeps the earliest time it was seen (e.g. a goal's first completion)."""
        await Fact.get_pymongo_collection().update_one(
            {"key": key},
            {
                "$min": {"at": at},
                "$setOnInsert": {
                    "kind": kind,
                    "user_id": user_id,
                    "value": 0.0,
                    "goal_id": goal_id,
                    "area": None,
                },
            },
            upsert=True,
            session=session,
        )

    async def count(
        self,
        user_id: str,
        kind: FactKind,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> int:
        return await Fact.find(_fact_query(user_id, kind, start, end)).count()

    async def total(
        self,
        user_id: str,
        kind: FactKind,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> float:
        pipeline: list[dict[str, Any]] = [
            {"$match": _fact_query(user_id, kind, start, end)},
            {"$group": {"_id": None, "total": {"$sum": "$value"}}},
        ]
        cursor = await Fact.get_pymongo_collection().aggregate(pipeline)
        rows = await cursor.to_list()
        return float(rows[0]["total"]) if rows else 0.0

    async def in_order(
        self,
        user_id: str,
        kind: FactKind,
        *,
        min_value: float | None = None,
        limit: int = 0,
        session: Session,
    ) -> list[Fact]:
        """A user's facts of one kind by (time, key): a total order, whatever the arrival order."""
        query: dict[str, Any] = {"user_id": user_id, "kind": kind}
        if min_value is not None:
            query["value"] = {"$gte": min_value}
        rows = await (
            Fact.get_pymongo_collection()
            .find(query, session=session)
            .sort([("at", 1), ("key", 1)])
            .limit(limit)
            .to_list()
        )
        return [Fact.model_validate(row) for row in rows]

    async def for_user(
        self, user_id: str, *, start: datetime | None = None, end: datetime | None = None
    ) -> list[Fact]:
        query: dict[str, Any] = {"user_id": user_id}
        if start is not None or end is not None:
            query["at"] = _between(start, end)
        return await Fact.find(query).sort([("at", ASC), ("key", ASC)]).to_list()

    async def moods_since(self, user_id: str, since_day: str) -> list[tuple[str, float]]:
        """(local day, mood) of the user's standing mood check-ins from `since_day` on."""
        query = {"user_id": user_id, "kind": "mood", "day": {"$gte": since_day}}
        rows = Fact.get_pymongo_collection().find(query, {"_id": 0, "day": 1, "value": 1})
        return [(row["day"], float(row["value"])) for row in await rows.to_list()]

    async def keys_and_times(
        self, user_id: str, kind: FactKind, *, start: datetime | None = None
    ) -> list[tuple[str, datetime]]:
        """(key, time) of the user's facts of one kind, read as the two fields only."""
        rows = Fact.get_pymongo_collection().find(
            _fact_query(user_id, kind, start, None), {"_id": 0, "key": 1, "at": 1}
        )
        return [(row["key"], row["at"]) for row in await rows.to_list()]

    async def for_goals(self, goal_ids: Iterable[str]) -> list[Fact]:
        query = {"goal_id": {"$in": list(goal_ids)}}
        return await Fact.find(query).sort([("at", ASC), ("key", ASC)]).to_list()


def _number(value: Any) -> float:
    # `$gt` on a number matches numbers only: anything else is never over the cap.
    if isinstance(value, bool) or not isinstance(value, int | float):
        return -math.inf
    return float(value)


def _prefix_range(prefix: str) -> dict[str, str]:
    """Keys starting with `prefix`, as a range on the key's index.

    An anchored `$regex` means the same, but the embedded database evaluates it on
    every fact instead of seeking the index.
    """
    last = prefix[-1:]
    if not last or ord(last) == sys.maxunicode:
        return {"$regex": f"^{re.escape(prefix)}"}
    # Past every string that starts with `prefix`: the prefix with its last character + 1.
    return {"$gte": prefix, "$lt": prefix[:-1] + chr(ord(last) + 1)}


def _between(start: datetime | None, end: datetime | None) -> dict[str, datetime]:
    bounds: dict[str, datetime] = {}
    if start is not None:
        bounds["$gte"] = start
    if end is not None:
        bounds["$lt"] = end
    return bounds


def _fact_query(
    user_id: str, kind: FactKind, start: datetime | None, end: datetime | None
) -> dict[str, Any]:
    query: dict[str, Any] = {"user_id": user_id, "kind": kind}
    if start is not None or end is not None:
        query["at"] = _between(start, end)
    return query
