"""A served subgraph publishes through `runtime.publisher` and consumes through the bus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import strawberry
from pymongo.asynchronous.client_session import AsyncClientSession

from common.app import Runtime, SubgraphDefinition
from common.events import Event, OutboxPublisher, transactional
from common.graphql.context import RequestContext
from common.graphql.schema import build_schema
from common.settings import Settings
from common.testing.events import task_completed
from common.testing.fixtures import ServeSubgraph
from common.testing.waiting import wait_until


@dataclass
class Services:
    publisher: OutboxPublisher
    runtime: Runtime


Info = strawberry.Info[RequestContext[Services], None]


@strawberry.type(description="Probe queries.")
class Query:
    @strawberry.field(description="How many tasks the projection has counted for a user.")
    async def counted(self, info: Info, user: str) -> int:
        row = await info.context.services.runtime.database["counters"].find_one({"_id": user})
        return int(row["n"]) if row else 0


@strawberry.type(description="Probe mutations.")
class Mutation:
    @strawberry.mutation(description="Stores a task and its event in one transaction.")
    async def complete(self, info: Info, user: str, task: str) -> bool:
        services = info.context.services
        async with services.publisher.transaction() as tx:
            await services.runtime.database["tasks"].insert_one(
                {"_id": task, "user": user}, session=tx.session
            )
            await tx.publish(task_completed(user=user, task=task))
        return True

    @strawberry.mutation(description="Publishes without a transaction, as existing services do.")
    async def nudge(self, info: Info, user: str, task: str) -> bool:
        await info.context.services.publisher.publish(task_completed(user=user, task=task))
        return True


async def _build(runtime: Runtime) -> Services:
    async def count(event: Event, session: AsyncClientSession) -> None:
        await runtime.database["counters"].update_one(
            {"_id": event.user_id}, {"$inc": {"n": 1}}, upsert=True, session=session
        )

    runtime.consume("probe.counter", ["goals.task.completed"], transactional(count))
    return Services(publisher=runtime.publisher, runtime=runtime)


DEFINITION = SubgraphDefinition(
    name="probe",
    schema=build_schema("probe", query=Query, mutation=Mutation),
    models=[],
    build=_build,
)


async def _post(url: str, query: str) -> dict[str, Any]:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{url}/graphql", json={"query": query})
    body: dict[str, Any] = response.json()
    return body


@pytest.mark.parametrize("bus", ["rabbitmq", "in-process"])
async def test_published_events_reach_consumers_exactly_once(
    serve_subgraph: ServeSubgraph, settings: Settings, bus: str
) -> None:
    effective = settings if bus == "rabbitmq" else settings.model_copy(update={"amqp_url": None})
    async with serve_subgraph(DEFINITION, settings_override=effective) as url:
        for i in range(5):
            assert await _post(url, f'mutation {{ complete(user: "u1", task: "t{i}") }}') == {
                "data": {"complete": True}
            }
        await _post(url, 'mutation { nudge(user: "u1", task: "n1") }')

        async def counted() -> bool:
            body = await _post(url, '{ counted(user: "u1") }')
            return bool(body["data"]["counted"] == 6)

        await wait_until(counted)
