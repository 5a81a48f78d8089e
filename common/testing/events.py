"""Event factories for tests."""

from __future__ import annotations

from common.events import Event
from common.events.catalog import TaskCompleted


def task_completed(*, user: str = "u1", task: str = "t1", goal: str = "g1") -> Event:
    """A valid catalog event; `task` makes each one recognisable."""
    return Event.of(
        "goals.task.completed",
        user_id=user,
        data=TaskCompleted(goal_id=goal, task_id=task, owner_id=user),
    )
