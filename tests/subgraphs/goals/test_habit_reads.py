"""The check-in history read behind every streak: what it returns and the index it uses."""

from __future__ import annotations

from typing import Any

import pytest

from common.db import Database
from subgraphs.goals.models import CheckInDoc
from subgraphs.goals.repository._raw import collection
from subgraphs.goals.repository.habits import CheckInRepository

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]


def _stages(plan: dict[str, Any]) -> list[dict[str, Any]]:
    below = [plan.get("inputStage"), *plan.get("inputStages", [])]
    return [plan, *(stage for child in below if child for stage in _stages(child))]


async def test_days_by_habit_returns_each_habits_days(goals_database: Database) -> None:
    repo = CheckInRepository()
    for habit, day in [("h1", "2026-01-02"), ("h1", "2026-01-01"), ("h2", "2026-01-01")]:
        await repo.add(CheckInDoc(habit_id=habit, owner_id="alice", day=day))
    await repo.add(CheckInDoc(habit_id="other", owner_id="bob", day="2026-01-01"))

    days = await repo.days_by_habit(["h1", "h2", "none"])

    assert {habit: sorted(found) for habit, found in days.items()} == {
        "h1": ["2026-01-01", "2026-01-02"],
        "h2": ["2026-01-01"],
    }


async def test_days_by_habit_reads_the_habit_day_index(goals_database: Database) -> None:
    await CheckInRepository().add(CheckInDoc(habit_id="h1", owner_id="alice", day="2026-01-01"))
    query, projection = CheckInRepository.days_query(["h1", "h2"])

    explained = await collection(CheckInDoc).find(query, projection).explain()

    stages = _stages(explained["queryPlanner"]["winningPlan"])
    scans = [s for s in stages if s.get("stage") == "IXSCAN"]
    assert [s.get("indexName") for s in scans] == ["habit_id_1_day_1"], explained
    assert not [s for s in stages if s.get("stage") == "COLLSCAN"], explained
