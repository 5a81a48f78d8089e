"""The chat subgraph, as the launcher and the app factory see it."""

from __future__ import annotations

from common.app import Runtime, SubgraphDefinition
from common.export import export_part
from common.settings import ChatSettings
from subgraphs.chat.events import register_consumers
from subgraphs.chat.models import MODELS
from subgraphs.chat.repository.export import OWNED
from subgraphs.chat.schema import schema
from subgraphs.chat.service.container import ChatServices, build_services


async def build(runtime: Runtime, *, answer_coach: bool = True) -> ChatServices:
    """The services; without `answer_coach` no coach worker runs here (replies wait for one)."""
    services = build_services(
        publisher=runtime.publisher,
        pubsub=runtime.infra.pubsub,
        settings=runtime.settings(ChatSettings),
    )
    if answer_coach:
        worker = services.coach_worker
        services.messages.coach_question_stored = worker.wake
        runtime.on_stop(services.coach_provider.aclose)
        runtime.spawn(worker.run, name="coach")
    register_consumers(runtime, services)
    await export_part(runtime, OWNED)
    return services


subgraph = SubgraphDefinition(
    name="chat", schema=schema, models=MODELS, build=build, settings=ChatSettings
)
