from __future__ import annotations

from common.app import Runtime, SubgraphDefinition
from common.export import export_part
from common.settings import AnalyticsSettings
from subgraphs.analytics.events import register_consumers
from subgraphs.analytics.models import MODELS
from subgraphs.analytics.repository.export import OWNED
from subgraphs.analytics.schema import schema
from subgraphs.analytics.service.container import AnalyticsServices, build_services


async def build(runtime: Runtime) -> AnalyticsServices:
    services = build_services(runtime.publisher, pubsub=runtime.infra.pubsub)
    register_consumers(runtime, services.analytics)
    await export_part(runtime, OWNED)
    return services


subgraph = SubgraphDefinition(
    name="analytics", schema=schema, models=MODELS, build=build, settings=AnalyticsSettings
)
