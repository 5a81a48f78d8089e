"""Services on the real database and broker with a controllable clock: the reminder
dispatcher (racing replicas, late and recurring reminders), DST streaks, consumers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from common.errors import BadUserInput
from common.events import Event
from common.events.catalog import CoachGoalRequested
from common.infra import Infrastructure
from common.repository import PageRequest
from subgraphs.goals.domain.enums import LifeArea, ReminderTarget, ScheduleKind
from subgraphs.goals.domain.streaks import Schedule
from subgraphs.goals.events import GoalsConsumers
from subgraphs.goals.repository.reminders import ReminderRepository
from subgraphs.goals.service.calendar import ActivityInput
from subgraphs.goals.service.container import GoalsServices, build_services
from subgraphs.goals.service.goals import GoalInput
from subgraphs.goals.service.habits import HabitInput
from subgraphs.goals.service.reminders import ReminderInput

from .conftest import FakeClock, Recorder

pytestmark = [pytest.mark.rabbitmq]

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)


async def settle(infra: Infrastructure, recorder: Recorder) -> list[Event]:
    """Everything published before now has reached the recorder (one channel keeps order)."""
    marker = Event.of("goals.test.sentinel", user_id=None, data={})
    await infra.bus.publish(marker)
    await recorder.wait_for(lambda events: any(e.id == marker.id for e in events))
    return [e for e in recorder.events if e.type != "goals.test.sentinel"]


async def remind_goal(services: GoalsServices, at: datetime, *, owner: str = "alice") -> str:
    goal = await services.goals.create(owner, GoalInput(title="Save", area=LifeArea.FINANCE))
    reminder = await services.reminders.create(
        owner, ReminderInput(ReminderTarget.GOAL, str(goal.id), at=at)
    )
    return str(reminder.id)


async def test_two_dispatchers_racing_fire_each_reminder_exactly_once(
    goals_services: GoalsServices,
    infra: Infrastructure,
    clock: FakeClock,
    service_recorder: Recorder,
) -> None:
    ids = {await remind_goal(goals_services, T0 + timedelta(minutes=10)) for _ in range(12)}
    other_replica = build_services(infra.bus, clock=clock)
    assert other_replica.reminders.worker != goals_services.reminders.worker
    due = T0 + timedelta(minutes=10, seconds=30)
    fired_a, fired_b = await asyncio.gather(
        goals_services.reminders.dispatch_due(due), other_replica.reminders.dispatch_due(due)
    )
    fired = [p.reminder_id for p in [*fired_a, *fired_b]]
    assert sorted(fired) == sorted(ids)
    events = [e for e in await settle(infra, service_recorder) if e.type == "goals.reminder.due"]
    assert sorted(e.data["reminder_id"] for e in events) == sorted(ids)
    assert not any(e.data["late"] for e in events)
    # Nothing is left to fire for anyone.
    assert await goals_services.reminders.dispatch_due(due + timedelta(hours=1)) == []


async def test_a_reminder_missed_while_down_fires_late_on_start(
    goals_services: GoalsServices,
    clock: FakeClock,
    infra: Infrastructure,
    service_recorder: Recorder,
) -> None:
    reminder_id = await remind_goal(goals_services, T0 + timedelta(minutes=5))
    # Nothing ran at T0+5min; the process comes back two hours later.
    clock.now = T0 + timedelta(hours=2)
    loop = asyncio.create_task(goals_services.reminders.run())
    try:
        [event] = await service_recorder.wait_count("goals.reminder.due", 1)
    finally:
        loop.cancel()
        await asyncio.gather(loop, return_exceptions=True)
    assert event.data["reminder_id"] == reminder_id
    assert event.data["late"] is True


async def test_a_claim_whose_worker_died_is_taken_over_after_the_lease(
    goals_services: GoalsServices, infra: Infrastructure, clock: FakeClock
) -> None:
    reminder_id = await remind_goal(goals_services, T0 + timedelta(minutes=5))
    due = T0 + timedelta(minutes=6)
    claimed = await ReminderRepository().claim_next_due(
        due, worker="crashed", lease_until=due + timedelta(minutes=1)
    )
    assert claimed is not None
    assert str(claimed.id) == reminder_id
    survivor = build_services(infra.bus, clock=clock)
    assert await survivor.reminders.dispatch_due(due + timedelta(seconds=30)) == []
    [fired] = await survivor.reminders.dispatch_due(due + timedelta(minutes=2))
    assert fired.reminder_id == reminder_id


async def test_recurring_activity_reminder_moves_to_the_next_occurrence_across_dst(
    goals_services: GoalsServices,
    clock: FakeClock,
    infra: Infrastructure,
    service_recorder: Recorder,
) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    clock.now = datetime(2025, 3, 28, 6, tzinfo=UTC)
    activity = await goals_services.calendar.create(
        "alice",
        ActivityInput(
            title="Stand-up",
            starts_at=datetime(2025, 3, 28, 9, tzinfo=berlin),
            ends_at=datetime(2025, 3, 28, 9, 15, tzinfo=berlin),
            recurrence="FREQ=DAILY",
            timezone="Europe/Berlin",
        ),
    )
    reminder = await goals_services.reminders.create(
        "alice", ReminderInput(ReminderTarget.ACTIVITY, str(activity.id), offset_minutes=15)
    )
    assert reminder.fire_at == datetime(2025, 3, 28, 7, 45, tzinfo=UTC)  # 08:45 CET
    # The 29th is cancelled: the reminder after the 28th's is for the 30th, 08:45 CEST.
    await goals_services.calendar.cancel_occurrence(
        "alice", str(activity.id), datetime(2025, 3, 29, 8, tzinfo=UTC)
    )
    [first] = await goals_services.reminders.dispatch_due(datetime(2025, 3, 28, 7, 46, tzinfo=UTC))
    assert first.late is False
    [again] = await goals_services.reminders.dispatch_due(datetime(2025, 3, 30, 6, 46, tzinfo=UTC))
    assert again.fire_at == datetime(2025, 3, 30, 6, 45, tzinfo=UTC)
    assert again.fire_at.astimezone(berlin).hour == 8
    events = await settle(infra, service_recorder)
    assert len([e for e in events if e.type == "goals.reminder.due"]) == 2


async def test_reminder_input_is_validated(goals_services: GoalsServices) -> None:
    goal = await goals_services.goals.create("alice", GoalInput(title="x", area=LifeArea.CAREER))
    cases = [
        (ReminderInput(ReminderTarget.GOAL, str(goal.id)), "at"),
        (ReminderInput(ReminderTarget.GOAL, str(goal.id), at=T0 - timedelta(minutes=1)), "at"),
        (ReminderInput(ReminderTarget.GOAL, str(goal.id), offset_minutes=10), "offsetMinutes"),
    ]
    for data, field in cases:
        with pytest.raises(BadUserInput) as caught:
            await goals_services.reminders.create("alice", data)
        assert caught.value.field == field


async def test_habit_streak_across_dst_in_the_users_timezone(
    goals_services: GoalsServices,
    clock: FakeClock,
    service_recorder: Recorder,
    infra: Infrastructure,
) -> None:
    new_york = ZoneInfo("America/New_York")
    await goals_services.users.record_profile(
        "alice", timezone="America/New_York", life_areas=None, as_of=T0
    )
    habit = await goals_services.habits.create(
        "alice", HabitInput(title="Journal", schedule=Schedule(ScheduleKind.DAILY))
    )
    # Every night at 00:30 local, 4-13 March 2025; DST starts on the 9th.
    for day in range(4, 14):
        clock.now = datetime(2025, 3, day, 0, 30, tzinfo=new_york).astimezone(UTC)
        state = await goals_services.habits.check_in("alice", str(habit.id))
        assert state.today.day == day
    assert (state.streaks.current, state.streaks.longest) == (10, 10)
    events = await settle(infra, service_recorder)
    milestones = [e for e in events if e.type == "goals.habit.streak_milestone"]
    assert [m.data["days"] for m in milestones] == [7]


async def test_coach_requests_create_one_goal_however_often_delivered(
    goals_services: GoalsServices, infra: Infrastructure, service_recorder: Recorder
) -> None:
    consumers = GoalsConsumers(goals_services)
    request = Event.of(
        "chat.coach.goal_requested",
        user_id="alice",
        data=CoachGoalRequested(
            request_id="req-1",
            conversation_id="c1",
            user_id="alice",
            title="Walk daily",
            area="health",
        ),
    )
    await consumers.on_coach_goal_requested(request)
    await consumers.on_coach_goal_requested(request)
    page = await goals_services.goals.list_for("alice", "alice", PageRequest())
    assert [g.title for g in page.items] == ["Walk daily"]
    events = await settle(infra, service_recorder)
    [created] = [e for e in events if e.type == "goals.coach_goal.created"]
    assert created.data["goal_id"] == str(page.items[0].id)
    assert created.data["request_id"] == "req-1"
    assert len([e for e in events if e.type == "goals.goal.created"]) == 1


async def test_events_about_an_erased_user_are_ignored(goals_services: GoalsServices) -> None:
    consumers = GoalsConsumers(goals_services)
    await consumers.on_user_event(
        Event.of("users.user.deleted", user_id="alice", data={"user_id": "alice"})
    )
    late_update = Event.of(
        "users.user.updated",
        user_id="alice",
        data={"user_id": "alice", "display_name": "A", "timezone": "Asia/Tokyo"},
    )
    await consumers.on_user_event(late_update)
    assert await goals_services.access.life_areas("alice") == {}
    assert (await goals_services.access.timezone("alice")).key == "UTC"
    await consumers.on_coach_goal_requested(
        Event.of(
            "chat.coach.goal_requested",
            user_id="alice",
            data=CoachGoalRequested(
                request_id="req-2", conversation_id="c", user_id="alice", title="x", area="health"
            ),
        )
    )
    page = await goals_services.goals.list_for("alice", "alice", PageRequest())
    assert page.items == []
