"""What the chat subgraph consumes from other subgraphs: each applied exactly once, atomically."""

from __future__ import annotations

from pymongo.asynchronous.client_session import AsyncClientSession

from common.app import Runtime
from common.events import AfterCommit, Event, transactional
from common.events.catalog import (
    CoachActionApplied,
    CoachGoalCreated,
    CoachSpeechStored,
    MediaCompleted,
    UserDeleted,
    UserRegistered,
    UserUpdated,
    VoiceTranscribed,
)
from common.media_refs import MEDIA_COMPLETED
from subgraphs.chat.coach.context import CONTEXT_EVENTS
from subgraphs.chat.service.container import ChatServices


def register_consumers(runtime: Runtime, services: ChatServices) -> None:
    erasure, profiles, coach = services.erasure, services.profiles, services.coach
    context = services.coach_context

    async def on_profile(event: Event, session: AsyncClientSession) -> None:
        change = event.payload()
        if isinstance(change, UserRegistered | UserUpdated):
            await profiles.apply(change, event.time, session=session)

    async def on_user_deleted(event: Event, session: AsyncClientSession) -> AfterCommit:
        return await erasure.erase(UserDeleted.model_validate(event.data).user_id, session=session)

    async def on_coach_goal_created(
        event: Event, session: AsyncClientSession
    ) -> AfterCommit | None:
        return await coach.confirm_goal(CoachGoalCreated.model_validate(event.data), session)

    async def on_media_completed(event: Event) -> None:
        # One idempotent upsert: needs no transaction.
        await services.messages.record_media(MediaCompleted.model_validate(event.data))

    async def on_transcribed(event: Event, session: AsyncClientSession) -> AfterCommit | None:
        voice = VoiceTranscribed.model_validate(event.data)
        return await services.messages.transcribed(voice, session=session)

    runtime.consume("chat.media", [MEDIA_COMPLETED], on_media_completed)
    runtime.consume("chat.transcripts", ["media.voice.transcribed"], transactional(on_transcribed))

    async def on_speech_stored(event: Event, session: AsyncClientSession) -> AfterCommit | None:
        stored = CoachSpeechStored.model_validate(event.data)
        return await services.coach_speech.attach(stored, session=session)

    runtime.consume(
        "chat.coach-speech", ["media.coach_speech.stored"], transactional(on_speech_stored)
    )

    async def on_coach_action_applied(
        event: Event, session: AsyncClientSession
    ) -> AfterCommit | None:
        return await coach.action_applied(CoachActionApplied.model_validate(event.data), session)

    async def on_context(event: Event, session: AsyncClientSession) -> None:
        await context.apply(event, session)

    runtime.consume(
        "chat.coach-actions", ["goals.coach_action.applied"], transactional(on_coach_action_applied)
    )
    runtime.consume("chat.coach-context", CONTEXT_EVENTS, transactional(on_context))
    runtime.consume("chat.user-erasure", ["users.user.deleted"], transactional(on_user_deleted))
    runtime.consume(
        "chat.profiles",
        ["users.user.registered", "users.user.updated"],
        transactional(on_profile),
    )
    runtime.consume(
        "chat.coach-goals", ["goals.coach_goal.created"], transactional(on_coach_goal_created)
    )
