"""The coach's spoken replies: the speech request checked by a loopback provider, the audio
kept as the asker's voice message for the members only, once; failures leave nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from common.db import Database
from common.events import OutboxPublisher
from common.events.catalog import CoachSpeechRequested
from common.events.outbox import COLLECTION
from common.settings import Settings
from common.storage.local import LocalStorage
from common.storage.signing import UrlSigner
from subgraphs.media.domain.purposes import Purpose
from subgraphs.media.models import MediaState
from subgraphs.media.service.container import MediaServices, build_services
from subgraphs.media.service.speech import speaker
from subgraphs.media.service.spoken import SpokenReplies, spoken_media_id
from subgraphs.media.service.uploads import UploadLimits
from tests.subgraphs.media.conftest import Clock
from tests.subgraphs.media.fake_speech import (
    FakeSpeech,
    Mode,
    serve_fake_speech,
    speech_settings,
    wav,
)
from tests.subgraphs.media.test_attachments import sees

REPLY = "Well done! Keep stretching every evening."
REQUEST = CoachSpeechRequested(
    conversation_id="c1",
    message_id="reply-1",
    user_id="ada",
    member_ids=["ada"],
    text=REPLY,
)
Spoken = Callable[..., AbstractAsyncContextManager[tuple[MediaServices, SpokenReplies, FakeSpeech]]]


@pytest.fixture
def spoken(settings: Settings, database: Database, tmp_path: Path, clock: Clock) -> Spoken:
    """Media services whose speech provider is a fake in `mode`, built from settings."""

    @asynccontextmanager
    async def start(
        mode: Mode = "audio", **changes: object
    ) -> AsyncIterator[tuple[MediaServices, SpokenReplies, FakeSpeech]]:
        async with serve_fake_speech(wav(), mode) as (url, fake):
            configured = settings.model_copy(update=speech_settings(url, **changes))
            voice = speaker(configured)
            assert voice is not None
            storage = LocalStorage(tmp_path, base_url="http://unused/s", signer=UrlSigner(b"k"))
            services = build_services(
                storage,
                OutboxPublisher(database),
                limits=UploadLimits(),
                clock=clock,
                speaker=voice,
            )
            assert services.spoken is not None
            try:
                yield services, services.spoken, fake
            finally:
                await voice.aclose()

    return start


async def stored_events(database: Database) -> list[dict[str, object]]:
    rows = await database[COLLECTION].find({"event.type": "media.coach_speech.stored"}).to_list()
    return [row["event"]["data"] for row in rows]


def test_without_a_base_url_there_is_no_speaker(settings: Settings) -> None:
    assert settings.speech_openai_base_url is None
    assert speaker(settings) is None


async def test_the_reply_is_spoken_and_kept_for_the_members_once(
    spoken: Spoken, database: Database, clock: Clock
) -> None:
    async with spoken() as (services, replies, fake):
        await replies.requested(REQUEST, clock.now)
        # A redelivery asks the provider nothing and stores no second copy.
        await replies.requested(REQUEST, clock.now)

        assert fake.problems == []
        assert fake.requests == [
            {"model": "tts-test", "input": REPLY, "voice": "nova", "response_format": "wav"}
        ]
        media_id = spoken_media_id(REQUEST.message_id)
        doc = await services.uploads.media.get(media_id)
        assert doc is not None
        assert (doc.owner_id, doc.purpose, doc.state) == (
            "ada",
            Purpose.VOICE_MESSAGE,
            MediaState.READY,
        )
        assert (doc.content_type, doc.duration_seconds) == ("audio/wav", 1.0)
        assert await services.storage.get(doc.keys["ORIGINAL"]) == wav()
        assert await sees(services, "ada", media_id)
        assert not await sees(services, "eve", media_id)
        # Published each time (the first publish may be what a crash lost), the same.
        event = {
            "media_id": media_id,
            "conversation_id": "c1",
            "message_id": "reply-1",
            "user_id": "ada",
            "duration_seconds": 1.0,
        }
        assert await stored_events(database) == [event, event]


async def test_members_read_the_reply_as_the_request_names_them(
    spoken: Spoken, clock: Clock
) -> None:
    async with spoken() as (services, replies, _):
        group = REQUEST.model_copy(update={"member_ids": ["ada", "bob"]})
        await replies.requested(group, clock.now)
        media_id = spoken_media_id(REQUEST.message_id)
        assert await sees(services, "bob", media_id)
        # Bob left before the request was handled: the newer membership wins.
        await services.attachments.members_changed("c1", ["ada"], clock.now + timedelta(seconds=1))
        assert not await sees(services, "bob", media_id)


@pytest.mark.parametrize("mode", ["error", "not-audio", "hang"])
async def test_a_failing_provider_leaves_the_reply_text_only(
    spoken: Spoken, database: Database, clock: Clock, mode: Mode
) -> None:
    async with spoken(mode, speech_openai_timeout_seconds=0.5) as (services, replies, fake):
        # Best effort: logged and dropped, not raised (no retries, no dead letter).
        await replies.requested(REQUEST, clock.now)
        assert len(fake.requests) == 1
        assert await services.uploads.media.get(spoken_media_id(REQUEST.message_id)) is None
        assert await stored_events(database) == []
