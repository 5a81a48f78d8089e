"""`kill -9` of the database mid-stream, on a file-backed store: nothing acknowledged is lost.

Several writers create goals through the served goals subgraph while the
database process is SIGKILLed and restarted on the same storage. Afterwards
every acknowledged goal exists once, every goal's event reached analytics once,
and analytics holds exactly the goals the goals subgraph holds.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from pymongo import AsyncMongoClient

from common.mongo_server import SecantusServer
from common.settings import Settings
from common.testing.fixtures import ServeSubgraph
from common.testing.tokens import TestKeys
from common.testing.waiting import eventually
from subgraphs.analytics.app import subgraph as analytics
from subgraphs.analytics.events import CONSUMER as ANALYTICS
from subgraphs.goals.app import subgraph as goals

pytestmark = [pytest.mark.rabbitmq, pytest.mark.redis]

CREATE = "mutation($input: CreateGoalInput!) { createGoal(input: $input) { id title } }"
WRITERS = 8
BEFORE_KILL = 150
AFTER_RESTART = 150


@dataclass
class Writers:
    """Goal creates from several users at once; which ones the server acknowledged."""

    url: str
    keys: TestKeys
    acknowledged: dict[str, str] = field(default_factory=dict)  # title -> goal id
    failed: list[str] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    progress: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def run(self, writer: int) -> None:
        headers = self.keys.bearer(f"writer-{writer}")
        async with httpx.AsyncClient(timeout=60) as http:
            n = 0
            while not self.stop.is_set():
                title = f"w{writer}-{n}"
                n += 1
                variables = {"input": {"title": title, "area": "HEALTH"}}
                try:
                    response = await http.post(
                        f"{self.url}/graphql",
                        json={"query": CREATE, "variables": variables},
                        headers=headers,
                    )
                    body: dict[str, Any] = response.json()
                except httpx.HTTPError:
                    body = {}
                async with self.progress:
                    if body.get("data") and not body.get("errors"):
                        self.acknowledged[title] = body["data"]["createGoal"]["id"]
                    else:
                        self.failed.append(title)
                    self.progress.notify_all()

    async def until(self, count: int, *, within: float) -> None:
        async with asyncio.timeout(within), self.progress:
            await self.progress.wait_for(lambda: len(self.acknowledged) >= count)


async def test_acknowledged_goals_and_their_events_survive_a_database_kill_9(
    serve_subgraph: ServeSubgraph,
    test_keys: TestKeys,
    settings: Settings,
    file_backed_mongo: SecantusServer,
) -> None:
    async with serve_subgraph(analytics), serve_subgraph(goals) as url:
        writers = Writers(url, test_keys)
        tasks = [asyncio.create_task(writers.run(w)) for w in range(WRITERS)]
        try:
            await writers.until(BEFORE_KILL, within=120)
            file_backed_mongo.kill()  # every writer has a create in flight
            killed = time.monotonic()
            acknowledged_at_kill = len(writers.acknowledged)
            await asyncio.to_thread(file_backed_mongo.start)
            restart = time.monotonic() - killed
            await writers.until(acknowledged_at_kill + 1, within=120)
            recovered = time.monotonic() - killed
            await writers.until(acknowledged_at_kill + AFTER_RESTART, within=120)
        finally:
            writers.stop.set()
            await asyncio.gather(*tasks)

        async def state() -> Settled:
            return await settled(settings)

        final = await eventually(state, lambda s: s.analytics_goals == s.goal_ids, within=120)

    titles = Counter(final.titles.values())
    duplicated = sum(n - 1 for n in titles.values())
    lost = set(writers.acknowledged.values()) - final.goal_ids
    print(  # the issue asks for these numbers
        f"\ndatabase kill -9: acknowledged={len(writers.acknowledged)} "
        f"failed={len(writers.failed)} goals={len(final.goal_ids)} "
        f"applied_by_analytics={len(final.analytics_goals)} lost={len(lost)} "
        f"duplicated={duplicated} restart={restart:.2f}s first_ack_after_kill={recovered:.2f}s"
    )
    assert not lost
    assert duplicated == 0
    # A create that failed for its caller may have committed (its reply was lost);
    # nothing else is in the database.
    unacknowledged = set(final.titles) - set(writers.acknowledged.values())
    assert {final.titles[g] for g in unacknowledged} <= set(writers.failed)
    # Each goal's one created event was applied by analytics exactly once.
    assert final.created_events == final.processed_created
    assert len(final.created_events) == len(final.goal_ids)


@dataclass(frozen=True)
class Settled:
    goal_ids: set[str]
    titles: dict[str, str]  # goal id -> title
    analytics_goals: set[str]
    created_events: set[str]
    processed_created: set[str]

    def __repr__(self) -> str:
        missing = sorted(self.goal_ids - self.analytics_goals)
        return (
            f"Settled(goals={len(self.goal_ids)}, analytics={len(self.analytics_goals)}, "
            f"created events={len(self.created_events)}, "
            f"processed={len(self.processed_created)}, missing in analytics={missing[:5]})"
        )


async def settled(settings: Settings) -> Settled:
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(settings.mongodb_url)
    try:
        goals_db = client[settings.database_name("goals")]
        analytics_db = client[settings.database_name("analytics")]
        rows = await goals_db["goals"].find({}, {"title": 1}).to_list()
        outbox = await goals_db["outbox"].find({"type": "goals.goal.created"}).to_list()
        views = await analytics_db["goals"].distinct("goal_id")
        created = {row["event_id"] for row in outbox}
        processed = await analytics_db["processed_events"].distinct(
            "event_id", {"consumer": ANALYTICS, "event_id": {"$in": list(created)}}
        )
    finally:
        await client.close()
    return Settled(
        goal_ids={str(r["_id"]) for r in rows},
        titles={str(r["_id"]): r["title"] for r in rows},
        analytics_goals=set(views),
        created_events=created,
        processed_created=set(processed),
    )
