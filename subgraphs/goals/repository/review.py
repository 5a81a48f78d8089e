"""The reads a daily review gathers from other areas: one query per area, bounded by a day."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from common.repository import parse_object_id
from subgraphs.goals.domain.enums import FocusStatus
from subgraphs.goals.domain.review import Done
from subgraphs.goals.models import CheckInDoc, FocusSessionDoc, GoalDoc, HabitDoc, TodoTaskDoc
from subgraphs.goals.repository._raw import collection

# A day's review lists at most this many items of each kind (a guard, not a feature).
REVIEW_ITEMS = 200


class ReviewRepository:
    async def tasks_completed(self, owner_id: str, start: datetime, end: datetime) -> list[Done]:
        """Standalone tasks whose completion falls in [start, end)."""
        cursor = (
            collection(TodoTaskDoc)
            .find(
                {
                    "owner_id": owner_id,
                    "completed": True,
                    "completed_at": {"$gte": start, "$lt": end},
                },
                {"title": 1, "completed_at": 1},
            )
            .sort([("completed_at", 1)])
            .limit(REVIEW_ITEMS)
        )
        return [Done(str(r["_id"]), r["title"], r["completed_at"]) for r in await cursor.to_list()]

    async def goal_tasks_done(self, owner_id: str, start: datetime, end: datetime) -> list[Done]:
        """A goal's own tasks ticked off in [start, end), as `<goal id>:<task id>`."""
        window = {"$gte": start, "$lt": end}
        cursor = (
            collection(GoalDoc)
            .find(
                {"owner_id": owner_id, "tasks": {"$elemMatch": {"done": True, "done_at": window}}},
                {"tasks": 1},
            )
            .limit(REVIEW_ITEMS)
        )
        found: list[Done] = []
        for goal in await cursor.to_list():
            for task in goal.get("tasks", []):
                at = task.get("done_at")
                if task.get("done") and at is not None and start <= _aware(at) < end:
                    found.append(Done(f"{goal['_id']}:{task['id']}", task["title"], _aware(at)))
        found.sort(key=lambda d: (d.at is None, d.at))
        return found[:REVIEW_ITEMS]

    async def habits_checked_in(self, owner_id: str, day: str) -> list[Done]:
        cursor = (
            collection(CheckInDoc)
            .find({"owner_id": owner_id, "day": day}, {"habit_id": 1, "at": 1})
            .limit(REVIEW_ITEMS)
        )
        rows = await cursor.to_list()
        ids = [oid for r in rows if (oid := parse_object_id(r["habit_id"])) is not None]
        titles = {
            str(h["_id"]): h["title"]
            for h in await collection(HabitDoc).find({"_id": {"$in": ids}}, {"title": 1}).to_list()
        }
        return [
            Done(r["habit_id"], titles[r["habit_id"]], r.get("at"))
            for r in rows
            if r["habit_id"] in titles
        ]

    async def focus(self, owner_id: str, day: str) -> tuple[float, int]:
        """Finished focus minutes and sessions started on the local day."""
        pipeline: list[dict[str, Any]] = [
            {"$match": {"owner_id": owner_id, "status": FocusStatus.FINISHED.value, "day": day}},
            {"$group": {"_id": None, "minutes": {"$sum": "$minutes"}, "sessions": {"$sum": 1}}},
        ]
        rows = await (await collection(FocusSessionDoc).aggregate(pipeline)).to_list()
        return (float(rows[0]["minutes"]), int(rows[0]["sessions"])) if rows else (0.0, 0)


def _aware(value: datetime) -> datetime:
    # Raw reads give naive UTC datetimes unless the client is tz-aware.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
