"""The coach's spoken replies on chat's side: a voice question's reply asks media for
speech, in the reply's transaction; a typed one does not; the stored audio is attached
to the reply once, however often media says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bson import ObjectId

from common.events import Event
from common.events.catalog import CoachSpeechStored, MediaCompleted
from common.infra import Infrastructure
from common.settings import Settings
from common.testing.events import wait_processed
from common.testing.waiting import eventually

from .support import Api, captured_events, publish_event

pytestmark = [pytest.mark.redis, pytest.mark.rabbitmq]

ApiFor = Callable[[str], Api]
REPLIES = """query($c: ID!) {
  messages(conversationId: $c, first: 20) {
    nodes { id author text isStreaming replyTo attachments { id } }
  }
}"""
OPEN_COACH = "mutation { openCoachConversation { id } }"


async def reply_to(alice: Api, coach: str, question: str) -> dict[str, Any]:
    async def replies() -> list[dict[str, Any]]:
        nodes: list[dict[str, Any]] = (await alice.data(REPLIES, c=coach))["messages"]["nodes"]
        return [m for m in nodes if m["replyTo"] == question and not m["isStreaming"]]

    answered = await eventually(replies, lambda found: len(found) == 1)
    return answered[0]


async def test_a_voice_questions_reply_is_spoken_and_the_audio_attached_once(
    api: ApiFor, settings: Settings, infra: Infrastructure
) -> None:
    alice = api("alice")
    coach = (await alice.data(OPEN_COACH))["openCoachConversation"]["id"]
    voice_id = str(ObjectId())
    completed = MediaCompleted(media_id=voice_id, owner_id="alice", purpose="VOICE_MESSAGE")
    async with captured_events(settings, "chat.coach.speech_requested") as requests:
        await publish_event(
            settings, Event.of("media.media.completed", user_id="alice", data=completed)
        )
        typed = await alice.send(coach, "how am I doing?")
        await reply_to(alice, coach, typed["id"])

        async def send_voice() -> dict[str, Any]:
            # Refused (NOT_FOUND) until chat's projection has the completed upload.
            return await alice.call(
                """mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }""",
                input={
                    "conversationId": coach,
                    "text": "how am I doing?",
                    "attachmentIds": [voice_id],
                },
            )

        voiced = (await eventually(send_voice, lambda body: "errors" not in body))["data"]
        voiced_id = voiced["sendMessage"]["id"]
        reply = await reply_to(alice, coach, voiced_id)
        # The typed question's reply asked nothing: this is the first request on the bus.
        request = await requests.next()
    assert request.type == "chat.coach.speech_requested"
    assert request.data == {
        "conversation_id": coach,
        "message_id": reply["id"],
        "user_id": "alice",
        "member_ids": ["alice"],
        "text": reply["text"],
    }
    assert reply["text"]
    assert reply["attachments"] == []

    audio_id = str(ObjectId())
    stored = CoachSpeechStored(
        media_id=audio_id,
        conversation_id=coach,
        message_id=reply["id"],
        user_id="alice",
        duration_seconds=1.0,
    )
    first = Event.of("media.coach_speech.stored", user_id="alice", data=stored)
    again = Event.of("media.coach_speech.stored", user_id="alice", data=stored)
    await publish_event(settings, first)
    await publish_event(settings, again)  # as media publishes it after a redelivery
    chat_db = infra.mongo[settings.database_name("chat")]
    await wait_processed(chat_db, "chat.coach-speech", again)
    spoken = await reply_to(alice, coach, voiced_id)
    assert spoken["attachments"] == [{"id": audio_id}]
    assert spoken["text"] == reply["text"]
