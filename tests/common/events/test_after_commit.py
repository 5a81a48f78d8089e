"""Work a transactional handler hands back runs once its transaction has committed."""

from __future__ import annotations

from typing import Any

from pymongo.asynchronous.client_session import AsyncClientSession

from common.events import AfterCommit, Event, RetryPolicy, transactional
from common.events.memory import InMemoryEventBus
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import task_completed

FAST = RetryPolicy(delays_ms=(10, 20), max_retries=2)


async def test_after_commit_work_sees_the_commit_and_never_reruns(
    infra: Infrastructure, settings: Settings
) -> None:
    db = infra.mongo[settings.database_name("probe")]
    seen: list[Any] = []
    handled: list[str] = []

    async def project(event: Event, session: AsyncClientSession) -> AfterCommit:
        handled.append(event.id)
        await db["tasks"].insert_one({"_id": event.id}, session=session)

        async def announce() -> None:
            # Outside the session: only a committed write is visible here.
            seen.append(await db["tasks"].find_one({"_id": event.id}))
            if len(seen) == 2:
                raise RuntimeError("a failing notification")

        return announce

    bus = InMemoryEventBus(retry=FAST)
    bus.subscribe("probe.tasks", ["goals.#"], transactional(project), database=db)
    await bus.start_consuming()
    try:
        first, second = task_completed(task="a"), task_completed(task="b")
        for event in (first, first, second):
            await bus.publish(event)
        await bus.drain()
    finally:
        await bus.close()
    assert seen == [{"_id": first.id}, {"_id": second.id}]
    # The redelivery ran nothing; the failing notification did not undo or retry its event.
    assert handled == [first.id, second.id]
    assert bus.dead_letters("probe.tasks") == []
