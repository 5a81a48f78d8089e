"""What analytics consumes and publishes."""

from __future__ import annotations

from common.app import Runtime
from common.events import transactional
from subgraphs.analytics.service.analytics import AnalyticsService
from subgraphs.analytics.service.projector import PATTERNS

CONSUMER = "analytics.projections"


def register_consumers(runtime: Runtime, service: AnalyticsService) -> None:
    # One transaction per event: processed id, log entry, projections, badges
    # and the achievement's outbox row commit together or not at all.
    runtime.consume(CONSUMER, PATTERNS, transactional(service.handle))
