"""Who reads a post's photos: the post's audience, as community's and users' events
arrive (in any order), checked for a whole batch at once."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from common.events.catalog import PostMediaStatus, PostStatus
from subgraphs.media.models import RelationKind
from subgraphs.media.service.container import MediaServices
from subgraphs.media.service.visibility import Reader
from tests.subgraphs.media.conftest import Clock
from tests.subgraphs.media.test_uploads_service import completed, png

FOLLOW, BLOCK = RelationKind.FOLLOW, RelationKind.BLOCK


async def readers_of(services: MediaServices, media_id: str, *who: str) -> set[str]:
    seen = set()
    for user in who:
        if await services.visibility.visible_many(Reader(user), [media_id]):
            seen.add(user)
    return seen


async def posted(
    services: MediaServices, media_id: str, at: datetime, status: PostStatus = "published"
) -> None:
    post = PostMediaStatus(post_id="p1", author_id="ada", media_ids=[media_id], status=status)
    await services.audience.post_status(post, at)


@pytest.fixture
async def photo(services: MediaServices) -> str:
    return await completed(services, "ada", png())


async def test_an_unposted_photo_is_its_owners_and_a_public_posts_anyones(
    services: MediaServices, clock: Clock, photo: str
) -> None:
    assert await readers_of(services, photo, "ada", "bob") == {"ada"}
    await posted(services, photo, clock.now)
    assert await readers_of(services, photo, "ada", "bob") == {"ada", "bob"}
    # Signed out: nothing.
    assert await services.visibility.visible_many(Reader(None), [photo]) == {}


async def test_followers_only_follows_the_newest_follow_event(
    services: MediaServices, clock: Clock, photo: str
) -> None:
    t0 = clock.now
    await services.audience.privacy_changed("ada", "followers", t0)
    await posted(services, photo, t0)
    assert await readers_of(services, photo, "ada", "bob") == {"ada"}

    await services.audience.relation_changed(FOLLOW, "bob", "ada", active=True, at=t0)
    assert await readers_of(services, photo, "bob", "eve") == {"bob"}
    # Unfollowed; then the older follow redelivered late changes nothing.
    later = t0 + timedelta(seconds=1)
    await services.audience.relation_changed(FOLLOW, "bob", "ada", active=False, at=later)
    await services.audience.relation_changed(FOLLOW, "bob", "ada", active=True, at=t0)
    assert await readers_of(services, photo, "bob") == set()

    # Private: the author alone, followers or not.
    await services.audience.relation_changed(FOLLOW, "eve", "ada", active=True, at=later)
    await services.audience.privacy_changed("ada", "private", later)
    assert await readers_of(services, photo, "ada", "bob", "eve") == {"ada"}


@pytest.mark.parametrize(("blocker", "blocked"), [("ada", "bob"), ("bob", "ada")])
async def test_a_block_either_way_hides_the_photo(
    services: MediaServices, clock: Clock, photo: str, blocker: str, blocked: str
) -> None:
    await posted(services, photo, clock.now)
    await services.audience.relation_changed(BLOCK, blocker, blocked, active=True, at=clock.now)
    assert await readers_of(services, photo, "ada", "bob", "eve") == {"ada", "eve"}
    lifted = clock.now + timedelta(seconds=1)
    await services.audience.relation_changed(BLOCK, blocker, blocked, active=False, at=lifted)
    assert await readers_of(services, photo, "bob") == {"bob"}


async def test_moderation_status_decides_as_for_the_post(
    services: MediaServices, clock: Clock, photo: str
) -> None:
    await posted(services, photo, clock.now, "held")
    assert await readers_of(services, photo, "ada", "bob") == {"ada"}
    await posted(services, photo, clock.now + timedelta(seconds=1), "removed")
    assert await readers_of(services, photo, "ada", "bob") == set()
    moderator = Reader("mod", moderator=True)
    assert await services.visibility.visible_many(moderator, [photo])
    # A late "held" (older) does not bring it back to its author.
    await posted(services, photo, clock.now, "held")
    assert await readers_of(services, photo, "ada") == set()


async def test_a_batch_is_decided_together(services: MediaServices, clock: Clock) -> None:
    photos = [await completed(services, "ada", png()) for _ in range(3)]
    others = await completed(services, "cy", png())
    post = PostMediaStatus(post_id="p1", author_id="ada", media_ids=photos, status="published")
    await services.audience.post_status(post, clock.now)
    await services.audience.privacy_changed("ada", "followers", clock.now)
    # cy's photo named in ada's post is not attached: only the author's own ids count.
    sneaky = PostMediaStatus(post_id="p2", author_id="ada", media_ids=[others], status="published")
    await services.audience.post_status(sneaky, clock.now)

    seen = await services.visibility.visible_many(Reader("bob"), [*photos, others, "0" * 24])
    assert seen == {}
    await services.audience.relation_changed(FOLLOW, "bob", "ada", active=True, at=clock.now)
    seen = await services.visibility.visible_many(Reader("bob"), [*photos, others])
    assert sorted(seen) == sorted(photos)


async def test_erasure_forgets_the_users_ties(
    services: MediaServices, clock: Clock, photo: str
) -> None:
    await services.audience.privacy_changed("ada", "followers", clock.now)
    await services.audience.relation_changed(FOLLOW, "bob", "ada", active=True, at=clock.now)
    await posted(services, photo, clock.now)
    assert await readers_of(services, photo, "bob") == {"bob"}
    await services.audience.erase("bob")
    # His follow went with his account: an id reused by nobody reads nothing.
    assert await readers_of(services, photo, "bob") == set()
