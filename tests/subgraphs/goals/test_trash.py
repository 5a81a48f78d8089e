"""The trash on the real database with a controllable clock: 30 days to restore, then the
purge; reminders that fell due meanwhile stay out."""

from __future__ import annotations

from datetime import timedelta

import pytest

from common.db import Database
from common.errors import BadUserInput, NotFound
from common.repository import PageRequest
from subgraphs.goals.domain import limits
from subgraphs.goals.domain.enums import LifeArea, ReminderTarget
from subgraphs.goals.service.container import GoalsServices
from subgraphs.goals.service.goals import GoalInput
from subgraphs.goals.service.reminders import ReminderInput

from .conftest import FakeClock

pytestmark = [pytest.mark.rabbitmq]


async def _trashed_goal(services: GoalsServices, owner: str = "alice") -> str:
    goal = await services.goals.create(owner, GoalInput(title="Save", area=LifeArea.FINANCE))
    await services.goals.delete(owner, str(goal.id))
    return str(goal.id)


async def _listed(services: GoalsServices, owner: str = "alice") -> list[str]:
    page = await services.trash.page(owner, PageRequest())
    return [row.item_id for row in page.items]


async def test_an_item_expires_after_30_days_and_the_purge_reclaims_it(
    goals_services: GoalsServices, goals_database: Database, clock: FakeClock
) -> None:
    start = clock.now
    goal_id = await _trashed_goal(goals_services)
    other = await _trashed_goal(goals_services, owner="bob")

    clock.now = start + timedelta(days=30) - timedelta(seconds=1)
    assert await _listed(goals_services) == [goal_id]
    assert await goals_services.trash.purge_expired() == 0

    clock.now = start + timedelta(days=30)
    # Gone for every reader at once, before the purge has run.
    assert await _listed(goals_services) == []
    with pytest.raises(NotFound):
        await goals_services.trash.restore("alice", goal_id)
    assert await goals_services.trash.purge_expired() == 2
    assert await goals_database["trash"].count_documents({}) == 0
    assert other not in await _listed(goals_services, owner="bob")


async def test_restoring_on_the_last_day_works(
    goals_services: GoalsServices, clock: FakeClock
) -> None:
    start = clock.now
    goal_id = await _trashed_goal(goals_services)
    clock.now = start + timedelta(days=30) - timedelta(seconds=1)
    await goals_services.trash.restore("alice", goal_id)
    assert (await goals_services.goals.owned("alice", goal_id)).title == "Save"


async def test_a_reminder_that_fell_due_in_the_trash_stays_out(
    goals_services: GoalsServices, clock: FakeClock
) -> None:
    start = clock.now
    goal = await goals_services.goals.create(
        "alice", GoalInput(title="Save", area=LifeArea.FINANCE)
    )
    for later in (timedelta(hours=1), timedelta(days=10)):
        await goals_services.reminders.create(
            "alice", ReminderInput(ReminderTarget.GOAL, str(goal.id), at=start + later)
        )
    await goals_services.goals.delete("alice", str(goal.id))
    assert (await goals_services.reminders.page("alice", PageRequest())).items == []

    clock.now = start + timedelta(days=2)
    await goals_services.trash.restore("alice", str(goal.id))
    kept = (await goals_services.reminders.page("alice", PageRequest())).items
    assert [r.at for r in kept] == [start + timedelta(days=10)]


async def test_an_item_too_large_for_the_trash_is_refused_whole(
    goals_services: GoalsServices, goals_database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    goal = await goals_services.goals.create(
        "alice", GoalInput(title="Save", area=LifeArea.FINANCE)
    )
    monkeypatch.setattr(limits, "TRASH_ROW_BYTES", 10)
    with pytest.raises(BadUserInput) as refused:
        await goals_services.goals.delete("alice", str(goal.id))
    assert refused.value.field == "id"
    assert (await goals_services.goals.owned("alice", str(goal.id))).title == "Save"
    assert await goals_database["trash"].count_documents({}) == 0
