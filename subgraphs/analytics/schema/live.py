"""`statsChanged`: the owner's devices follow their statistics as events move them."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from typing import Annotated

import strawberry

from subgraphs.analytics.schema.context import Info
from subgraphs.analytics.schema.user import User
from subgraphs.analytics.service.analytics import STATS


@strawberry.type(
    description="Your statistics may have moved: read them from `user` (its `stats`, "
    "`lifeBalance` or `achievements`), and Apollo's cache updates the user in place."
)
class StatsChange:
    cursor: str = strawberry.field(
        description="Its place in your changes: pass it as `after` to resume after it."
    )
    user: User = strawberry.field(description="You, as you are now.")


@strawberry.type(description="Live sync of the viewer's analytics.")
class Subscription:
    @strawberry.subscription(
        description="Each time an event moves your statistics (a goal completed, a check-in, "
        "a like received). With `after`, first one change if any happened since it."
    )
    async def stats_changed(
        self,
        info: Info,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="Resume after this change's `cursor`: what changed since comes "
                "first (once), then live ones."
            ),
        ] = None,
    ) -> AsyncIterator[StatsChange]:
        feed = info.context.services.changes
        # Checked before anything opens: a bad cursor is refused, not a stream that fails.
        since = feed.position(after) if after is not None else None
        return _live(info, since)


async def _live(info: Info, since: int | None) -> AsyncGenerator[StatsChange, None]:
    viewer = await info.context.require_viewer()
    feed = info.context.services.changes
    async with feed.live(viewer.user_id, STATS, after=since) as changes:
        async for change in changes:
            yield StatsChange(
                cursor=feed.cursor(change), user=User(id=strawberry.ID(viewer.user_id))
            )
