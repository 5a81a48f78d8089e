"""Wires the analytics services: what `build()` hands to resolvers and consumers."""

from __future__ import annotations

from dataclasses import dataclass

from common.livesync import ChangeFeed
from common.pubsub import PubSub
from common.pubsub.memory import InMemoryPubSub
from subgraphs.analytics.models import AnalyticsChange
from subgraphs.analytics.service.analytics import AnalyticsService, Clock, Outbox, utc_now


@dataclass
class AnalyticsServices:
    analytics: AnalyticsService
    changes: ChangeFeed


def build_services(
    publisher: Outbox | None, *, pubsub: PubSub | None = None, clock: Clock = utc_now
) -> AnalyticsServices:
    """Without `pubsub` (tests of one process), live sync fans out in memory."""
    changes = ChangeFeed("analytics", AnalyticsChange, pubsub or InMemoryPubSub())
    return AnalyticsServices(
        analytics=AnalyticsService(publisher, clock=clock, changes=changes), changes=changes
    )
