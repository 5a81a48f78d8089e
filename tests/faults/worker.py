"""A killable LifeGraph process for the fault tests: `python -m tests.faults.worker <mode>`.

Settings arrive as JSON in LIFEGRAPH_FAULT_SETTINGS. Modes:
- consume: the `faults.counter` consumer (a transactional per-user counter
  projection); tasks named `poison*` always fail.
- stall: commit a domain write and its event in one transaction, then hang in
  the relay's publish, as a process that dies between write and publish would.
- relay: the `faults` subgraph served normally; its relay publishes the outbox.
- replica: the same, also running the `faults.counter` consumer, as one replica
  of a subgraph that relays its outbox and consumes events.
Each mode prints one line when it has reached its state, then runs until killed.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

import strawberry
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.database import AsyncDatabase

from common.app import Runtime, SubgraphDefinition, SubgraphHost, relay_settings
from common.events import Event, OutboxPublisher, OutboxRelay, Transactional, transactional
from common.graphql.schema import build_schema
from common.infra import open_infrastructure
from common.settings import Settings
from common.testing.events import task_completed

SETTINGS_ENV = "LIFEGRAPH_FAULT_SETTINGS"
CONSUMER = "faults.counter"
SUBGRAPH = "faults"


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def counter(database: AsyncDatabase[dict[str, Any]]) -> Transactional:
    async def count(event: Event, session: AsyncClientSession) -> None:
        if str(event.data["task_id"]).startswith("poison"):
            raise ValueError(f"cannot count {event.data['task_id']}")
        await database["counters"].update_one(
            {"_id": event.user_id}, {"$inc": {"n": 1}}, upsert=True, session=session
        )

    return transactional(count)


async def consume(settings: Settings) -> None:
    async with open_infrastructure(settings) as infra:
        database = infra.mongo[settings.database_name(SUBGRAPH)]
        infra.bus.subscribe(CONSUMER, ["goals.task.completed"], counter(database))
        await infra.bus.start_consuming()
        _say("ready")
        await asyncio.Event().wait()


class _HangingBus:
    """Stands in for the broker connection at the instant the process dies."""

    async def publish(self, event: Event) -> None:
        _say(f"publishing {event.id}")
        await asyncio.Event().wait()


async def stall(settings: Settings) -> None:
    async with open_infrastructure(settings) as infra:
        database = infra.mongo[settings.database_name(SUBGRAPH)]
        publisher = OutboxPublisher(database, shards=settings.outbox_shards)
        await publisher.ensure_indexes()
        event = task_completed(user="buyer", task="order-1")
        async with publisher.transaction() as tx:
            await database["orders"].insert_one({"_id": "order-1"}, session=tx.session)
            await tx.publish(event)
        _say(f"written {event.id}")
        relay = OutboxRelay(
            database, _HangingBus(), wake=publisher.woken, settings=relay_settings(settings)
        )
        await relay.run()


@strawberry.type(description="The fault-test subgraph serves nothing of interest.")
class Query:
    @strawberry.field(description="Always true.")
    def alive(self) -> bool:
        return True


async def _build(runtime: Runtime) -> None:
    return None


FAULTS = SubgraphDefinition[None](
    name=SUBGRAPH, schema=build_schema(SUBGRAPH, query=Query), models=[], build=_build
)


async def _build_replica(runtime: Runtime) -> None:
    runtime.consume(CONSUMER, ["goals.task.completed"], counter(runtime.database))


REPLICA = SubgraphDefinition[None](
    name=SUBGRAPH, schema=build_schema(SUBGRAPH, query=Query), models=[], build=_build_replica
)


async def relay(settings: Settings, definition: SubgraphDefinition[None] = FAULTS) -> None:
    async with open_infrastructure(settings) as infra:
        host = SubgraphHost(definition)
        await host.start(infra)
        await infra.bus.start_consuming()
        _say("ready")
        try:
            await asyncio.Event().wait()
        finally:
            await host.stop()


async def replica(settings: Settings) -> None:
    await relay(settings, REPLICA)


MODES: dict[str, Any] = {"consume": consume, "stall": stall, "relay": relay, "replica": replica}


def main() -> None:
    settings = Settings.model_validate_json(os.environ[SETTINGS_ENV])
    asyncio.run(MODES[sys.argv[1]](settings))


if __name__ == "__main__":
    main()
