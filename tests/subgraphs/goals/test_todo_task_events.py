"""What completing, reopening and moving tasks tell other subgraphs, through the outbox."""

from __future__ import annotations

from typing import Any

import pytest

from common.events.catalog import TaskCompleted, TaskMoved

from .conftest import Api, Recorder

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

COMPLETE = "mutation($i: TodoTaskIdInput!) { completeTodoTask(input: $i) { completed } }"
UNCOMPLETE = "mutation($i: TodoTaskIdInput!) { uncompleteTodoTask(input: $i) { completed } }"
MOVE = "mutation($i: MoveTodoTaskInput!) { moveTodoTask(input: $i) { projectId } }"


async def _task(api: Api, **fields: Any) -> str:
    data = await api.ok(
        "mutation($i: CreateTodoTaskInput!) { createTodoTask(input: $i) { id } }",
        {"i": fields},
        user="alice",
    )
    task_id: str = data["createTodoTask"]["id"]
    return task_id


async def test_complete_and_uncomplete_publish_once_each(api: Api, recorder: Recorder) -> None:
    goal = await api.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id } }",
        {"i": {"title": "Fit", "area": "HEALTH"}},
        user="alice",
    )
    goal_id = goal["createGoal"]["id"]
    task_id = await _task(api, title="Run", goalId=goal_id)

    for _ in range(2):  # the second completion changes nothing and tells nothing
        await api.ok(COMPLETE, {"i": {"id": task_id}}, user="alice")
    await api.ok(UNCOMPLETE, {"i": {"id": task_id}}, user="alice")

    [done] = await recorder.wait_count("goals.task.completed", 1)
    [undone] = await recorder.wait_count("goals.task.uncompleted", 1)
    expected = TaskCompleted(task_id=task_id, owner_id="alice", goal_id=goal_id)
    assert done.payload() == expected
    assert undone.payload() == expected
    assert done.user_id == "alice"
    # The linked goal's progress moved to 100 and back, each told as an update.
    updates = await recorder.wait_count("goals.goal.updated", 2)
    assert [e.data["progress"] for e in updates] == [100, 0]


async def test_moves_publish_from_and_to(api: Api, recorder: Recorder) -> None:
    project = await api.ok(
        "mutation($i: CreateProjectInput!) { createProject(input: $i) { id } }",
        {"i": {"name": "Home"}},
        user="alice",
    )
    project_id = project["createProject"]["id"]
    task_id = await _task(api, title="Fix tap")
    await api.ok(MOVE, {"i": {"id": task_id, "projectId": project_id}}, user="alice")
    await api.ok(MOVE, {"i": {"id": task_id, "projectId": project_id}}, user="alice")
    await api.ok(MOVE, {"i": {"id": task_id, "projectId": None}}, user="alice")

    moves = await recorder.wait_count("goals.task.moved", 2)
    assert [m.payload() for m in moves] == [
        TaskMoved(task_id=task_id, owner_id="alice", to_project_id=project_id),
        TaskMoved(task_id=task_id, owner_id="alice", from_project_id=project_id),
    ]


async def test_unticking_a_goals_own_task_is_told_too(api: Api, recorder: Recorder) -> None:
    created = await api.ok(
        "mutation($i: CreateGoalInput!) { createGoal(input: $i) { id tasks { id } } }",
        {"i": {"title": "Read", "area": "LEARNING", "tasks": [{"title": "Buy a book"}]}},
        user="alice",
    )
    goal_id = created["createGoal"]["id"]
    task_id = created["createGoal"]["tasks"][0]["id"]
    tick = "mutation($i: UpdateTaskInput!) { updateTask(input: $i) { id } }"
    for done in (True, False):
        await api.ok(
            tick, {"i": {"goalId": goal_id, "taskId": task_id, "done": done}}, user="alice"
        )
    [undone] = await recorder.wait_count("goals.task.uncompleted", 1)
    assert undone.payload() == TaskCompleted(task_id=task_id, owner_id="alice", goal_id=goal_id)
