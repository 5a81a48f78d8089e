"""Every analytics query.

Writes take the consumer's transaction (`session`): the event's log entry, its
projection writes and any badge it earns commit together with its processed
id, or not at all. Writes are keyed by a natural id and converge whatever
order events arrive in, so a rebuild (no session) replays them to the same state.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from beanie import SortDirection
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from common.events import Event
from common.repository import Repository
from common.transactions import TransactionRetry, run_in_transaction
from subgraphs.analytics.models import (
    PROJECTIONS,
    Achievement,
    BadgeCheck,
    Fact,
    FactKind,
    GoalView,
    HabitView,
    RebuildLock,
    StoredEvent,
    UserProfile,
)

Session = AsyncClientSession | None
T = TypeVar("T")

_ASC = SortDirection.ASCENDING
_CLEAR_BATCH = 500


async def in_transaction(
    work: Callable[[AsyncClientSession], Awaitable[T]], *, attempts: int = 30
) -> T:
    """Run `work` in a transaction of its own, re-run when it conflicts with another.

    The rebuild writes this way too: a plain write that meets a consumer's open
    transaction waits on it, and the embedded server can deadlock on that;
    two transactions instead fail fast with a write conflict and one re-runs.
    An unknown commit result retries the commit, never `work` (`$inc` twice).
    """
    client = StoredEvent.get_pymongo_collection().database.client
    retry = TransactionRetry(
        attempts=attempts, budget_seconds=30.0, backoff_base_seconds=0.005, backoff_cap_seconds=0.5
    )
    return await run_in_transaction(client, work, retry=retry)


async def _upsert_if_not_older(
    model: type[Any],
    key: Mapping[str, Any],
    guard: str,
    value: Any,
    fields: Mapping[str, Any],
    session: Session,
) -> bool:
    """Write `fields` unless the stored row already reflects something newer than `value`.

    Read, then write: inside a transaction a concurrent writer of the same row
    makes one of the two conflict and re-run, so the check cannot go stale.
    """
    collection = model.get_pymongo_collection()
    current = await collection.find_one(dict(key), {guard: 1}, session=session)
    stored = current.get(guard) if current is not None else None
    if stored is not None and stored > as_stored(value):
        return False
    await collection.update_one(
        dict(key), {"$set": {**fields, guard: value}}, upsert=True, session=session
    )
    return True


def as_stored(value: Any) -> Any:
    # The database keeps milliseconds: compare live events (microseconds) as
    # they will read back, so a live run and a rebuild decide alike.
    if isinstance(value, datetime):
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return value


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class EventStore(Repository[StoredEvent]):
    model = StoredEvent

    async def record(self, event: Event, user_ids: Iterable[str], *, session: Session) -> None:
        row = {
            "event_id": event.id,
            "type": event.type,
            "source": event.source,
            "time": event.time,
            "version": event.version,
            "user_ids": sorted(set(user_ids)),
            "data": event.data,
        }
        await StoredEvent.get_pymongo_collection().update_one(
            {"event_id": event.id}, {"$setOnInsert": row}, upsert=True, session=session
        )

    async def replay(self) -> AsyncIterator[StoredEvent]:
        query = StoredEvent.find({}).sort([("time", _ASC), ("event_id", _ASC)])
        async for row in query:
            yield row

    async def for_user(self, user_id: str) -> list[StoredEvent]:
        return await StoredEvent.find({"user_ids": user_id}).sort([("time", _ASC)]).to_list()

    async def forget_user(self, user_id: str, *, keep: str, session: Session) -> None:
        await self.delete_where({"user_ids": user_id, "event_id": {"$ne": keep}}, session=session)


class Profiles(Repository[UserProfile]):
    model = UserProfile

    async def apply(
        self,
        user_id: str,
        *,
        timezone: str,
        ratings: Mapping[str, int] | None,
        as_of: datetime,
        session: Session,
    ) -> None:
        fields: dict[str, Any] = {"user_id": user_id, "timezone": timezone}
        if ratings is not None:
            fields["ratings"] = dict(ratings)
        key = {"user_id": user_id}
        await _upsert_if_not_older(UserProfile, key, "as_of", as_of, fields, session)

    async def find(self, user_id: str) -> UserProfile | None:
        return await UserProfile.find_one({"user_id": user_id})

    async def timezones(self, user_ids: Iterable[str]) -> dict[str, str]:
        rows = await UserProfile.find({"user_id": {"$in": list(user_ids)}}).to_list()
        return {r.user_id: r.timezone for r in rows}


class Goals(Repository[GoalView]):
    model = GoalView

    async def apply(
        self, goal_id: str, fields: Mapping[str, Any], *, as_of: datetime, session: Session
    ) -> None:
        row = {"goal_id": goal_id, **fields}
        await _upsert_if_not_older(GoalView, {"goal_id": goal_id}, "as_of", as_of, row, session)

    async def by_goal_ids(self, goal_ids: Iterable[str]) -> dict[str, GoalView]:
        rows = await GoalView.find({"goal_id": {"$in": list(goal_ids)}}).to_list()
        return {r.goal_id: r for r in rows}

    async def for_owner(self, owner_id: str) -> list[GoalView]:
        return await GoalView.find({"owner_id": owner_id, "deleted": False}).to_list()

    async def count_with_status(self, owner_id: str, status: str) -> int:
        return await GoalView.find(
            {"owner_id": owner_id, "status": status, "deleted": False}
        ).count()

    async def count_completed_between(self, owner_id: str, start: datetime, end: datetime) -> int:
        query = {
            "owner_id": owner_id,
            "status": "completed",
            "deleted": False,
            "completed_at": {"$gte": start, "$lt": end},
        }
        return await GoalView.find(query).count()


class Habits(Repository[HabitView]):
    model = HabitView

    async def apply(
        self,
        habit_id: str,
        *,
        owner_id: str,
        day: str,
        current: int,
        longest: int,
        session: Session,
    ) -> None:
        fields = {
            "habit_id": habit_id,
            "owner_id": owner_id,
            "current_streak": current,
            "longest_streak": longest,
        }
        key = {"habit_id": habit_id}
        await _upsert_if_not_older(HabitView, key, "last_day", day, fields, session)

    async def for_owner(self, owner_id: str) -> list[HabitView]:
        return await HabitView.find({"owner_id": owner_id}).to_list()


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
        self, key: str, *, kind: FactKind, user_id: str, at: datetime, session: Session
    ) -> None:
        """A fact whose kind flips back and forth (`like`/`unlike`): the newest event wins.

        An event no newer than the stored one changes nothing, so likes and
        unlikes applied in any order (retries, a rebuild) end in the same state.
        """
        collection = Fact.get_pymongo_collection()
        # Microseconds: stored datetimes keep only milliseconds, too coarse to order
        # a like and an unlike made in the same millisecond.
        micros = (at - _EPOCH) // timedelta(microseconds=1)
        stored = await collection.find_one({"key": key}, {"toggled_at": 1}, session=session)
        if stored is not None and stored.get("toggled_at", 0) >= micros:
            return
        row = {"kind": kind, "user_id": user_id, "at": at, "value": 0.0, "toggled_at": micros}
        row |= {"goal_id": None, "area": None}
        await collection.update_one({"key": key}, {"$set": row}, upsert=True, session=session)

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
        return await Fact.find(query).sort([("at", _ASC), ("key", _ASC)]).to_list()

    async def for_goals(self, goal_ids: Iterable[str]) -> list[Fact]:
        query = {"goal_id": {"$in": list(goal_ids)}}
        return await Fact.find(query).sort([("at", _ASC), ("key", _ASC)]).to_list()


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


class Achievements(Repository[Achievement]):
    model = Achievement

    async def unlocked_at(self, user_id: str, badge: str, *, session: Session) -> datetime | None:
        row = await Achievement.get_pymongo_collection().find_one(
            {"user_id": user_id, "badge": badge}, {"unlocked_at": 1}, session=session
        )
        return row["unlocked_at"] if row else None

    async def award(
        self, user_id: str, badge: str, title: str, at: datetime, *, session: Session
    ) -> bool:
        """Award or move the unlock time earlier; True only for the write that created it."""
        result = await Achievement.get_pymongo_collection().update_one(
            {"user_id": user_id, "badge": badge},
            {"$min": {"unlocked_at": at}, "$setOnInsert": {"title": title}},
            upsert=True,
            session=session,
        )
        return result.upserted_id is not None

    async def for_users(self, user_ids: Iterable[str]) -> dict[str, list[Achievement]]:
        query = Achievement.find({"user_id": {"$in": list(user_ids)}})
        grouped: dict[str, list[Achievement]] = {}
        # (unlocked_at, badge) is unique per user: the order is total.
        for row in await query.sort([("unlocked_at", _ASC), ("badge", _ASC)]).to_list():
            grouped.setdefault(row.user_id, []).append(row)
        return grouped


class BadgeChecks(Repository[BadgeCheck]):
    model = BadgeCheck

    async def bump(self, user_id: str, *, session: Session) -> None:
        await BadgeCheck.get_pymongo_collection().update_one(
            {"user_id": user_id}, {"$inc": {"checks": 1}}, upsert=True, session=session
        )


REBUILD = "rebuild"


class RebuildLocks(Repository[RebuildLock]):
    model = RebuildLock

    async def held(self, *, session: Session) -> bool:
        found = await RebuildLock.get_pymongo_collection().find_one(
            {"name": REBUILD}, {"_id": 1}, session=session
        )
        return found is not None

    async def acquire(self, holder: str, *, now: datetime, stale_after: timedelta) -> bool:
        """Take the lock, or take over one whose holder stopped renewing it."""
        collection = RebuildLock.get_pymongo_collection()
        row = {"name": REBUILD, "holder": holder, "started_at": now, "heartbeat_at": now}
        try:
            await collection.insert_one(row)
        except DuplicateKeyError:
            taken = await collection.find_one_and_update(
                {"name": REBUILD, "heartbeat_at": {"$lt": now - stale_after}},
                {"$set": {"holder": holder, "started_at": now, "heartbeat_at": now}},
            )
            return taken is not None
        return True

    async def renew(self, holder: str, *, now: datetime) -> bool:
        result = await RebuildLock.get_pymongo_collection().update_one(
            {"name": REBUILD, "holder": holder}, {"$set": {"heartbeat_at": now}}
        )
        return result.matched_count == 1

    async def release(self, holder: str) -> None:
        await self.delete_where({"name": REBUILD, "holder": holder})

    async def current(self) -> RebuildLock | None:
        return await RebuildLock.find_one({"name": REBUILD})


async def _delete_ids(collection: Any, ids: list[Any], session: AsyncClientSession) -> None:
    await collection.delete_many({"_id": {"$in": ids}}, session=session)


class Projections:
    """Operations that span every projection: erasure and rebuild."""

    async def forget_user(self, user_id: str, *, session: Session) -> None:
        by_user: list[tuple[type[Any], str]] = [
            (UserProfile, "user_id"),
            (GoalView, "owner_id"),
            (HabitView, "owner_id"),
            (Fact, "user_id"),
            (Achievement, "user_id"),
            (BadgeCheck, "user_id"),
        ]
        for model, field in by_user:
            await model.get_pymongo_collection().delete_many({field: user_id}, session=session)

    async def clear(self) -> None:
        """Empty every projection, in small transactions (see `in_transaction`)."""
        for model in PROJECTIONS:
            collection = model.get_pymongo_collection()
            while True:
                batch = await collection.find({}, {"_id": 1}).limit(_CLEAR_BATCH).to_list()
                if not batch:
                    break
                ids = [row["_id"] for row in batch]
                await in_transaction(partial(_delete_ids, collection, ids))
