"""Who reads a conversation's attachments, as chat's events arrive (in any order), and
removal with a post or message."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from common.events.catalog import MessageAttached
from subgraphs.media.domain.purposes import Purpose
from subgraphs.media.service.container import MediaServices
from subgraphs.media.service.visibility import Reader
from tests.subgraphs.media.conftest import Clock
from tests.subgraphs.media.test_uploads_service import completed, png

PDF = b"%PDF-1.7\n%%EOF\n"


async def attachment(services: MediaServices, owner: str) -> str:
    doc, _ = await services.uploads.create(
        owner,
        purpose=Purpose.CHAT_ATTACHMENT,
        content_type="application/pdf",
        byte_size=len(PDF),
        checksum_sha256=hashlib.sha256(PDF).hexdigest(),
    )
    await services.storage.put(doc.keys["ORIGINAL"], PDF, content_type="application/pdf")
    await services.uploads.complete(owner, str(doc.id))
    return str(doc.id)


async def sees(services: MediaServices, viewer: str, media_id: str) -> bool:
    try:
        await services.visibility.visible(Reader(viewer), media_id)
    except Exception:
        return False
    return True


async def test_members_read_and_the_newest_membership_wins(
    services: MediaServices, clock: Clock
) -> None:
    media_id = await attachment(services, "ada")
    assert not await sees(services, "bob", media_id)
    sent_at = clock.now
    sent = MessageAttached(
        conversation_id="c1",
        message_id="m1",
        sender_id="ada",
        media_ids=[media_id],
        member_ids=["ada", "bob"],
    )
    await services.attachments.sent_in(sent, sent_at)
    assert await sees(services, "bob", media_id)
    assert not await sees(services, "eve", media_id)

    # Bob removed; then a late redelivery of the older list changes nothing.
    await services.attachments.members_changed("c1", ["ada"], sent_at + timedelta(seconds=1))
    assert not await sees(services, "bob", media_id)
    await services.attachments.sent_in(sent, sent_at)
    assert not await sees(services, "bob", media_id)
    assert await sees(services, "ada", media_id)


async def test_removal_takes_only_the_owners_media_and_is_idempotent(
    services: MediaServices,
) -> None:
    ours, theirs = await completed(services, "ada", png()), await completed(services, "eve", png())
    # An event naming someone else's id removes nothing of theirs.
    assert await services.attachments.owner_removed("ada", [ours, theirs]) == 1
    assert await services.uploads.media.get(ours) is None
    assert await services.uploads.media.get(theirs) is not None
    assert await services.attachments.owner_removed("ada", [ours]) == 0
