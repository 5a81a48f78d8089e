"""Wires the analytics services: what `build()` hands to resolvers and consumers."""

from __future__ import annotations

from dataclasses import dataclass

from subgraphs.analytics.service.analytics import AnalyticsService, Clock, Outbox, utc_now


@dataclass
class AnalyticsServices:
    analytics: AnalyticsService


def build_services(publisher: Outbox | None, *, clock: Clock = utc_now) -> AnalyticsServices:
    return AnalyticsServices(analytics=AnalyticsService(publisher, clock=clock))
