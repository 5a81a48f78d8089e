from __future__ import annotations

from common.app import Runtime, SubgraphDefinition
from subgraphs.analytics.events import register_consumers
from subgraphs.analytics.models import MODELS
from subgraphs.analytics.schema import Services, schema
from subgraphs.analytics.service import AnalyticsService


async def build(runtime: Runtime) -> Services:
    service = AnalyticsService(runtime.publisher)
    register_consumers(runtime, service)
    return Services(analytics=service)


subgraph = SubgraphDefinition(name="analytics", schema=schema, models=MODELS, build=build)
