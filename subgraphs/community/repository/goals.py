"""The goal projection: which user owns a goal, who may see it, whether it still exists."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from subgraphs.community.models import GoalAccess, GoalRef, Privacy
from subgraphs.community.repository.base import CommunityRepository, Session

_FOREVER = datetime(9999, 1, 1, tzinfo=UTC)


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
        restored: bool = False,
        session: Session = None,
    ) -> bool:
        """Apply a goals event unless a newer one was applied or the goal is deleted.

        Only a newer `restored` (the goal is back from the trash) brings a deleted goal back.
        """
        fields = {"owner_id": owner_id, "title": title, "visibility": visibility, "synced_at": at}
        if deleted:
            fields["title"] = ""
        current = await self.by_goal(goal_id, session=session)
        if current is None:
            await GoalRef(goal_id=goal_id, deleted=deleted, **fields).insert(session=session)
            return True
        guard: dict[str, object] = {"deleted": False}
        if restored:
            guard = {"synced_at": {"$lt": at}}
        elif deleted:
            # A restore newer than this (late, retried) deletion stands.
            guard["synced_at"] = {"$lte": at}
        else:
            guard["synced_at"] = {"$lt": at}
        # Compared by the server: both sides at BSON's millisecond precision.
        result = await self.collection().update_one(
            {"goal_id": goal_id, **guard},
            {"$set": {**fields, "deleted": deleted}},
            session=session,
        )
        return result.modified_count == 1

    async def tombstone_owned_by(self, owner_id: str, *, session: Session = None) -> int:
        """An erased user's goals: hidden for good, titles forgotten."""
        # Stamped past any event: a goal restored just before the erasure stays gone.
        result = await self.collection().update_many(
            {"owner_id": owner_id, "deleted": False},
            {"$set": {"deleted": True, "title": "", "synced_at": _FOREVER}},
            session=session,
        )
        return result.modified_count
