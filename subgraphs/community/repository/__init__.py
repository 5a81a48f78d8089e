"""All community data access."""

from subgraphs.community.repository.interactions import (
    CommentRepository,
    LikeRepository,
    SaveRepository,
)
from subgraphs.community.repository.moderation import (
    ActionRepository,
    CaseRepository,
    ReportRepository,
)
from subgraphs.community.repository.posts import PostRepository
from subgraphs.community.repository.social import (
    BlockRepository,
    FollowRepository,
    ProfileRepository,
)

__all__ = [
    "ActionRepository",
    "BlockRepository",
    "CaseRepository",
    "CommentRepository",
    "FollowRepository",
    "LikeRepository",
    "PostRepository",
    "ProfileRepository",
    "ReportRepository",
    "SaveRepository",
]
