"""Units of work commit whole or not at all: a crash half-way leaves no trace, events included.

`CrashingPublisher` fails in the middle of a unit (after some of its writes and
events); the transaction is aborted as a dead process's would never commit.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import pytest

from common.db import Database
from common.events import InvalidEvent
from common.events.outbox import COLLECTION as OUTBOX
from common.infra import Infrastructure
from subgraphs.goals.domain.enums import LifeArea, ReminderTarget
from subgraphs.goals.models import GoalDoc
from subgraphs.goals.service.container import GoalsServices, build_services
from subgraphs.goals.service.goals import GoalInput, GoalPatch, TaskInput, TaskPatch
from subgraphs.goals.service.reminders import ReminderInput

from .conftest import CrashingPublisher, FakeClock, Recorder, settle

pytestmark = [pytest.mark.rabbitmq]


async def snapshot(database: Database) -> dict[str, Any]:
    """Every goal, reminder and trash row as stored, and how many events were ever put in
    the outbox."""
    goals = await database["goals"].find({}, {"updated_at": 0}).sort("_id").to_list()
    reminders = await database["reminders"].find().sort("_id").to_list()
    return {
        "goals": goals,
        "reminders": reminders,
        "trash": await database["trash"].find().sort("_id").to_list(),
        "outbox": await database[OUTBOX].count_documents({}),
    }


async def family(services: GoalsServices) -> tuple[GoalDoc, GoalDoc, GoalDoc]:
    """Root > Middle > Leaf, Leaf with two tasks (one done) and a reminder on Middle."""
    root = await services.goals.create("alice", GoalInput(title="Root", area=LifeArea.HEALTH))
    middle = await services.goals.create(
        "alice", GoalInput(title="Middle", area=LifeArea.HEALTH, parent_id=str(root.id))
    )
    leaf = await services.goals.create(
        "alice",
        GoalInput(
            title="Leaf",
            area=LifeArea.HEALTH,
            parent_id=str(middle.id),
            tasks=[TaskInput("a"), TaskInput("b")],
        ),
    )
    await services.goals.update_task("alice", str(leaf.id), leaf.tasks[0].id, TaskPatch(done=True))
    await services.reminders.create(
        "alice",
        ReminderInput(ReminderTarget.GOAL, str(middle.id), at=datetime(2030, 1, 1, tzinfo=UTC)),
    )
    return root, middle, leaf


def crashing(database: Database, clock: FakeClock, event_type: str, nth: int) -> GoalsServices:
    return build_services(CrashingPublisher(database, crash_on=event_type, nth=nth), clock=clock)


async def test_deleting_a_subtree_that_crashes_half_way_deletes_nothing(
    goals_services: GoalsServices, goals_database: Database, clock: FakeClock
) -> None:
    root, middle, _ = await family(goals_services)
    before = await snapshot(goals_database)
    assert [g["progress"] for g in before["goals"]] == [50, 50, 50]

    # Both goals and the reminder are deleted and the root recomputed before the
    # second `deleted` event is published.
    broken = crashing(goals_database, clock, "goals.goal.deleted", nth=2)
    with pytest.raises(InvalidEvent):
        await broken.goals.delete("alice", str(middle.id))
    assert await snapshot(goals_database) == before

    deleted = await goals_services.goals.delete("alice", str(middle.id))
    assert len(deleted) == 2
    after = await snapshot(goals_database)
    assert [g["title"] for g in after["goals"]] == ["Root"]
    assert after["reminders"] == []
    # Two `deleted` events; the root, with nothing left to derive from, keeps its value.
    assert after["outbox"] == before["outbox"] + 2
    assert str(root.id) == str(after["goals"][0]["_id"])
    assert [row["item_id"] for row in after["trash"]] == [str(middle.id)]


async def test_a_restore_that_crashes_half_way_restores_nothing_and_a_whole_one_all(
    goals_services: GoalsServices, goals_database: Database, clock: FakeClock
) -> None:
    _, middle, _ = await family(goals_services)
    before_delete = await snapshot(goals_database)
    await goals_services.goals.delete("alice", str(middle.id))
    in_trash = await snapshot(goals_database)

    # Both goals and the reminder are back before the second `restored` event.
    broken = crashing(goals_database, clock, "goals.goal.restored", nth=2)
    with pytest.raises(InvalidEvent):
        await broken.trash.restore("alice", str(middle.id))
    assert await snapshot(goals_database) == in_trash

    await goals_services.trash.restore("alice", str(middle.id))
    after = await snapshot(goals_database)
    # Exactly as stored before the delete (the reminder's time has not passed).
    assert (after["goals"], after["reminders"], after["trash"]) == (
        before_delete["goals"],
        before_delete["reminders"],
        [],
    )
    assert after["outbox"] == in_trash["outbox"] + 2


async def test_a_template_instantiation_that_crashes_creates_no_goal(
    goals_services: GoalsServices, goals_database: Database, clock: FakeClock
) -> None:
    parent = await goals_services.goals.create(
        "alice", GoalInput(title="Parent", area=LifeArea.CAREER)
    )
    before = await snapshot(goals_database)
    broken = crashing(goals_database, clock, "goals.goal.created", nth=3)
    with pytest.raises(InvalidEvent):
        await broken.templates.instantiate(
            "alice", "builtin-emergency-fund", parent_id=str(parent.id)
        )
    assert await snapshot(goals_database) == before

    made = await goals_services.templates.instantiate(
        "alice", "builtin-emergency-fund", parent_id=str(parent.id)
    )
    below = await goals_services.goals.subtree("alice", str(parent.id))
    assert str(made.id) in [str(g.id) for g in below[1]]
    assert sorted(g.title for g in below[1]) == [
        "Build an emergency fund",
        "Save the first month",
        "Save three months",
    ]


async def test_moving_a_subtree_that_crashes_moves_nothing(
    goals_services: GoalsServices, goals_database: Database, clock: FakeClock
) -> None:
    root, middle, _ = await family(goals_services)
    other = await goals_services.goals.create(
        "alice", GoalInput(title="Other", area=LifeArea.HEALTH)
    )
    before = await snapshot(goals_database)
    # The event of the moved goal is published last, after every write.
    broken = crashing(goals_database, clock, "goals.goal.updated", nth=1)
    with pytest.raises(InvalidEvent):
        await broken.goals.update("alice", str(middle.id), GoalPatch(parent_id=str(other.id)))
    assert await snapshot(goals_database) == before

    await goals_services.goals.update("alice", str(middle.id), GoalPatch(parent_id=str(other.id)))
    moved = {g["title"]: g for g in (await snapshot(goals_database))["goals"]}
    assert moved["Leaf"]["ancestor_ids"] == [str(other.id), str(middle.id)]
    assert (moved["Other"]["progress"], moved["Root"]["progress"]) == (50, 50)
    assert str(root.id) not in moved["Leaf"]["ancestor_ids"]


async def test_concurrent_task_changes_on_one_goal_lose_nothing(
    goals_services: GoalsServices,
    goals_database: Database,
    infra: Infrastructure,
    service_recorder: Recorder,
) -> None:
    goal = await goals_services.goals.create(
        "alice",
        GoalInput(title="Busy", area=LifeArea.HEALTH, tasks=[TaskInput(str(i)) for i in range(4)]),
    )
    await asyncio.gather(
        *(
            goals_services.goals.update_task("alice", str(goal.id), t.id, TaskPatch(done=True))
            for t in goal.tasks
        )
    )
    stored = await goals_services.goals.owned("alice", str(goal.id))
    assert [t.done for t in stored.tasks] == [True] * 4
    assert stored.progress == 100
    events = await settle(infra, goals_database, service_recorder)
    assert len([e for e in events if e.type == "goals.task.completed"]) == 4
