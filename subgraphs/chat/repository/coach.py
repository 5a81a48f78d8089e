"""The coach's memory of a user, and the replies it still owes (a small job queue)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from beanie import SortDirection
from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from common.repository import Repository
from subgraphs.chat.models import CoachCheckIn, CoachGoal, CoachReplyJob

Session = AsyncClientSession | None


class CoachMemoryRepository:
    """What the coach remembers of a user: goals it requested, check-ins it was told about."""

    async def record_goal(self, goal: CoachGoal, *, session: Session = None) -> None:
        await goal.insert(session=session)

    async def goal_created(
        self, request_id: str, goal_id: str, *, session: Session = None
    ) -> CoachGoal | None:
        raw = await CoachGoal.get_pymongo_collection().find_one_and_update(
            {"request_id": request_id},
            {"$set": {"goal_id": goal_id}},
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        return CoachGoal.model_validate(raw) if raw else None

    async def goals(self, user_id: str, limit: int = 5) -> list[CoachGoal]:
        return (
            await CoachGoal.find({"user_id": user_id})
            .sort([("requested_at", SortDirection.DESCENDING)])
            .limit(limit)
            .to_list()
        )

    async def check_in(
        self, user_id: str, habit: str, day: str, *, at: datetime, session: Session = None
    ) -> bool:
        """Record a check-in; False when that habit was already checked in that day."""
        # An upsert, not an insert: a duplicate key would abort the caller's transaction.
        key = {"user_id": user_id, "habit": habit, "day": day}
        result = await CoachCheckIn.get_pymongo_collection().update_one(
            key, {"$setOnInsert": {**key, "at": at}}, upsert=True, session=session
        )
        return result.upserted_id is not None

    async def forget(self, user_id: str, *, session: Session = None) -> None:
        await CoachGoal.get_pymongo_collection().delete_many({"user_id": user_id}, session=session)
        await CoachCheckIn.get_pymongo_collection().delete_many(
            {"user_id": user_id}, session=session
        )


class CoachReplyJobRepository(Repository[CoachReplyJob]):
    model = CoachReplyJob

    async def claim(self, now: datetime, lease: timedelta) -> CoachReplyJob | None:
        """The oldest job nobody holds (or whose holder's lease lapsed), now held by the caller."""
        raw = await CoachReplyJob.get_pymongo_collection().find_one_and_update(
            {"available_at": {"$lte": now}},
            {
                "$set": {"available_at": now + lease, "claim": uuid.uuid4().hex},
                "$inc": {"attempts": 1},
            },
            sort=[("available_at", 1)],
            return_document=ReturnDocument.AFTER,
        )
        return CoachReplyJob.model_validate(raw) if raw else None

    async def finish(self, job: CoachReplyJob, *, session: AsyncClientSession) -> bool:
        """Delete the job if the caller's claim is still the current one."""
        result = await CoachReplyJob.get_pymongo_collection().delete_one(
            {"_id": job.id, "claim": job.claim}, session=session
        )
        return result.deleted_count == 1

    async def extend(self, job: CoachReplyJob, until: datetime) -> bool:
        """Keep holding the job until `until`; False once the caller's claim is gone."""
        result = await CoachReplyJob.get_pymongo_collection().update_one(
            {"_id": job.id, "claim": job.claim}, {"$set": {"available_at": until}}
        )
        return result.matched_count == 1

    async def release(self, job: CoachReplyJob, now: datetime) -> None:
        """Give a claimed job back at once (a worker stopping on purpose)."""
        await CoachReplyJob.get_pymongo_collection().update_one(
            {"_id": job.id, "claim": job.claim},
            {"$set": {"available_at": now, "claim": None}, "$inc": {"attempts": -1}},
        )

    async def delete_for_user(self, user_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"user_id": user_id}, session=session)
