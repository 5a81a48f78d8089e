"""What analytics consumes and publishes."""

from __future__ import annotations

from common.app import Runtime
from subgraphs.analytics.projector import PATTERNS
from subgraphs.analytics.service import AnalyticsService

CONSUMER = "analytics.projections"
PUBLISHES = ("analytics.achievement.unlocked",)


def register_consumers(runtime: Runtime, service: AnalyticsService) -> None:
    runtime.infra.bus.subscribe(CONSUMER, PATTERNS, service.handle)
