"""What every community service is built from, and how a write becomes one transaction."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from pymongo.errors import DuplicateKeyError, PyMongoError

from common.events import OutboxPublisher, OutboxTransaction
from subgraphs.community.repository import (
    ActionRepository,
    BlockRepository,
    CaseRepository,
    CommentRepository,
    FollowRepository,
    GoalRepository,
    LikeRepository,
    PostRepository,
    ProfileRepository,
    ReportRepository,
    SaveRepository,
)
from subgraphs.community.service.limits import ActionLimits

T = TypeVar("T")

# A popular post is written by every like and comment on it, and a transaction
# that meets another's uncommitted write is aborted at once (WriteConflict). So
# many quick attempts with short, capped, jittered waits: a conflict means the
# other writer is about to commit, not that the database is struggling.
WRITE_ATTEMPTS = 60
_BACKOFF_BASE_SECONDS = 0.002
_BACKOFF_CAP_SECONDS = 0.05

Unit = OutboxTransaction


@dataclass(frozen=True)
class Repos:
    posts: PostRepository = field(default_factory=PostRepository)
    comments: CommentRepository = field(default_factory=CommentRepository)
    likes: LikeRepository = field(default_factory=LikeRepository)
    saves: SaveRepository = field(default_factory=SaveRepository)
    follows: FollowRepository = field(default_factory=FollowRepository)
    blocks: BlockRepository = field(default_factory=BlockRepository)
    profiles: ProfileRepository = field(default_factory=ProfileRepository)
    goals: GoalRepository = field(default_factory=GoalRepository)
    reports: ReportRepository = field(default_factory=ReportRepository)
    cases: CaseRepository = field(default_factory=CaseRepository)
    actions: ActionRepository = field(default_factory=ActionRepository)


@dataclass(frozen=True)
class Deps:
    repos: Repos
    publisher: OutboxPublisher
    limits: ActionLimits
    word_filter: tuple[str, ...] = ()

    async def write(self, work: Callable[[Unit], Awaitable[T]]) -> T:
        """Run `work` as ONE transaction with the events it publishes (`unit.publish`).

        Repositories get `session=unit.session` on every call. Either every write
        and event commits, or none does; on a write conflict `work` runs again
        from the start on a fresh snapshot, so it must decide everything inside.
        """
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                async with self.publisher.transaction() as unit:
                    return await work(unit)
            except DuplicateKeyError:
                # A row another transaction committed after our snapshot began:
                # the next attempt sees it (repositories look before inserting).
                if attempt == WRITE_ATTEMPTS:
                    raise
            except PyMongoError as exc:
                if attempt == WRITE_ATTEMPTS or not exc.has_error_label(
                    "TransientTransactionError"
                ):
                    raise
            cap = min(_BACKOFF_CAP_SECONDS, _BACKOFF_BASE_SECONDS * 2**attempt)
            await asyncio.sleep(random.uniform(0, cap))  # noqa: S311
        raise AssertionError("unreachable")
