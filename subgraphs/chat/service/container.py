"""Wires repositories into services: what `build()` hands to resolvers and consumers."""

from __future__ import annotations

from dataclasses import dataclass

from common.events import OutboxPublisher
from common.pubsub import PubSub
from common.settings import ChatSettings
from common.urlguard import UrlGuard
from subgraphs.chat.coach.context import CoachContextProjector
from subgraphs.chat.coach.openai import OpenAICompatibleCoach
from subgraphs.chat.coach.proposals import ProposalService
from subgraphs.chat.coach.provider import CoachProvider
from subgraphs.chat.coach.rules import RuleBasedCoach
from subgraphs.chat.coach.service import CoachService
from subgraphs.chat.coach.speech import CoachSpeech
from subgraphs.chat.coach.worker import CoachWorker
from subgraphs.chat.repository import (
    CoachContextRepository,
    CoachMemoryRepository,
    CoachReplyJobRepository,
    CompletedMediaRepository,
    ConversationRepository,
    MessageRepository,
    ProfileRepository,
    ReadStateRepository,
)
from subgraphs.chat.service.appending import Appender
from subgraphs.chat.service.conversations import ConversationService
from subgraphs.chat.service.erasure import Erasure
from subgraphs.chat.service.live import LiveFeed
from subgraphs.chat.service.messages import MessageService
from subgraphs.chat.service.profiles import ProfileService
from subgraphs.chat.service.reads import ReadService
from subgraphs.chat.service.streams import StreamService


@dataclass
class ChatServices:
    conversations: ConversationService
    messages: MessageService
    profiles: ProfileService
    reads: ReadService
    streams: StreamService
    # The user's answers to what the coach proposed.
    proposals: ProposalService
    # For consumers and the background worker, not for resolvers.
    coach: CoachService
    # Attaches the coach's spoken replies (`media.coach_speech.stored`).
    coach_speech: CoachSpeech
    # Keeps the coach's context from goals' events.
    coach_context: CoachContextProjector
    erasure: Erasure
    # Answers coach questions once run (`app.build` runs it unless told not to).
    coach_worker: CoachWorker
    # What writes the coach's replies; the worker keeps its connection open.
    coach_provider: CoachProvider


def coach_provider(settings: ChatSettings) -> CoachProvider:
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


def build_services(
    *, publisher: OutboxPublisher, pubsub: PubSub, settings: ChatSettings
) -> ChatServices:
    feed = LiveFeed(pubsub)
    conversation_store = ConversationRepository()
    message_store = MessageRepository()
    reads = ReadStateRepository()
    profile_store = ProfileRepository()
    profiles = ProfileService(profiles=profile_store)
    memory = CoachMemoryRepository()
    context = CoachContextRepository()
    jobs = CoachReplyJobRepository()
    media = CompletedMediaRepository()
    conversations = ConversationService(
        conversations=conversation_store,
        reads=reads,
        profiles=profile_store,
        feed=feed,
        publisher=publisher,
    )
    appender = Appender(
        conversations=conversation_store,
        messages=message_store,
        profiles=profiles,
        feed=feed,
        publisher=publisher,
    )
    messages = MessageService(
        conversations=conversations,
        appender=appender,
        messages=message_store,
        reads=reads,
        jobs=jobs,
        media=media,
    )
    provider = coach_provider(settings)
    speech = CoachSpeech(media=media, message_store=message_store, appender=appender)
    coach = CoachService(
        appender=appender,
        conversation_store=conversation_store,
        message_store=message_store,
        provider=provider,
        memory=memory,
        context=context,
        jobs=jobs,
        speech=speech,
        goal_link_base=settings.public_base_url,
    )
    erasure = Erasure(
        conversations=conversations,
        conversation_store=conversation_store,
        messages=message_store,
        reads=reads,
        profiles=profile_store,
        memory=memory,
        context=context,
        jobs=jobs,
        feed=feed,
        media=media,
    )
    return ChatServices(
        conversations=conversations,
        messages=messages,
        profiles=profiles,
        reads=ReadService(
            conversations=conversations, messages=message_store, reads=reads, feed=feed
        ),
        streams=StreamService(
            conversations=conversations, feed=feed, profiles=profiles, messages=message_store
        ),
        proposals=ProposalService(
            appender=appender,
            conversation_store=conversation_store,
            message_store=message_store,
            memory=memory,
        ),
        coach=coach,
        coach_speech=speech,
        coach_context=CoachContextProjector(context),
        erasure=erasure,
        coach_worker=CoachWorker(jobs=jobs, answer=coach.answer),
        coach_provider=provider,
    )
