"""Writes and their events commit together or not at all; counts stay exact under moderation."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from pymongo.asynchronous.client_session import AsyncClientSession

from common.db import Database
from common.errors import NotFound
from common.events import Event, OutboxPublisher
from common.infra import Infrastructure
from subgraphs.community.models import Category, ContentStatus, ModerationActionKind, TargetType
from subgraphs.community.service.container import CommunityServices, build_services
from subgraphs.community.service.posts import PostDraft
from subgraphs.community.service.scope import Viewer
from tests.subgraphs.community.conftest import make_deps

ana, bob = Viewer("ana"), Viewer("bob")


class BrokenOutbox(OutboxPublisher):
    """The outbox row is written inside the transaction, then the publish fails.

    Exactly what a process dying at that moment leaves behind: an open
    transaction the server never commits.
    """

    async def publish(self, event: Event, *, session: AsyncClientSession | None = None) -> None:
        await super().publish(event, session=session)
        if session is not None:
            raise RuntimeError("publisher died mid-transaction")


@pytest.fixture
def broken(infra: Infrastructure, database: Database) -> CommunityServices:
    """The same services over the same database, with the broken outbox."""
    return build_services(make_deps(infra, database, publisher=BrokenOutbox(database)))


async def _state(database: Database) -> dict[str, Any]:
    """Everything the community database holds that a write could have changed."""
    names = ["posts", "comments", "likes", "follows", "outbox", "moderation_cases"]
    counts = {name: await database[name].count_documents({}) for name in names}
    posts = [
        (row["like_count"], row["comment_count"])
        async for row in database["posts"].find({}, sort=[("_id", 1)])
    ]
    profiles = [
        (row["user_id"], row["follower_count"], row["following_count"], row["deleted"])
        async for row in database["profiles"].find({}, sort=[("user_id", 1)])
    ]
    return {"counts": counts, "posts": posts, "profiles": profiles}


Write = Callable[[CommunityServices, str], Awaitable[object]]

WRITES: dict[str, Write] = {
    "create post": lambda s, _: s.posts.create(
        bob, PostDraft(text="new", category=Category.GENERAL)
    ),
    "like": lambda s, post_id: s.reactions.like(bob, post_id),
    "comment": lambda s, post_id: s.comments.add(bob, post_id, "nice"),
    "follow": lambda s, _: s.social.follow(bob, "ana"),
    "block ends follows": lambda s, _: s.social.block(ana, "carl"),
    "report": lambda s, post_id: s.moderation.report(bob, TargetType.POST, post_id, "spam"),
    "erase a user": lambda s, _: s.erasure.erase_user("carl"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
async def test_a_failed_publish_leaves_no_write_behind(
    write: Write, services: CommunityServices, broken: CommunityServices, database: Database
) -> None:
    carl = Viewer("carl")
    post = await services.posts.create(ana, PostDraft(text="hi", category=Category.GENERAL))
    await services.reactions.like(carl, str(post.id))
    await services.comments.add(carl, str(post.id), "first")
    await services.social.follow(carl, "ana")
    await services.social.follow(Viewer("ana"), "carl")
    before = await _state(database)

    with pytest.raises(RuntimeError, match="publisher died"):
        await write(broken, str(post.id))

    assert await _state(database) == before
    # The same write through a working outbox commits, with its event.
    await write(services, str(post.id))
    after = await _state(database)
    assert after != before
    assert after["counts"]["outbox"] > before["counts"]["outbox"]


async def test_each_write_stores_its_event_in_the_outbox(
    services: CommunityServices, database: Database
) -> None:
    post = await services.posts.create(ana, PostDraft(text="hi", category=Category.GENERAL))
    await services.reactions.like(bob, str(post.id))
    await services.reactions.like(bob, str(post.id))  # nothing changed, nothing announced
    rows = [row["type"] async for row in database["outbox"].find({}, sort=[("_id", 1)])]
    assert rows == ["community.post.created", "community.post.liked"]


def _visible(rows: list[dict[str, Any]]) -> int:
    status = {str(r["_id"]): r["status"] for r in rows}
    published = ContentStatus.PUBLISHED.value
    return sum(
        1
        for r in rows
        if r["status"] == published
        and (r["parent_id"] is None or status.get(r["parent_id"]) == published)
    )


async def test_comment_count_stays_exact_while_a_thread_is_moderated(
    services: CommunityServices, database: Database
) -> None:
    post = await services.posts.create(ana, PostDraft(text="hi", category=Category.GENERAL))
    post_id = str(post.id)
    thread = str((await services.comments.add(bob, post_id, "top")).id)
    replies = [
        str((await services.comments.add(Viewer(f"r{i}"), post_id, "re", parent_id=thread)).id)
        for i in range(6)
    ]
    mod = Viewer("mo", moderator=True)

    async def moderate(action: ModerationActionKind, comment_id: str) -> None:
        await services.moderation.act(mod, action, TargetType.COMMENT, comment_id, "check")

    hide, restore = ModerationActionKind.HIDE, ModerationActionKind.RESTORE
    work: list[Awaitable[object]] = [
        services.comments.add(Viewer(f"u{i}"), post_id, f"reply {i}", parent_id=thread)
        for i in range(12)
    ]
    for _ in range(4):
        work += [moderate(hide, thread), moderate(restore, thread)]
    for reply in replies:
        work += [moderate(hide, reply), moderate(restore, reply), moderate(hide, reply)]
    results = await asyncio.gather(*work, return_exceptions=True)
    # Replying fails only while the thread is hidden: it is not there for the replier.
    assert all(isinstance(r, NotFound) for r in results if isinstance(r, BaseException)), results

    rows = await database["comments"].find({"post_id": post_id}).to_list()
    stored = await services.repos.posts.get(post_id)
    assert stored is not None
    assert len(rows) == 7 + sum(not isinstance(r, BaseException) for r in results[:12])
    assert stored.comment_count == _visible(rows)
