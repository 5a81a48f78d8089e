"""All community data access."""

from subgraphs.community.repository.base import Session
from subgraphs.community.repository.goals import GoalRepository
from subgraphs.community.repository.interactions import (
    CommentRepository,
    LikeRepository,
    SaveRepository,
)
from subgraphs.community.repository.media import CompletedMediaRepository
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
    "CompletedMediaRepository",
    "FollowRepository",
    "GoalRepository",
    "LikeRepository",
    "PostRepository",
    "ProfileRepository",
    "ReportRepository",
    "SaveRepository",
    "Session",
]
