"""Coach actions a user confirmed in chat, carried out by goals' consumer: once, as the
user who confirmed, through the same owner checks and validation as their own mutations."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from common.db import Database
from common.events import Event
from common.events.catalog import CoachActionRequested
from common.infra import Infrastructure
from common.repository import PageRequest
from subgraphs.goals.domain.enums import LifeArea, ScheduleKind
from subgraphs.goals.domain.streaks import Schedule
from subgraphs.goals.service.container import GoalsServices
from subgraphs.goals.service.goals import GoalInput
from subgraphs.goals.service.habits import HabitInput
from subgraphs.goals.service.tasks import TodoTaskInput

from .conftest import FakeClock, Recorder, settle

pytestmark = [pytest.mark.rabbitmq]

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)


def request(request_id: str, action: str, *, user: str = "alice", **fields: Any) -> Event:
    return Event.of(
        "chat.coach.action_requested",
        user_id=user,
        data=CoachActionRequested.model_validate(
            {
                "request_id": request_id,
                "conversation_id": "c1",
                "user_id": user,
                "action": action,
                **fields,
            }
        ),
    )


async def outcomes(
    infra: Infrastructure, database: Database, recorder: Recorder, count: int
) -> list[dict[str, Any]]:
    await recorder.wait_count("goals.coach_action.applied", count)
    events = await settle(infra, database, recorder)
    return [e.data for e in events if e.type == "goals.coach_action.applied"]


async def test_a_check_in_request_checks_in_once_however_often_delivered(
    goals_services: GoalsServices,
    infra: Infrastructure,
    goals_database: Database,
    service_recorder: Recorder,
    clock: FakeClock,
) -> None:
    clock.now = T0
    habit = await goals_services.habits.create(
        "alice", HabitInput(title="Stretch", schedule=Schedule(ScheduleKind.DAILY))
    )
    check_in = request("req-1", "check_in_habit", habit_id=str(habit.id), day="2025-03-01")
    # Redelivered (same event id), and published again under a new event id.
    for event in (check_in, check_in, request("req-1", "check_in_habit", habit_id=str(habit.id))):
        await infra.bus.publish(event)
    [outcome] = await outcomes(infra, goals_database, service_recorder, 1)
    assert outcome["applied"] is True
    assert outcome["summary"] == "Stretch is checked in for 2025-03-01."
    assert outcome["object_id"] == str(habit.id)
    state = (await goals_services.habits.states([habit]))[str(habit.id)]
    assert state.days == [date(2025, 3, 1)]
    checked = [e for e in service_recorder.events if e.type == "goals.habit.checked_in"]
    assert len(checked) == 1


async def test_requests_act_only_on_the_requesters_own_objects(
    goals_services: GoalsServices,
    infra: Infrastructure,
    goals_database: Database,
    service_recorder: Recorder,
    clock: FakeClock,
) -> None:
    clock.now = T0
    bobs_habit = await goals_services.habits.create(
        "bob", HabitInput(title="Bob's run", schedule=Schedule(ScheduleKind.DAILY))
    )
    bobs_goal = await goals_services.goals.create(
        "bob", GoalInput(title="Bob's goal", area=LifeArea.HEALTH)
    )
    for event in (
        request("r1", "check_in_habit", habit_id=str(bobs_habit.id)),
        request("r2", "set_goal_progress", goal_id=str(bobs_goal.id), progress=90),
        request(
            "r3",
            "schedule",
            title="Sneaky",
            starts_at=T0 + timedelta(days=1),
            duration_minutes=30,
            goal_id=str(bobs_goal.id),
        ),
        request("r4", "check_in_habit", habit_id="not-an-id"),
    ):
        await infra.bus.publish(event)
    found = await outcomes(infra, goals_database, service_recorder, 4)
    assert sorted((o["request_id"], o["applied"], o["reason"]) for o in found) == [
        ("r1", False, "NOT_FOUND"),
        ("r2", False, "NOT_FOUND"),
        ("r3", False, "NOT_FOUND"),
        ("r4", False, "NOT_FOUND"),
    ]
    # Nothing of Bob's changed, and nothing was written for Alice.
    assert (await goals_services.habits.states([bobs_habit]))[str(bobs_habit.id)].days == []
    assert (await goals_services.goals.owned("bob", str(bobs_goal.id))).progress == 0
    calendar = await goals_services.calendar.calendar("alice", T0, T0 + timedelta(days=3))
    assert calendar == []


async def test_each_action_is_carried_out_or_refused_with_its_reason(
    goals_services: GoalsServices,
    infra: Infrastructure,
    goals_database: Database,
    service_recorder: Recorder,
    clock: FakeClock,
) -> None:
    clock.now = T0
    goal = await goals_services.goals.create("alice", GoalInput(title="5k", area=LifeArea.HEALTH))
    habit = await goals_services.habits.create(
        "alice", HabitInput(title="Stretch", schedule=Schedule(ScheduleKind.DAILY))
    )
    await goals_services.habits.check_in("alice", str(habit.id))
    start = T0 + timedelta(days=1)
    for event in (
        request("a1", "log_tracker", metric="sleep_hours", value=7.5),
        request("a2", "set_goal_progress", goal_id=str(goal.id), progress=40),
        request(
            "a3", "schedule", title="Deep work", starts_at=start, duration_minutes=45, focus=True
        ),
        request("b1", "log_tracker", metric="weight_kg", value=900),
        request("b2", "log_tracker", metric="spending", value=12),
        request("b3", "check_in_habit", habit_id=str(habit.id), day="2025-03-01"),
        request("b4", "check_in_habit", habit_id=str(habit.id), day="2025-03-05"),
    ):
        await infra.bus.publish(event)
    found = {o["request_id"]: o for o in await outcomes(infra, goals_database, service_recorder, 7)}
    assert found["a1"]["summary"] == "Logged 7.5 of sleep hours."
    assert found["a2"]["summary"] == '"5k" is at 40%.'
    assert (
        found["a3"]["summary"] == '"Focus: Deep work" is on your calendar for 2025-03-02 12:00 UTC.'
    )
    assert all(found[k]["applied"] for k in ("a1", "a2", "a3"))
    assert {k: found[k]["reason"] for k in ("b1", "b2", "b3", "b4")} == {
        "b1": "BAD_USER_INPUT",
        "b2": "BAD_USER_INPUT",
        "b3": "CONFLICT",
        "b4": "BAD_USER_INPUT",
    }
    entries = await goals_services.trackers.page("alice", PageRequest(), None)
    assert [(e.metric.value, e.value) for e in entries.items] == [("sleep_hours", 7.5)]
    assert (await goals_services.goals.owned("alice", str(goal.id))).progress == 40
    [block] = await goals_services.calendar.calendar("alice", T0, T0 + timedelta(days=3))
    assert (block.activity.title, block.activity.ends_at - block.activity.starts_at) == (
        "Focus: Deep work",
        timedelta(minutes=45),
    )


async def test_a_task_is_ticked_off_once_and_only_the_owners(
    goals_services: GoalsServices,
    infra: Infrastructure,
    goals_database: Database,
    service_recorder: Recorder,
    clock: FakeClock,
) -> None:
    clock.now = T0
    tasks = goals_services.todo_tasks
    report = await tasks.create("alice", TodoTaskInput(title="Report"))
    weekly = await tasks.create(
        "alice",
        TodoTaskInput(title="Review", due_date=date(2025, 3, 3), recurrence="FREQ=WEEKLY"),
    )
    bobs = await tasks.create("bob", TodoTaskInput(title="Bob's"))
    for event in (
        request("t1", "complete_task", task_id=str(report.id)),
        request("t1", "complete_task", task_id=str(report.id)),
        request("t2", "complete_task", task_id=str(weekly.id)),
        request("t3", "complete_task", task_id=str(bobs.id)),
        request("t4", "complete_task", task_id=str(report.id)),
    ):
        await infra.bus.publish(event)
    found = {o["request_id"]: o for o in await outcomes(infra, goals_database, service_recorder, 4)}
    assert found["t1"]["summary"] == '"Report" is done.'
    assert found["t2"]["summary"] == '"Review" is done for 2025-03-03; next due 2025-03-10.'
    assert (found["t3"]["reason"], found["t4"]["reason"]) == ("NOT_FOUND", "CONFLICT")
    assert (await tasks.owned("alice", str(report.id))).completed is True
    assert (await tasks.owned("bob", str(bobs.id))).completed is False
    completed = [e.data["task_id"] for e in service_recorder.of("goals.task.completed")]
    assert sorted(completed) == sorted([str(report.id), str(weekly.id)])
    changed = service_recorder.of("goals.todo_task.changed")
    assert [e.data["completed"] for e in changed if e.data["task_id"] == str(report.id)] == [
        False,
        True,
    ]
