"""When email and push go out: digest windows and retry back-off. Pure functions, no storage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from subgraphs.notifications.models import Kind

FIRST_RETRY = timedelta(seconds=30)
MAX_RETRY = timedelta(hours=1)
# Kinds whose events pile up on one target: their email/push waits for the end
# of the grouping window, so one message tells the whole burst.
DIGESTED = frozenset({Kind.POST_LIKED, Kind.POST_COMMENTED, Kind.NEW_FOLLOWER, Kind.MESSAGE})
# Kinds counted in people: the same person again in a window is no news.
PER_PERSON = frozenset({Kind.POST_LIKED, Kind.NEW_FOLLOWER})


def delivery_due(kind: Kind, window: int, window_seconds: int, now: datetime) -> datetime:
    """When email/push for a notification in `window` (of `window_seconds`) should go out."""
    if kind not in DIGESTED:
        return now
    return max(now, datetime.fromtimestamp((window + 1) * window_seconds, UTC))


def retry_delay(attempts: int) -> timedelta:
    delay: timedelta = FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(delay, MAX_RETRY)
