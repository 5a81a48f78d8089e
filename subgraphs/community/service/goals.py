"""Posts about goals: the goal projection fed by the goals subgraph, and who sees which link."""

from __future__ import annotations

from datetime import datetime

from common.events.catalog import GoalChanged
from common.repository import Page, PageRequest
from subgraphs.community.models import ContentStatus, GoalAccess, Post, Privacy
from subgraphs.community.repository import Session
from subgraphs.community.service.deps import Deps
from subgraphs.community.service.scope import Viewer

_EMPTY: Page[Post] = Page(items=[], has_next_page=False, cursors=[])


class GoalService:
    def __init__(self, deps: Deps) -> None:
        self._repos = deps.repos

    async def posts(self, viewer: Viewer, goal_id: str, request: PageRequest) -> Page[Post]:
        """`Goal.posts`: the same rule as `Post.goal` (`Viewer.shows_goal_link`), as a query."""
        goal = await self._repos.goals.by_goal(goal_id)
        if goal is None:
            if viewer.user_id is None:
                return _EMPTY
            # Not heard of yet: the viewer's own links are all that may be shown.
            query: dict[str, object] = {
                "goal_id": goal_id,
                "author_id": viewer.user_id,
                "status": ContentStatus.PUBLISHED,
            }
            return await self._repos.posts.page_where(query, request)
        if not viewer.can_see_goal(goal):
            return _EMPTY
        query = {
            "$and": [viewer.audience_filter(), {"goal_id": goal_id, "author_id": goal.owner_id}]
        }
        return await self._repos.posts.page_where(query, request)

    async def refs(self, goal_ids: list[str]) -> dict[str, GoalAccess]:
        return await self._repos.goals.by_goals(goal_ids)

    async def apply(
        self,
        goal: GoalChanged,
        at: datetime,
        *,
        deleted: bool,
        restored: bool = False,
        session: Session,
    ) -> None:
        """Apply a goals event; older or repeated events change nothing."""
        await self._repos.goals.apply(
            goal.goal_id,
            at,
            owner_id=goal.owner_id,
            title=goal.title,
            visibility=Privacy(goal.visibility),
            deleted=deleted,
            restored=restored,
            session=session,
        )
        # Links nobody may ever see are dropped: those someone made to another user's goal
        # before we knew its owner. The owner's own links stay: hidden while the goal is
        # deleted (`Viewer.can_see_goal`), shown again if it comes back from the trash.
        await self._repos.posts.unlink_goal(
            goal.goal_id, except_author=goal.owner_id, session=session
        )
