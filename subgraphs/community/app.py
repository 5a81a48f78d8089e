"""The community subgraph: posts, comments, likes, follows, feeds, moderation, search."""

from __future__ import annotations

from common.app import Runtime, SubgraphDefinition
from common.export import export_part
from common.settings import CommunitySettings
from subgraphs.community.events import register_consumers
from subgraphs.community.models import MODELS
from subgraphs.community.repository.export import OWNED
from subgraphs.community.schema import schema
from subgraphs.community.service.container import CommunityServices, build_services
from subgraphs.community.service.deps import Deps, Repos
from subgraphs.community.service.limits import ActionLimits


async def build(runtime: Runtime) -> CommunityServices:
    settings = runtime.settings(CommunitySettings)
    deps = Deps(
        repos=Repos(),
        publisher=runtime.publisher,
        limits=ActionLimits.from_settings(runtime.infra.rate_limiter, settings),
        word_filter=tuple(settings.community_word_filter),
    )
    services = build_services(deps)
    register_consumers(runtime, services)
    await export_part(runtime, OWNED)
    return services


subgraph = SubgraphDefinition(
    name="community", schema=schema, models=MODELS, build=build, settings=CommunitySettings
)
