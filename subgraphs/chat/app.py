"""The chat subgraph, as the launcher and the app factory see it."""

from __future__ import annotations

from contextlib import AsyncExitStack

from common.app import Runtime, SubgraphDefinition
from common.settings import Settings
from common.urlguard import UrlGuard
from subgraphs.chat.coach.openai import OpenAICompatibleCoach
from subgraphs.chat.coach.provider import CoachProvider
from subgraphs.chat.coach.rules import RuleBasedCoach
from subgraphs.chat.coach.service import CoachService
from subgraphs.chat.coach.worker import CoachWorker
from subgraphs.chat.events import register_consumers
from subgraphs.chat.live import LiveFeed
from subgraphs.chat.models import MODELS
from subgraphs.chat.repository import (
    CoachMemoryRepository,
    CoachReplyJobRepository,
    ConversationRepository,
    MessageRepository,
    ProfileRepository,
    ReadStateRepository,
)
from subgraphs.chat.schema import ChatServices, schema
from subgraphs.chat.service import (
    Appender,
    ConversationService,
    Erasure,
    MessageService,
    ProfileService,
    ReadService,
    StreamService,
)


def coach_provider(settings: Settings) -> CoachProvider:
    if settings.coach_openai_base_url:
        key = settings.coach_openai_api_key
        return OpenAICompatibleCoach(
            base_url=settings.coach_openai_base_url,
            api_key=key.get_secret_value() if key else None,
            model=settings.coach_openai_model,
            timeout=settings.coach_openai_timeout_seconds,
            guard=UrlGuard.from_settings(settings),
        )
    return RuleBasedCoach()


async def build(runtime: Runtime, *, answer_coach: bool = True) -> ChatServices:
    """The services; without `answer_coach` no coach worker runs here (replies wait for one)."""
    settings = runtime.infra.settings
    feed = LiveFeed(runtime.infra.pubsub)
    conversation_store = ConversationRepository()
    message_store = MessageRepository()
    reads = ReadStateRepository()
    profile_store = ProfileRepository()
    profiles = ProfileService(profiles=profile_store)
    memory = CoachMemoryRepository()
    jobs = CoachReplyJobRepository()
    conversations = ConversationService(
        conversations=conversation_store,
        reads=reads,
        profiles=profile_store,
        feed=feed,
        publisher=runtime.publisher,
    )
    appender = Appender(
        conversations=conversation_store,
        messages=message_store,
        profiles=profiles,
        feed=feed,
        publisher=runtime.publisher,
    )
    messages = MessageService(
        conversations=conversations,
        appender=appender,
        messages=message_store,
        reads=reads,
        jobs=jobs,
    )
    provider = coach_provider(settings)
    coach = CoachService(
        appender=appender,
        conversation_store=conversation_store,
        message_store=message_store,
        provider=provider,
        memory=memory,
        jobs=jobs,
        goal_link_base=settings.public_base_url,
    )
    erasure = Erasure(
        conversations=conversations,
        conversation_store=conversation_store,
        messages=message_store,
        reads=reads,
        profiles=profile_store,
        memory=memory,
        jobs=jobs,
        feed=feed,
    )
    if answer_coach:
        worker = CoachWorker(jobs=jobs, answer=coach.answer)
        messages.coach_question_stored = worker.wake

        async def answer_replies() -> None:
            # The provider's HTTP client lives as long as the worker that uses it.
            async with AsyncExitStack() as stack:
                if isinstance(provider, OpenAICompatibleCoach):
                    await stack.enter_async_context(provider.connected())
                await worker.run()

        runtime.spawn(answer_replies, name="coach")
    register_consumers(runtime, erasure, profiles, coach)
    return ChatServices(
        conversations=conversations,
        messages=messages,
        profiles=profiles,
        reads=ReadService(
            conversations=conversations, messages=message_store, reads=reads, feed=feed
        ),
        streams=StreamService(conversations=conversations, feed=feed, profiles=profiles),
    )


subgraph = SubgraphDefinition(name="chat", schema=schema, models=MODELS, build=build)
