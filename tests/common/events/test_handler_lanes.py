"""A handler's own lane: events that write the same documents queue instead of conflicting."""

from __future__ import annotations

from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import Event, transactional
from common.events.memory import InMemoryEventBus
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import task_completed


async def test_events_on_one_handler_lane_commit_first_time(
    infra: Infrastructure, settings: Settings
) -> None:
    database = infra.mongo[settings.database_name("probe")]
    await database["totals"].insert_one({"_id": "all", "n": 0})
    attempts: list[str] = []

    async def count(event: Event, session: AsyncClientSession) -> None:
        # Every attempt, a re-run after a conflict included, comes through here.
        attempts.append(event.id)
        await database["totals"].update_one({"_id": "all"}, {"$inc": {"n": 1}}, session=session)

    def hot_document(event: Event) -> str | None:
        return "totals" if event.type.startswith("goals.") else None

    # Many workers and a different user per event: only the lane keeps them apart.
    bus = InMemoryEventBus(workers=32)
    handler = transactional(count, lane=hot_document)
    bus.subscribe("probe.totals", ["goals.#"], handler, database=database)
    await bus.start_consuming()
    try:
        for i in range(100):
            await bus.publish(task_completed(user=f"u{i}", task=f"t{i}"))
        await bus.drain()
    finally:
        await bus.close()
    row: dict[str, Any] | None = await database["totals"].find_one({"_id": "all"})
    assert row == {"_id": "all", "n": 100}
    assert len(attempts) == 100, f"{len(attempts) - 100} re-runs: the lane did not serialise"
