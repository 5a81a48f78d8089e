"""Projects and standalone tasks: every query `tasks(filter:)` and goal progress make."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from common.repository import Page, PageRequest, Repository, parse_object_id
from subgraphs.goals.domain.enums import TaskView
from subgraphs.goals.models import ProjectDoc, TodoTaskDoc
from subgraphs.goals.repository._raw import Session, collection


class ProjectRepository(Repository[ProjectDoc]):
    model = ProjectDoc

    async def page_for_owner(
        self, owner_id: str, request: PageRequest, *, include_archived: bool
    ) -> Page[ProjectDoc]:
        query: dict[str, Any] = {"owner_id": owner_id}
        if not include_archived:
            query["archived"] = False
        return await self.page(query, request)

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)


@dataclass(frozen=True)
class TaskQuery:
    """One list of tasks: the filter, and the order its index serves."""

    filter: dict[str, Any]
    sort_field: str
    descending: bool


def task_query(
    owner_id: str,
    *,
    view: TaskView,
    today: date,
    project_id: str | None = None,
    tag: str | None = None,
    completed: bool | None = None,
) -> TaskQuery:
    """Day views list by due day (soonest first), the others newest first.

    Day views show open tasks unless `completed` asks otherwise, so each is one
    equality plus a range on the `by_due_day` index.
    """
    query: dict[str, Any] = {"owner_id": owner_id}
    if project_id is not None:
        query["project_id"] = project_id
    if tag is not None:
        query["tags"] = tag
    day = today.isoformat()
    if view is TaskView.INBOX:
        query["project_id"] = None
    if view in (TaskView.TODAY, TaskView.UPCOMING, TaskView.OVERDUE):
        query["completed"] = False if view is TaskView.OVERDUE else bool(completed)
        query["due_day"] = {
            TaskView.TODAY: day,
            TaskView.UPCOMING: {"$gt": day},
            # Type bracketing: `$lt` a string never matches a task without a due day.
            TaskView.OVERDUE: {"$lt": day},
        }[view]
        return TaskQuery(query, "due_day", descending=False)
    if completed is not None:
        query["completed"] = completed
    return TaskQuery(query, "_id", descending=True)


class TodoTaskRepository(Repository[TodoTaskDoc]):
    model = TodoTaskDoc

    async def list_page(self, query: TaskQuery, request: PageRequest) -> Page[TodoTaskDoc]:
        return await self.page(
            query.filter, request, sort_field=query.sort_field, descending=query.descending
        )

    async def done_flags_for_goal(self, goal_id: str, *, session: Session = None) -> list[bool]:
        cursor = collection(TodoTaskDoc).find(
            {"goal_id": goal_id}, {"completed": 1, "_id": 0}, session=session
        )
        return [bool(row.get("completed")) for row in await cursor.to_list()]

    async def count_for_goal(self, goal_id: str, *, session: Session = None) -> int:
        return await collection(TodoTaskDoc).count_documents({"goal_id": goal_id}, session=session)

    async def in_project(self, project_id: str, *, session: Session = None) -> list[TodoTaskDoc]:
        return await TodoTaskDoc.find({"project_id": project_id}, session=session).to_list()

    async def links_to(self, goal_ids: Iterable[str], *, session: Session = None) -> dict[str, str]:
        """Task id -> goal id of the tasks linked to these goals."""
        cursor = collection(TodoTaskDoc).find(
            {"goal_id": {"$in": list(goal_ids)}}, {"goal_id": 1}, session=session
        )
        return {str(row["_id"]): str(row["goal_id"]) for row in await cursor.to_list()}

    async def relink(
        self, owner_id: str, links: Mapping[str, str], *, session: Session = None
    ) -> None:
        """Link tasks back to their goals, unless linked elsewhere (or gone) since."""
        for task_id, goal_id in links.items():
            oid = parse_object_id(task_id)
            if oid is None:
                continue
            await collection(TodoTaskDoc).update_one(
                {"_id": oid, "owner_id": owner_id, "goal_id": None},
                {"$set": {"goal_id": goal_id}},
                session=session,
            )

    async def unlink_goals(self, goal_ids: Iterable[str], *, session: Session = None) -> None:
        await collection(TodoTaskDoc).update_many(
            {"goal_id": {"$in": list(goal_ids)}}, {"$set": {"goal_id": None}}, session=session
        )

    async def delete_owner(self, owner_id: str, *, session: Session = None) -> int:
        return await self.delete_where({"owner_id": owner_id}, session=session)
