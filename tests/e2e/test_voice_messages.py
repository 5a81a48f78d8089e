"""Voice messages through the router: audio verified, transcribed by a loopback provider
that checks the multipart request, the transcript on the message, the coach answering it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from pydantic import SecretStr
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from common.serving import serve_in_loop
from common.settings import Settings
from common.testing.waiting import eventually
from tests.e2e.conftest import Client, NewClient, serve_lifegraph
from tests.e2e.test_media import COMPLETE, code_of, upload
from tests.e2e.test_media_attached import GROUP, send_input
from tests.subgraphs.media.fake_speech import wav as silent_wav

SPOKEN = "Remind me to stretch every evening"
SEND = """mutation($i: SendMessageInput!) {
  sendMessage(input: $i) { id transcript attachments { id durationSeconds url } }
}"""
SEARCH = """query($c: ID!, $q: String!) {
  searchMessages(conversationId: $c, query: $q) { nodes { id transcript } }
}"""
HISTORY = """query($c: ID!) {
  messages(conversationId: $c, first: 20) { nodes { id author text transcript replyTo } }
}"""


def wav(seconds: float = 1.5) -> bytes:
    return silent_wav(seconds)


class FakeTranscriptions:
    """An OpenAI-compatible /v1/audio/transcriptions that refuses a malformed request."""

    def __init__(self, expected: bytes) -> None:
        self.expected = expected
        self.calls = 0
        self.app = Starlette(
            routes=[Route("/v1/audio/transcriptions", self.transcribe, methods=["POST"])]
        )

    async def transcribe(self, request: Request) -> JSONResponse:
        if request.headers.get("authorization") != "Bearer sk-test":
            return JSONResponse({"error": "bad key"}, status_code=401)
        if not request.headers.get("content-type", "").startswith("multipart/form-data"):
            return JSONResponse({"error": "not multipart"}, status_code=400)
        async with request.form() as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or form.get("model") != "whisper-test":
                return JSONResponse({"error": "missing file or model"}, status_code=400)
            data = await upload.read()
            described = (upload.filename, upload.content_type)
        if described != ("voice.wav", "audio/wav") or data != self.expected:
            return JSONResponse({"error": "not the uploaded audio"}, status_code=400)
        self.calls += 1
        return JSONResponse({"text": SPOKEN})


@asynccontextmanager
async def with_transcription(
    settings: Settings, audio: bytes
) -> AsyncIterator[tuple[str, FakeTranscriptions]]:
    fake = FakeTranscriptions(audio)
    async with (
        serve_in_loop(fake.app) as provider,
        serve_lifegraph(
            settings,
            transcription_openai_base_url=f"{provider}/v1",
            transcription_openai_api_key=SecretStr("sk-test"),
            transcription_openai_model="whisper-test",
            # The fake provider is on loopback, which the URL guard refuses otherwise.
            outbound_allowed_networks=["127.0.0.0/8"],
        ) as url,
    ):
        yield url, fake


async def voice(client: Client, audio: bytes) -> dict[str, Any]:
    upload_id = await upload(client, audio, "VOICE_MESSAGE", "audio/wav")
    query = """mutation($id: ID!) {
      completeUpload(input: {uploadId: $id}) { id contentType durationSeconds }
    }"""
    media: dict[str, Any] = (await client.ok(query, {"id": upload_id}))["completeUpload"]
    return media


async def test_a_voice_message_is_transcribed_for_the_conversations_members(
    settings: Settings, http: httpx.AsyncClient
) -> None:
    audio = wav()
    async with with_transcription(settings, audio) as (url, fake):
        ada, bob = Client(http, url), Client(http, url)
        await ada.sign_up("Ada")
        bob_id = await bob.sign_up("Bob")
        group = (await ada.ok_once_known(GROUP, {"i": {"title": "Gym", "memberIds": [bob_id]}}))[
            "createGroupConversation"
        ]["id"]
        media = await voice(ada, audio)
        assert (media["contentType"], media["durationSeconds"]) == ("audio/wav", 1.5)

        sent = (await ada.ok_once_known(SEND, send_input(group, [media["id"]])))["sendMessage"]
        assert sent["attachments"][0]["durationSeconds"] == 1.5

        async def bobs_view() -> list[Any]:
            nodes: list[Any] = (await bob.ok(HISTORY, {"c": group}))["messages"]["nodes"]
            return nodes

        nodes = await eventually(bobs_view, lambda n: n[0]["transcript"] is not None)
        assert nodes[0]["transcript"] == SPOKEN
        assert fake.calls == 1

        # The transcript is searchable by the members, by word and by word start.
        for query in ("stretch evening", "STRETCH", "even"):
            found = await bob.ok(SEARCH, {"c": group, "q": query})
            assert [m["id"] for m in found["searchMessages"]["nodes"]] == [sent["id"]]
        assert (await bob.ok(SEARCH, {"c": group, "q": "yoga"}))["searchMessages"]["nodes"] == []
        eve = Client(http, url)
        await eve.sign_up("Eve")
        body = await eve.call(SEARCH, {"c": group, "q": "stretch"})
        assert code_of(body) == "FORBIDDEN"


async def test_a_voice_question_to_the_coach_is_answered_from_its_transcript(
    settings: Settings, http: httpx.AsyncClient
) -> None:
    audio = wav(2.0)
    async with with_transcription(settings, audio) as (url, _):
        ada = Client(http, url)
        await ada.sign_up("Ada")
        coach = (await ada.ok("mutation { openCoachConversation { id } }"))[
            "openCoachConversation"
        ]["id"]
        media = await voice(ada, audio)
        sent = (await ada.ok_once_known(SEND, send_input(coach, [media["id"]])))["sendMessage"]

        async def history() -> list[Any]:
            nodes: list[Any] = (await ada.ok(HISTORY, {"c": coach}))["messages"]["nodes"]
            return nodes

        nodes = await eventually(
            history, lambda n: any(m["author"] == "COACH" and m["text"] for m in n)
        )
        reply = next(m for m in nodes if m["author"] == "COACH")
        assert reply["replyTo"] == sent["id"]
        question = next(m for m in nodes if m["id"] == sent["id"])
        assert question["transcript"] == SPOKEN


async def test_without_a_provider_the_audio_is_kept_and_no_transcript(
    new_client: NewClient,
) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    coach = (await ada.ok("mutation { openCoachConversation { id } }"))["openCoachConversation"][
        "id"
    ]
    audio = wav()
    media = await voice(ada, audio)
    sent = (await ada.ok_once_known(SEND, send_input(coach, [media["id"]])))["sendMessage"]
    assert sent["transcript"] is None
    got = await ada.http.get(sent["attachments"][0]["url"])
    assert (got.status_code, got.content) == (200, audio)


async def test_audio_that_is_not_audio_is_refused(new_client: NewClient) -> None:
    ada = new_client()
    await ada.sign_up("Ada")
    for fake, content_type in (
        (b"OggS" + b"\x00" * 60, "audio/ogg"),
        (b"RIFF\x24\x00\x00\x00WAVEjunkjunkjunk", "audio/wav"),
    ):
        upload_id = await upload(ada, fake, "VOICE_MESSAGE", content_type)
        body = await ada.call(COMPLETE, {"id": upload_id})
        assert code_of(body) == "UPLOAD_TYPE_NOT_ALLOWED", body
        # Nothing kept: completing again finds no object.
        again = await ada.call(COMPLETE, {"id": upload_id})
        assert code_of(again) in {"CONFLICT", "UPLOAD_EXPIRED"}
