"""What every community service is built from, and how a write becomes one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from common.batching import HotWrites
from common.events import OutboxPublisher, OutboxTransaction
from subgraphs.community.repository import (
    ActionRepository,
    BlockRepository,
    CaseRepository,
    CommentRepository,
    CompletedMediaRepository,
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
    media: CompletedMediaRepository = field(default_factory=CompletedMediaRepository)


@dataclass(frozen=True)
class Deps:
    repos: Repos
    publisher: OutboxPublisher
    limits: ActionLimits
    word_filter: tuple[str, ...] = ()
    hot: HotWrites[Unit] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "hot", HotWrites[Unit](self.write))

    async def write(self, work: Callable[[Unit], Awaitable[T]]) -> T:
        """Run `work` as ONE transaction with the events it publishes (`unit.publish`).

        Repositories get `session=unit.session` on every call. Either every write
        and event commits, or none does; on a write conflict `work` runs again
        from the start on a fresh snapshot, so it must decide everything inside.
        """
        return await self.publisher.run_in_transaction(work, retry_duplicates=True)

    async def write_on(
        self, key: str, work: Callable[[Unit], Awaitable[T]], *, also: Iterable[str] = ()
    ) -> T:
        """`write(work)` for work whose contended document is `key` (a post, a profile).

        Concurrent writes on one key in this process commit together in one
        transaction (`common.batching.HotWrites`), so a like storm on a popular
        post costs a few commits instead of hundreds of conflicting ones. `also`
        names the other contended documents `work` writes (a follow: the
        follower's profile): writes sharing any of them wait for each other
        instead of aborting each other. `work` must raise its domain errors
        before it writes.
        """
        return await self.hot.run(key, work, also=also)
