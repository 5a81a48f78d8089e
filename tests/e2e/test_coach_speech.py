"""The coach answering a voice message aloud, through the router: transcribed by one
loopback provider, the reply spoken by another that checks the request, the audio on the
reply for the member only; a failing speech provider still leaves the text reply."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from pydantic import SecretStr

from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.waiting import eventually, wait_until
from tests.e2e.conftest import Client, serve_lifegraph
from tests.e2e.test_media_attached import send_input
from tests.e2e.test_voice_messages import FakeTranscriptions, voice, wav
from tests.subgraphs.media.fake_speech import (
    FakeSpeech,
    Mode,
    serve_fake_speech,
    speech_settings,
)
from tests.subgraphs.media.fake_speech import wav as spoken_wav

SEND = """mutation($i: SendMessageInput!) { sendMessage(input: $i) { id } }"""
HISTORY = """query($c: ID!) {
  messages(conversationId: $c, first: 20) {
    nodes {
      id author text isStreaming replyTo
      attachments { id purpose contentType durationSeconds url }
    }
  }
}"""
MEDIA = """query($id: ID!) { media(id: $id) { id url } }"""


@asynccontextmanager
async def with_voice_providers(
    settings: Settings, audio: bytes, mode: Mode
) -> AsyncIterator[tuple[str, FakeSpeech]]:
    transcriptions = FakeTranscriptions(audio)
    async with (
        serve_in_loop(transcriptions.app) as listener,
        serve_fake_speech(spoken_wav(1.0), mode) as (speaker, fake),
        serve_lifegraph(
            settings,
            transcription_openai_base_url=f"{listener}/v1",
            transcription_openai_api_key=SecretStr("sk-test"),
            transcription_openai_model="whisper-test",
            **speech_settings(speaker),
        ) as url,
    ):
        yield url, fake


async def ask_aloud(ada: Client, coach: str, audio: bytes) -> str:
    media = await voice(ada, audio)
    sent = (await ada.ok_once_known(SEND, send_input(coach, [media["id"]])))["sendMessage"]
    question: str = sent["id"]
    return question


async def replies_to(ada: Client, coach: str, question: str) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = (await ada.ok(HISTORY, {"c": coach}))["messages"]["nodes"]
    return [m for m in nodes if m["replyTo"] == question and not m["isStreaming"]]


async def test_a_voice_question_is_answered_in_text_and_speech_for_the_member_only(
    settings: Settings, http: httpx.AsyncClient
) -> None:
    audio = wav(2.0)
    async with with_voice_providers(settings, audio, "audio") as (url, fake):
        ada, eve = Client(http, url), Client(http, url)
        await ada.sign_up("Ada")
        await eve.sign_up("Eve")
        coach = (await ada.ok("mutation { openCoachConversation { id } }"))[
            "openCoachConversation"
        ]["id"]
        question = await ask_aloud(ada, coach, audio)

        replies = await eventually(
            lambda: replies_to(ada, coach, question),
            lambda found: len(found) == 1 and bool(found[0]["attachments"]),
        )
        reply = replies[0]
        assert reply["text"]
        assert fake.problems == []
        assert fake.requests == [
            {"model": "tts-test", "input": reply["text"], "voice": "nova", "response_format": "wav"}
        ]
        [spoken] = reply["attachments"]
        assert (spoken["purpose"], spoken["contentType"], spoken["durationSeconds"]) == (
            "VOICE_MESSAGE",
            "audio/wav",
            1.0,
        )
        got = await http.get(spoken["url"])
        assert (got.status_code, got.content) == (200, spoken_wav(1.0))

        # Only the conversation's member reads it: another user gets no URL at all.
        assert (await ada.ok(MEDIA, {"id": spoken["id"]}))["media"]["id"] == spoken["id"]
        assert (await eve.call(MEDIA, {"id": spoken["id"]})).get("data", {}).get("media") is None


async def test_a_failing_speech_provider_still_delivers_the_text_reply_once(
    settings: Settings, http: httpx.AsyncClient
) -> None:
    audio = wav(2.0)
    async with with_voice_providers(settings, audio, "error") as (url, fake):
        ada = Client(http, url)
        await ada.sign_up("Ada")
        coach = (await ada.ok("mutation { openCoachConversation { id } }"))[
            "openCoachConversation"
        ]["id"]
        failed = await ask_aloud(ada, coach, audio)
        [reply] = await eventually(
            lambda: replies_to(ada, coach, failed), lambda found: len(found) == 1
        )
        assert reply["text"]

        # The provider recovers: the next question's reply is spoken. Its audio comes
        # after the first request was handled (one user's events keep their order),
        # so by then the failed reply would have had its own.
        async def asked_once() -> bool:
            return len(fake.requests) == 1

        await wait_until(asked_once)
        fake.mode = "audio"
        recovered = await ask_aloud(ada, coach, audio)
        await eventually(
            lambda: replies_to(ada, coach, recovered),
            lambda found: len(found) == 1 and bool(found[0]["attachments"]),
        )
        assert len(fake.requests) == 2
        assert await replies_to(ada, coach, failed) == [reply]
