"""Who may see what: privacy, blocks and moderation status, as checks and as query filters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from common.errors import Forbidden, Unauthenticated
from common.post_audience import PostView, sees_post
from subgraphs.community.models import ContentStatus, GoalAccess, GoalRef, Post, Privacy, Profile
from subgraphs.community.repository import Session
from subgraphs.community.service.deps import Repos

# Fan-out-on-read puts the followed ids in one `$in`; these caps keep it bounded.
MAX_FOLLOWING = 2000
MAX_BLOCKS = 1000


@dataclass(frozen=True)
class Viewer:
    user_id: str | None = None
    moderator: bool = False
    following: frozenset[str] = frozenset()
    # Users this viewer blocked or was blocked by: hidden from each other.
    hidden: frozenset[str] = frozenset()

    def require_user(self) -> str:
        if self.user_id is None:
            raise Unauthenticated()
        return self.user_id

    def can_see_author(self, author_id: str, privacy: Privacy) -> bool:
        if author_id == self.user_id:
            return True
        if author_id in self.hidden:
            return False
        if privacy is Privacy.PUBLIC:
            return True
        return privacy is Privacy.FOLLOWERS and author_id in self.following

    def can_see_post(self, post: Post) -> bool:
        # The kit's rule: media applies the same one to the post's photos.
        view = PostView(
            author_id=post.author_id,
            status=post.status.value,
            privacy=post.author_privacy.value,
            follows_author=post.author_id in self.following,
            blocked=post.author_id in self.hidden,
        )
        return sees_post(view, viewer_id=self.user_id, moderator=self.moderator)

    def can_see_goal(self, goal: GoalRef | GoalAccess) -> bool:
        """The goals subgraph's rule: owner, anyone for PUBLIC, followers for FOLLOWERS."""
        if goal.deleted:
            return False
        return self.can_see_author(goal.owner_id, goal.visibility)

    def shows_goal_link(self, author_id: str, goal: GoalRef | GoalAccess | None) -> bool:
        """Whether this viewer sees a post by `author_id` linked to its goal.

        Only the goal's owner may link it, and only viewers who may see the goal
        see the link. A goal the projection has not heard of yet (its event is
        still on the way) is shown to the post's author alone.
        """
        if goal is None:
            return author_id == self.user_id
        return goal.owner_id == author_id and self.can_see_goal(goal)

    def audience_filter(self) -> dict[str, Any]:
        """Published posts this viewer may see, whoever wrote them."""
        allowed: list[dict[str, Any]] = [
            {"author_privacy": Privacy.PUBLIC},
            {"author_privacy": Privacy.FOLLOWERS, "author_id": {"$in": sorted(self.following)}},
        ]
        if self.user_id:
            allowed.append({"author_id": self.user_id})
        return {
            "status": ContentStatus.PUBLISHED,
            "author_id": {"$nin": sorted(self.hidden)},
            "$or": allowed,
        }

    def discovery_filter(self) -> dict[str, Any]:
        """Trending, category and search feeds show public authors only."""
        return {
            "status": ContentStatus.PUBLISHED,
            "author_privacy": Privacy.PUBLIC,
            "author_id": {"$nin": sorted(self.hidden)},
        }


async def load_viewer(repos: Repos, user_id: str | None, *, moderator: bool = False) -> Viewer:
    if user_id is None:
        return Viewer()
    # On every signed-in request: one database command for both sets.
    following, hidden = await repos.follows.circle(
        user_id, max_following=MAX_FOLLOWING, max_blocks=MAX_BLOCKS
    )
    return Viewer(user_id, moderator, frozenset(following), frozenset(hidden))


def privacy_of(profile: Profile | None) -> Privacy:
    # Before the users subgraph has told us anything, its default applies: public.
    return profile.privacy if profile else Privacy.PUBLIC


async def ensure_active(repos: Repos, user_id: str, *, session: Session) -> Profile:
    """Start a write on the user's behalf: a deleted user's still-valid token writes nothing.

    It writes the user's profile (`lock`), so this transaction conflicts with a
    concurrent erasure instead of adding rows the erasure has already swept.
    """
    profile = await repos.profiles.lock(user_id, session=session)
    if profile.deleted:
        raise Forbidden("This account has been deleted.")
    return profile
