"""What every community service is built from."""

from __future__ import annotations

from dataclasses import dataclass, field

from common.events import Event, EventPublisher
from subgraphs.community.repository import (
    ActionRepository,
    BlockRepository,
    CaseRepository,
    CommentRepository,
    FollowRepository,
    LikeRepository,
    PostRepository,
    ProfileRepository,
    ReportRepository,
    SaveRepository,
)


@dataclass(frozen=True)
class Repos:
    posts: PostRepository = field(default_factory=PostRepository)
    comments: CommentRepository = field(default_factory=CommentRepository)
    likes: LikeRepository = field(default_factory=LikeRepository)
    saves: SaveRepository = field(default_factory=SaveRepository)
    follows: FollowRepository = field(default_factory=FollowRepository)
    blocks: BlockRepository = field(default_factory=BlockRepository)
    profiles: ProfileRepository = field(default_factory=ProfileRepository)
    reports: ReportRepository = field(default_factory=ReportRepository)
    cases: CaseRepository = field(default_factory=CaseRepository)
    actions: ActionRepository = field(default_factory=ActionRepository)


@dataclass(frozen=True)
class Deps:
    repos: Repos
    publisher: EventPublisher
    word_filter: tuple[str, ...] = ()

    async def publish(self, event: Event) -> None:
        # Called only once the write it announces is in the database.
        await self.publisher.publish(event)
