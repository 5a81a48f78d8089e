"""Per-user throttles on writes that others see: posting, commenting, liking, reporting."""

from __future__ import annotations

import enum
from collections.abc import Mapping

from common.errors import RateLimited
from common.ratelimit import RateLimiter
from common.settings import CommunitySettings, RateLimit


class Action(enum.Enum):
    POST = "post"
    COMMENT = "comment"
    LIKE = "like"
    REPORT = "report"


_NOUNS = {
    Action.POST: "posts",
    Action.COMMENT: "comments",
    Action.LIKE: "likes",
    Action.REPORT: "reports",
}


class ActionLimits:
    def __init__(self, limiter: RateLimiter, rules: Mapping[Action, RateLimit | None]) -> None:
        self._limiter = limiter
        self._rules = dict(rules)

    @classmethod
    def from_settings(cls, limiter: RateLimiter, settings: CommunitySettings) -> ActionLimits:
        return cls(
            limiter,
            {
                Action.POST: settings.community_post_rate,
                Action.COMMENT: settings.community_comment_rate,
                Action.LIKE: settings.community_like_rate,
                Action.REPORT: settings.community_report_rate,
            },
        )

    async def spend(self, action: Action, user_id: str) -> None:
        """Count one attempt; RATE_LIMITED once the user is past the window's allowance."""
        rule = self._rules.get(action)
        if rule is None:
            return
        window = await self._limiter.hit(
            f"community:{action.value}:{user_id}", window_seconds=rule.window_seconds
        )
        if window.count > rule.limit:
            retry_after = max(window.retry_after, 1)
            raise RateLimited(
                f"Too many {_NOUNS[action]}: at most {rule.limit} per "
                f"{rule.window_seconds} s. Try again in {retry_after} s.",
                retry_after=retry_after,
            )
