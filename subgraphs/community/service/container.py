"""The community services container: what `build()` hands to resolvers and consumers."""

from __future__ import annotations

from dataclasses import dataclass

from subgraphs.community.service.comments import CommentService
from subgraphs.community.service.deps import Deps, Repos
from subgraphs.community.service.erasure import ErasureService
from subgraphs.community.service.feeds import FeedService
from subgraphs.community.service.goals import GoalService
from subgraphs.community.service.moderation import ModerationService
from subgraphs.community.service.posts import PostService
from subgraphs.community.service.reactions import ReactionService
from subgraphs.community.service.scope import Viewer, load_viewer
from subgraphs.community.service.social import SocialService


@dataclass(frozen=True)
class CommunityServices:
    # For the services' own use (and tests' checks of what was stored): resolvers
    # go through the services below, never to a repository.
    repos: Repos
    posts: PostService
    reactions: ReactionService
    comments: CommentService
    social: SocialService
    feeds: FeedService
    goals: GoalService
    moderation: ModerationService
    erasure: ErasureService

    async def viewer(self, user_id: str | None, *, moderator: bool = False) -> Viewer:
        return await load_viewer(self.repos, user_id, moderator=moderator)


def build_services(deps: Deps) -> CommunityServices:
    posts = PostService(deps)
    comments = CommentService(deps, posts)
    social = SocialService(deps)
    return CommunityServices(
        repos=deps.repos,
        posts=posts,
        reactions=ReactionService(deps, posts),
        comments=comments,
        social=social,
        feeds=FeedService(deps),
        goals=GoalService(deps),
        moderation=ModerationService(deps, posts, comments),
        erasure=ErasureService(deps, posts, comments, social),
    )
