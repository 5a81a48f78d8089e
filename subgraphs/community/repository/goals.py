"""The goal projection: which user owns a goal, who may see it, whether it still exists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from subgraphs.community.models import GoalAccess, GoalRef, Privacy
from subgraphs.community.repository.base import CommunityRepository, Session


class GoalRepository(CommunityRepository[GoalRef]):
    model = GoalRef

    async def by_goal(self, goal_id: str, *, session: Session = None) -> GoalRef | None:
        return self.parse(await self.collection().find_one({"goal_id": goal_id}, session=session))

    async def by_goals(self, goal_ids: Iterable[str]) -> dict[str, GoalAccess]:
        """Who may see each goal found: the fields a feed's links are checked on."""
        cursor = self.collection().find(
            {"goal_id": {"$in": list(goal_ids)}},
            {"_id": 0, "goal_id": 1, "owner_id": 1, "visibility": 1, "deleted": 1},
        )
        return {row["goal_id"]: GoalAccess.of_row(row) async for row in cursor}

    async def apply(
        self,
        goal_id: str,
        at: datetime,
        *,
        owner_id: str,
        title: str,
        visibility: Privacy,
        deleted: bool,
        session: Session = None,
    ) -> bool:
        """Apply a goals event unless a newer one was applied or the goal is deleted."""
        fields = {"owner_id": owner_id, "title": title, "visibility": visibility, "synced_at": at}
        if deleted:
            fields["title"] = ""
        current = await self.by_goal(goal_id, session=session)
        if current is None:
            await GoalRef(goal_id=goal_id, deleted=deleted, **fields).insert(session=session)
            return True
        # Compared by the server: both sides at BSON's millisecond precision.
        result = await self.collection().update_one(
            {
                "goal_id": goal_id,
                "deleted": False,
                **({} if deleted else {"synced_at": {"$lt": at}}),
            },
            {"$set": {**fields, "deleted": deleted}},
            session=session,
        )
        return result.modified_count == 1

    async def tombstone_owned_by(self, owner_id: str, *, session: Session = None) -> int:
        """An erased user's goals: hidden for good, titles forgotten."""
        result = await self.collection().update_many(
            {"owner_id": owner_id, "deleted": False},
            {"$set": {"deleted": True, "title": ""}},
            session=session,
        )
        return result.modified_count
