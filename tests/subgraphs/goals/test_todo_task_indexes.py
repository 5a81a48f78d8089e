"""Each query path of `tasks(filter:)`, and goal progress, reads its own index."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from common.db import Database
from subgraphs.goals.domain.enums import TaskView
from subgraphs.goals.models import TodoTaskDoc
from subgraphs.goals.repository._raw import collection
from subgraphs.goals.repository.tasks import TaskQuery, task_query

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

TODAY = date(2030, 3, 31)


def _stages(plan: dict[str, Any]) -> list[dict[str, Any]]:
    below = [plan.get("inputStage"), *plan.get("inputStages", [])]
    return [plan, *(stage for child in below if child for stage in _stages(child))]


async def _seed() -> None:
    rows = [
        TodoTaskDoc(
            owner_id=owner,
            title=f"t{i}",
            project_id="p1" if i % 2 else None,
            goal_id="g1" if i % 3 == 0 else None,
            tags=["home"] if i % 4 == 0 else [],
            due_day=f"2030-03-{1 + i % 28:02d}" if i % 5 else None,
            completed=i % 7 == 0,
        )
        for owner in ("alice", "bob")
        for i in range(40)
    ]
    await TodoTaskDoc.insert_many(rows)


async def _index_of(query: TaskQuery) -> list[str | None]:
    direction = -1 if query.descending else 1
    sort = [(query.sort_field, direction)]
    if query.sort_field != "_id":
        sort.append(("_id", direction))
    explained = await collection(TodoTaskDoc).find(query.filter).sort(sort).limit(21).explain()
    stages = _stages(explained["queryPlanner"]["winningPlan"])
    assert not [s for s in stages if s.get("stage") == "COLLSCAN"], explained
    return [s.get("indexName") for s in stages if s.get("stage") == "IXSCAN"]


@pytest.mark.parametrize(
    ("view", "extra", "index"),
    [
        (TaskView.ALL, {}, "by_owner"),
        (TaskView.INBOX, {}, "by_project"),
        (TaskView.ALL, {"project_id": "p1"}, "by_project"),
        (TaskView.ALL, {"tag": "home"}, "by_tag"),
        (TaskView.TODAY, {}, "by_due_day"),
        (TaskView.UPCOMING, {}, "by_due_day"),
        (TaskView.OVERDUE, {}, "by_due_day"),
        (TaskView.TODAY, {"completed": True}, "by_due_day"),
    ],
)
async def test_each_view_reads_its_index(
    goals_database: Database, view: TaskView, extra: dict[str, Any], index: str
) -> None:
    await _seed()
    assert await _index_of(task_query("alice", view=view, today=TODAY, **extra)) == [index]


async def test_goal_progress_reads_the_goal_index(goals_database: Database) -> None:
    await _seed()
    explained = await collection(TodoTaskDoc).find({"goal_id": "g1"}, {"completed": 1}).explain()
    stages = _stages(explained["queryPlanner"]["winningPlan"])
    assert [s.get("indexName") for s in stages if s.get("stage") == "IXSCAN"] == ["by_goal"]


async def test_day_views_split_on_the_local_day(goals_database: Database) -> None:
    """The queries themselves: today, before and after, open tasks only by default."""
    await _seed()

    async def days(view: TaskView) -> set[str]:
        query = task_query("alice", view=view, today=date(2030, 3, 10))
        rows = await collection(TodoTaskDoc).find(query.filter).to_list()
        assert all(not r["completed"] and r["owner_id"] == "alice" for r in rows)
        return {r["due_day"] for r in rows}

    assert await days(TaskView.TODAY) == {"2030-03-10"}
    assert max(await days(TaskView.OVERDUE)) < "2030-03-10"
    assert min(await days(TaskView.UPCOMING)) > "2030-03-10"
