"""Services on the real database and broker with a controllable clock: the reminder
dispatcher (racing replicas, late and recurring reminders), DST streaks, consumers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from common.db import Database
from common.errors import BadUserInput
from common.events import Event, InvalidEvent, OutboxPublisher
from common.events.catalog import CoachGoalRequested, UserRegistered
from common.events.dlq import DeadLetters
from common.events.processed import COLLECTION as PROCESSED
from common.infra import Infrastructure
from common.repository import PageRequest
from common.testing.waiting import wait_until
from subgraphs.goals.domain.enums import LifeArea, ReminderStatus, ReminderTarget, ScheduleKind
from subgraphs.goals.domain.streaks import Schedule
from subgraphs.goals.repository.reminders import ReminderRepository
from subgraphs.goals.service.calendar import ActivityInput
from subgraphs.goals.service.container import GoalsServices, build_services
from subgraphs.goals.service.goals import GoalInput
from subgraphs.goals.service.habits import HabitInput
from subgraphs.goals.service.reminders import ReminderInput

from .conftest import CrashingPublisher, FakeClock, Recorder, settle

pytestmark = [pytest.mark.rabbitmq]

T0 = datetime(2025, 3, 1, 12, tzinfo=UTC)


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
    outbox: OutboxPublisher,
    goals_database: Database,
) -> None:
    ids = {await remind_goal(goals_services, T0 + timedelta(minutes=10)) for _ in range(12)}
    other_replica = build_services(outbox, clock=clock)
    assert other_replica.reminders.worker != goals_services.reminders.worker
    due = T0 + timedelta(minutes=10, seconds=30)
    fired_a, fired_b = await asyncio.gather(
        goals_services.reminders.dispatch_due(due), other_replica.reminders.dispatch_due(due)
    )
    fired = [p.reminder_id for p in [*fired_a, *fired_b]]
    assert sorted(fired) == sorted(ids)
    events = await settle(infra, goals_database, service_recorder)
    due_events = [e for e in events if e.type == "goals.reminder.due"]
    assert sorted(e.data["reminder_id"] for e in due_events) == sorted(ids)
    assert not any(e.data["late"] for e in due_events)
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


async def test_a_dispatcher_dying_mid_fire_leaves_the_reminder_due_and_sends_nothing(
    goals_services: GoalsServices,
    goals_database: Database,
    infra: Infrastructure,
    clock: FakeClock,
    service_recorder: Recorder,
) -> None:
    reminder_id = await remind_goal(goals_services, T0 + timedelta(minutes=5))
    due = T0 + timedelta(minutes=6)
    crashing = build_services(
        CrashingPublisher(goals_database, crash_on="goals.reminder.due"), clock=clock
    )
    with pytest.raises(InvalidEvent):
        await crashing.reminders.dispatch_due(due)
    # The reminder was moved on inside the transaction; the crash rolled that back.
    [reminder] = (await goals_services.reminders.page("alice", PageRequest())).items
    assert (reminder.status, reminder.fired_count) == (ReminderStatus.PENDING, 0)
    [fired] = await goals_services.reminders.dispatch_due(due)
    assert fired.reminder_id == reminder_id
    events = await settle(infra, goals_database, service_recorder)
    assert [e.data["reminder_id"] for e in events if e.type == "goals.reminder.due"] == [
        reminder_id
    ]


async def test_a_reminder_left_claimed_by_an_older_dispatcher_fires_after_its_lease(
    goals_services: GoalsServices, clock: FakeClock
) -> None:
    reminder_id = await remind_goal(goals_services, T0 + timedelta(minutes=5))
    due = T0 + timedelta(minutes=6)
    lease_until = due + timedelta(minutes=1)
    await ReminderRepository().set_fields(
        reminder_id,
        {"status": ReminderStatus.CLAIMED.value, "lease_until": lease_until, "claimed_by": "x"},
    )
    assert await goals_services.reminders.dispatch_due(due + timedelta(seconds=30)) == []
    [fired] = await goals_services.reminders.dispatch_due(due + timedelta(minutes=2))
    assert fired.reminder_id == reminder_id


async def test_recurring_activity_reminder_moves_to_the_next_occurrence_across_dst(
    goals_services: GoalsServices,
    clock: FakeClock,
    infra: Infrastructure,
    service_recorder: Recorder,
    goals_database: Database,
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
    events = await settle(infra, goals_database, service_recorder)
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
    goals_database: Database,
) -> None:
    new_york = ZoneInfo("America/New_York")
    registered = Event.of(
        "users.user.registered",
        user_id="alice",
        data=UserRegistered(user_id="alice", display_name="A", timezone="America/New_York"),
    )
    await infra.bus.publish(registered)
    await processed(goals_database, "goals.users", registered)
    habit = await goals_services.habits.create(
        "alice", HabitInput(title="Journal", schedule=Schedule(ScheduleKind.DAILY))
    )
    # Every night at 00:30 local, 4-13 March 2025; DST starts on the 9th.
    for day in range(4, 14):
        clock.now = datetime(2025, 3, day, 0, 30, tzinfo=new_york).astimezone(UTC)
        state = await goals_services.habits.check_in("alice", str(habit.id))
        assert state.today.day == day
    assert (state.streaks.current, state.streaks.longest) == (10, 10)
    events = await settle(infra, goals_database, service_recorder)
    milestones = [e for e in events if e.type == "goals.habit.streak_milestone"]
    assert [m.data["days"] for m in milestones] == [7]


def coach_request(request_id: str, *, user: str = "alice", title: str = "Walk daily") -> Event:
    return Event.of(
        "chat.coach.goal_requested",
        user_id=user,
        data=CoachGoalRequested(
            request_id=request_id, conversation_id="c1", user_id=user, title=title, area="health"
        ),
    )


async def goal_titles(services: GoalsServices, user: str = "alice") -> list[str]:
    page = await services.goals.list_for(user, user, PageRequest())
    return [g.title for g in page.items]


async def test_coach_requests_create_one_goal_however_often_delivered(
    goals_services: GoalsServices,
    infra: Infrastructure,
    goals_database: Database,
    service_recorder: Recorder,
) -> None:
    request = coach_request("req-1")
    # Redelivered (same event id), and published again by chat (same request id).
    for event in (request, request, coach_request("req-1")):
        await infra.bus.publish(event)
    await service_recorder.wait_count("goals.coach_goal.created", 1)
    events = await settle(infra, goals_database, service_recorder)
    page = await goals_services.goals.list_for("alice", "alice", PageRequest())
    assert [g.title for g in page.items] == ["Walk daily"]
    [created] = [e for e in events if e.type == "goals.coach_goal.created"]
    assert created.data["goal_id"] == str(page.items[0].id)
    assert created.data["request_id"] == "req-1"
    assert len([e for e in events if e.type == "goals.goal.created"]) == 1


async def processed(database: Database, consumer: str, event: Event) -> None:
    """Wait until `consumer` has applied (or deliberately ignored) `event`."""

    async def recorded() -> bool:
        row = await database[PROCESSED].find_one({"_id": f"{consumer}:{event.id}"})
        return row is not None

    await wait_until(recorded)


async def test_events_about_an_erased_user_are_ignored(
    goals_services: GoalsServices, infra: Infrastructure, goals_database: Database
) -> None:
    await goals_services.goals.create("alice", GoalInput(title="Old", area=LifeArea.HEALTH))
    deleted = Event.of("users.user.deleted", user_id="alice", data={"user_id": "alice"})
    late_update = Event.of(
        "users.user.updated",
        user_id="alice",
        data={"user_id": "alice", "display_name": "A", "timezone": "Asia/Tokyo"},
    )
    late_request = coach_request("req-2", title="x")
    for event in (deleted, late_update, late_request):
        await infra.bus.publish(event)
    await processed(goals_database, "goals.users", late_update)
    await processed(goals_database, "goals.coach", late_request)
    assert await goal_titles(goals_services) == []
    assert await goals_services.access.life_areas("alice") == {}
    assert (await goals_services.access.timezone("alice")).key == "UTC"


async def test_a_coach_request_that_can_never_apply_is_dead_lettered_at_once(
    goals_services: GoalsServices, infra: Infrastructure, goals_database: Database
) -> None:
    settings = infra.settings
    assert settings.amqp_url
    blank = coach_request("req-4", title="   ")
    await infra.bus.publish(blank)
    after = coach_request("req-5", title="Next")
    await infra.bus.publish(after)
    await processed(goals_database, "goals.coach", after)
    async with DeadLetters(settings.amqp_url, settings.events_exchange) as dlq:

        async def dead_lettered() -> bool:
            queue = await dlq.queue("goals.coach")
            return queue is not None and queue.messages == 1

        await wait_until(dead_lettered)
        [letter] = await dlq.peek("goals.coach", limit=5)
    assert letter.event_id == blank.id
    assert letter.attempts == 0
    assert "title" in letter.reason
    assert await goal_titles(goals_services) == ["Next"]
