"""`users.user.deleted` erases everything the user has in the goals subgraph."""

from __future__ import annotations

from typing import Any

import pytest

from common.events import Event
from common.events.amqp import AmqpEventBus
from common.events.catalog import UserDeleted, UserUpdated
from common.infra import Infrastructure
from common.testing.events import wait_processed
from common.testing.waiting import eventually

from .conftest import Api

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

EVERYTHING = """query($id: ID!) {
  myGoals { nodes { id } }
  reminders { nodes { id } }
  trackerEntries { nodes { id } }
  currentFocusSession { id }
  journalEntries { nodes { id } }
  moodCheckIns { nodes { id } }
  vacations { startDate }
  trash { nodes { id } }
  calendar(from: "2025-01-01T00:00:00Z", to: "2025-12-31T00:00:00Z") { startsAt }
  _entities(representations: [{__typename: "User", id: $id}]) {
    ... on User { habits { nodes { id } } } } }"""


async def fill(api: Api, user: str) -> None:
    goal = await api.ok(
        'mutation { createGoal(input: {title: "Goal", area: FAMILY, visibility: PUBLIC}) { id } }',
        user=user,
    )
    await api.ok(
        """mutation($id: ID!) { createReminder(input: {targetType: GOAL, targetId: $id,
            at: "2099-01-01T00:00:00Z"}) { id } }""",
        {"id": goal["createGoal"]["id"]},
        user=user,
    )
    habit = await api.ok('mutation { createHabit(input: {title: "Walk"}) { id } }', user=user)
    await api.ok(
        "mutation($id: ID!) { checkInHabit(input: {habitId: $id}) { id } }",
        {"id": habit["createHabit"]["id"]},
        user=user,
    )
    await api.ok(
        """mutation { createActivity(input: {title: "Call", startsAt: "2025-06-01T10:00:00Z",
            endsAt: "2025-06-01T11:00:00Z", recurrence: "FREQ=WEEKLY"}) { id } }""",
        user=user,
    )
    await api.ok(
        "mutation { logTrackerEntry(input: {metric: LEARNING_MINUTES, value: 30}) { id } }",
        user=user,
    )
    await api.ok("mutation { startFocusSession(input: {plannedMinutes: 20}) { id } }", user=user)
    await api.ok('mutation { writeJournalEntry(input: {body: "Dear diary"}) { id } }', user=user)
    await api.ok("mutation { logMood(input: {mood: 4}) { id } }", user=user)
    await api.ok("mutation { startVacation(input: {}) { startDate } }", user=user)
    old = await api.ok(
        'mutation { createGoal(input: {title: "Old", area: FAMILY}) { id } }', user=user
    )
    await api.ok(
        "mutation($id: ID!) { deleteGoal(input: {id: $id}) { deletedIds } }",
        {"id": old["createGoal"]["id"]},
        user=user,
    )


def counts(data: dict[str, Any]) -> list[int]:
    return [
        len(data["myGoals"]["nodes"]),
        len(data["reminders"]["nodes"]),
        len(data["trackerEntries"]["nodes"]),
        int(data["currentFocusSession"] is not None),
        len(data["calendar"]),
        len(data["_entities"][0]["habits"]["nodes"]),
        len(data["journalEntries"]["nodes"]),
        len(data["moodCheckIns"]["nodes"]),
        len(data["vacations"]),
        len(data["trash"]["nodes"]),
    ]


async def test_user_deleted_erases_all_their_data_and_nothing_else(
    api: Api, bus: AmqpEventBus, infra: Infrastructure
) -> None:
    await fill(api, "alice")
    await fill(api, "bob")
    assert counts(await api.ok(EVERYTHING, {"id": "alice"}, user="alice")) == [
        1,
        1,
        1,
        1,
        31,
        1,
        1,
        1,
        1,
        1,
    ]

    deleted = Event.of("users.user.deleted", user_id="alice", data=UserDeleted(user_id="alice"))
    await bus.publish(deleted)
    await eventually(
        lambda: api.ok(EVERYTHING, {"id": "alice"}, user="alice"),
        lambda data: counts(data) == [0] * 10,
    )
    # Redelivery and late events about the erased user change nothing.
    await bus.publish(deleted)
    late = Event.of(
        "users.user.updated",
        user_id="alice",
        data=UserUpdated(user_id="alice", display_name="A", life_areas={"health": 1}),
    )
    await bus.publish(late)
    # Alice's events apply in order: once the late one is processed, so is the repeat.
    goals_database = infra.mongo[infra.settings.database_name("goals")]
    await wait_processed(goals_database, "goals.users", late)
    assert counts(await api.ok(EVERYTHING, {"id": "alice"}, user="alice")) == [0] * 10
    assert counts(await api.ok(EVERYTHING, {"id": "bob"}, user="bob")) == [
        1,
        1,
        1,
        1,
        31,
        1,
        1,
        1,
        1,
        1,
    ]
    public = await api.ok(
        """query { _entities(representations: [{__typename: "User", id: "alice"}]) {
            ... on User { goals { nodes { id } } } } }""",
        user="bob",
    )
    assert public["_entities"][0]["goals"]["nodes"] == []
