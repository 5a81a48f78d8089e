"""The chat subgraph, as the launcher and the app factory see it."""

from __future__ import annotations

from common.app import Runtime, SubgraphDefinition
from common.settings import Settings
from subgraphs.chat.coach.openai import OpenAICompatibleCoach
from subgraphs.chat.coach.provider import CoachProvider
from subgraphs.chat.coach.rules import RuleBasedCoach
from subgraphs.chat.coach.service import CoachService
from subgraphs.chat.events import register_consumers
from subgraphs.chat.live import LiveFeed
from subgraphs.chat.models import MODELS
from subgraphs.chat.repository import (
    CoachMemoryRepository,
    ConversationRepository,
    MessageRepository,
    ReadStateRepository,
)
from subgraphs.chat.schema import ChatServices, schema
from subgraphs.chat.service import ChatService


def coach_provider(settings: Settings) -> CoachProvider:
    if settings.coach_openai_base_url:
        key = settings.coach_openai_api_key
        return OpenAICompatibleCoach(
            base_url=settings.coach_openai_base_url,
            api_key=key.get_secret_value() if key else None,
            model=settings.coach_openai_model,
            timeout=settings.coach_openai_timeout_seconds,
        )
    return RuleBasedCoach()


async def build(runtime: Runtime) -> ChatServices:
    settings = runtime.infra.settings
    chat = ChatService(
        conversations=ConversationRepository(),
        messages=MessageRepository(),
        reads=ReadStateRepository(),
        feed=LiveFeed(runtime.infra.pubsub),
        publisher=runtime.publisher,
    )
    coach = CoachService(
        chat=chat,
        provider=coach_provider(settings),
        memory=CoachMemoryRepository(),
        publisher=runtime.publisher,
        goal_link_base=settings.public_base_url,
    )
    chat.coach = coach
    runtime.spawn(coach.run(), name="coach")
    register_consumers(runtime.infra.bus, chat, coach)
    return ChatServices(chat=chat, coach=coach)


subgraph = SubgraphDefinition(name="chat", schema=schema, models=MODELS, build=build)
